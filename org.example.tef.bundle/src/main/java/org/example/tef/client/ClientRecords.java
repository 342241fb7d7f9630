package org.example.tef.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.example.tef.core.Content;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The registrations a client made (TS-0003 8.3.5.2.3, 8.8.2.3) and the keys it holds (8.3.4.3, 8.8.2.8 NOTE), as JSON
 * values in two maps of {@link StateMaps}, {@value #REGISTRATIONS} and {@value #KEYS}: what a MEF Client keeps in its
 * state file, and what a device keeps for a MAF Client (which holds its keys in memory), so that a restarted device
 * recognises a registration or key it already has. The values hold key values in base64: the file is as secret as the
 * credential the client authenticates with.
 *
 * @since 1.2
 */
public final class ClientRecords implements HeldKeys {
    public static final String REGISTRATIONS = "registrations";
    public static final String KEYS = "keys";

    private final StateMaps maps;

    /** @param maps maps that include {@value #REGISTRATIONS} and {@value #KEYS} */
    public ClientRecords(StateMaps maps) { this.maps = maps; }

    public void putRegistration(Registration r) {
        JsonObject o = new JsonObject();
        o.addProperty("id", r.registrationId);
        o.add("lbl", Content.strings(r.labels));
        if (r.expirationTime != null) o.addProperty("et", r.expirationTime.toString());
        o.addProperty("clientId", r.clientId);
        if (r.adminFqdn != null) o.addProperty("adminFQDN", r.adminFqdn);
        maps.put(REGISTRATIONS, r.registrationId, o.toString());
    }

    public Optional<Registration> registration(String id) {
        return Optional.ofNullable(maps.get(REGISTRATIONS, id)).map(ClientRecords::registrationOf);
    }

    /** In key order of the file (registration IDs). */
    public List<Registration> registrations() {
        List<Registration> all = new ArrayList<>();
        for (String v : maps.all(REGISTRATIONS).values()) all.add(registrationOf(v));
        return all;
    }

    public void removeRegistration(String id) { maps.remove(REGISTRATIONS, id); }

    private static Registration registrationOf(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        return new Registration(o.get("id").getAsString(), strings(o.getAsJsonArray("lbl")), instant(o.get("et")),
                o.has("clientId") && !o.get("clientId").isJsonNull() ? o.get("clientId").getAsString() : null,
                o.has("adminFQDN") ? o.get("adminFQDN").getAsString() : null);
    }

    @Override
    public Optional<DistributedKey> get(String keyIdentifier) {
        return Optional.ofNullable(maps.get(KEYS, HeldKeys.canonical(keyIdentifier))).map(ClientRecords::keyOf);
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

    /** Every key held (registered or retrieved), in key order of the file. */
    public List<DistributedKey> keys() {
        List<DistributedKey> all = new ArrayList<>();
        for (String v : maps.all(KEYS).values()) all.add(keyOf(v));
        return all;
    }

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
}
