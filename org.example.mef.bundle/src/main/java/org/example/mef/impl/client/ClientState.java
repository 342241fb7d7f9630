package org.example.mef.impl.client;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.example.tef.api.EnrolmentKey;
import org.example.tef.client.ClientRecords;
import org.example.tef.client.DistributedKey;
import org.example.tef.client.HeldKeys;
import org.example.tef.client.Registration;
import org.example.tef.client.StateMaps;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * What a MEF Client keeps: its registrations (8.3.5.2.3), the Enrolment Key of its latest registration's handshake
 * (10.3.1; the client is not told when the MEF lets it expire, so it is kept until replaced), the cmdID and status it
 * last reported per registration (8.3.9.2 step 5b, 8.3.9.5.3), and the keys it registered or retrieved (8.3.4.3), as
 * JSON values in {@link StateMaps}. The values hold Ke and key values in base64: the file is as secret as the Kpm the
 * device is provisioned with.
 */
final class ClientState implements HeldKeys, AutoCloseable {
    private static final String REGISTRATIONS = ClientRecords.REGISTRATIONS;
    private static final String ENROLMENT = "enrolmentKey";
    private static final String LAST_REPORTS = "lastReports";
    private static final String KEYS = ClientRecords.KEYS;
    private static final String LATEST = "latest";
    /** The maps of the state, in the order the file's journal knows them: keep it (tef's {@link StateMaps#file}). */
    static final List<String> MAPS = List.of(REGISTRATIONS, ENROLMENT, LAST_REPORTS, KEYS);

    /** A report the client sent: the cmdID and the cmdStatusCode. */
    record Report(String cmdId, int statusCode) {}

    private final StateMaps maps;
    /** The registrations and held keys: tef's records, which a device keeps for its MAF Clients too. */
    private final ClientRecords records;

    ClientState(StateMaps maps) {
        this.maps = maps;
        this.records = new ClientRecords(maps);
    }

    /** The state in {@code file}, or in memory when it is null. */
    static ClientState open(Path file) {
        return new ClientState(file == null ? StateMaps.inMemory(MAPS) : StateMaps.file(file, "the MEF Client state", MAPS));
    }

    String location() { return maps.location(); }

    void putRegistration(Registration r) { records.putRegistration(r); }

    Optional<Registration> registration(String id) { return records.registration(id); }

    List<Registration> registrations() { return records.registrations(); }

    void removeRegistration(String id) {
        records.removeRegistration(id);
        maps.remove(LAST_REPORTS, id);
    }

    void putEnrolmentKey(EnrolmentKey key) {
        JsonObject o = new JsonObject();
        o.addProperty("relativeKeID", key.relativeKeId());
        o.addProperty("mefFqdn", key.mefFqdn());
        o.addProperty("ke", Base64.getEncoder().encodeToString(key.value()));
        maps.put(ENROLMENT, LATEST, o.toString());
    }

    Optional<EnrolmentKey> enrolmentKey() {
        return Optional.ofNullable(maps.get(ENROLMENT, LATEST)).map(json -> {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            return EnrolmentKey.of(o.get("relativeKeID").getAsString(), Base64.getDecoder().decode(o.get("ke").getAsString()),
                    o.get("mefFqdn").getAsString());
        });
    }

    void putLastReport(String registrationId, Report report) {
        JsonObject o = new JsonObject();
        o.addProperty("cmdID", report.cmdId());
        o.addProperty("cmdStatusCode", report.statusCode());
        maps.put(LAST_REPORTS, registrationId, o.toString());
    }

    Optional<Report> lastReport(String registrationId) {
        return Optional.ofNullable(maps.get(LAST_REPORTS, registrationId)).map(json -> {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            return new Report(o.get("cmdID").getAsString(), o.get("cmdStatusCode").getAsInt());
        });
    }

    @Override
    public Optional<DistributedKey> get(String keyIdentifier) { return records.get(keyIdentifier); }

    @Override
    public void put(DistributedKey k) { records.put(k); }

    @Override
    public void remove(String keyIdentifier) { records.remove(keyIdentifier); }

    List<DistributedKey> keys() { return records.keys(); }

    @Override
    public void close() { maps.close(); }
}
