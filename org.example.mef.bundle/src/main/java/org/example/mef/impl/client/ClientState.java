package org.example.mef.impl.client;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.example.tef.api.EnrolmentKey;
import org.example.tef.client.DistributedKey;
import org.example.tef.client.HeldKeys;
import org.example.tef.client.Registration;
import org.example.tef.client.StateMaps;
import org.example.tef.core.Content;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
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
    private static final String REGISTRATIONS = "registrations";
    private static final String ENROLMENT = "enrolmentKey";
    private static final String LAST_REPORTS = "lastReports";
    private static final String KEYS = "keys";
    private static final String LATEST = "latest";
    /** The maps of the state, in the order the file's journal knows them: keep it (tef's {@link StateMaps#file}). */
    static final List<String> MAPS = List.of(REGISTRATIONS, ENROLMENT, LAST_REPORTS, KEYS);

    /** A report the client sent: the cmdID and the cmdStatusCode. */
    record Report(String cmdId, int statusCode) {}

    private final StateMaps maps;

    ClientState(StateMaps maps) { this.maps = maps; }

    /** The state in {@code file}, or in memory when it is null. */
    static ClientState open(Path file) {
        return new ClientState(file == null ? StateMaps.inMemory(MAPS) : StateMaps.file(file, "the MEF Client state", MAPS));
    }

    String location() { return maps.location(); }

    void putRegistration(Registration r) {
        JsonObject o = new JsonObject();
        o.addProperty("id", r.registrationId);
        o.add("lbl", Content.strings(r.labels));
        if (r.expirationTime != null) o.addProperty("et", r.expirationTime.toString());
        o.addProperty("clientId", r.clientId);
        if (r.adminFqdn != null) o.addProperty("adminFQDN", r.adminFqdn);
        maps.put(REGISTRATIONS, r.registrationId, o.toString());
    }

    Optional<Registration> registration(String id) { return Optional.ofNullable(maps.get(REGISTRATIONS, id)).map(ClientState::registrationOf); }

    List<Registration> registrations() {
        List<Registration> all = new ArrayList<>();
        for (String v : maps.all(REGISTRATIONS).values()) all.add(registrationOf(v));
        return all;
    }

    void removeRegistration(String id) {
        maps.remove(REGISTRATIONS, id);
        maps.remove(LAST_REPORTS, id);
    }

    private static Registration registrationOf(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        return new Registration(o.get("id").getAsString(), strings(o.getAsJsonArray("lbl")), instant(o.get("et")),
                o.get("clientId").getAsString(), o.has("adminFQDN") ? o.get("adminFQDN").getAsString() : null);
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
    public Optional<DistributedKey> get(String keyIdentifier) {
        return Optional.ofNullable(maps.get(KEYS, HeldKeys.canonical(keyIdentifier))).map(ClientState::keyOf);
    }

    @Override
    public void put(DistributedKey k) {
        JsonObject o = new JsonObject();
        o.addProperty("keyIdentifier", k.keyIdentifier);
        o.addProperty("relativeKeyID", k.relativeKeyId);
        o.addProperty("et", k.expirationTime.toString());
        o.addProperty("source", k.sourceClientId);
        o.addProperty("adminFQDN", k.adminFqdn);
        o.addProperty("suid", k.suid);
        o.add("targetIDs", Content.strings(k.targetIds));
        o.add("lbl", Content.strings(k.labels));
        o.addProperty("value", Base64.getEncoder().encodeToString(k.value()));
        maps.put(KEYS, HeldKeys.canonical(k.keyIdentifier), o.toString());
    }

    @Override
    public void remove(String keyIdentifier) { maps.remove(KEYS, HeldKeys.canonical(keyIdentifier)); }

    private static DistributedKey keyOf(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        return new DistributedKey(o.get("keyIdentifier").getAsString(), o.get("relativeKeyID").getAsString(), instant(o.get("et")),
                o.get("source").getAsString(), o.get("adminFQDN").getAsString(), o.get("suid").getAsInt(), strings(o.getAsJsonArray("targetIDs")),
                strings(o.getAsJsonArray("lbl")), Base64.getDecoder().decode(o.get("value").getAsString()));
    }

    private static Instant instant(JsonElement e) { return e == null || e.isJsonNull() ? null : Instant.parse(e.getAsString()); }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        if (a != null) for (JsonElement e : a) out.add(e.getAsString());
        return out;
    }

    @Override
    public void close() { maps.close(); }
}
