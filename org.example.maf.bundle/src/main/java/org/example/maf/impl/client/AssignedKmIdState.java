package org.example.maf.impl.client;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.example.tef.client.StateMaps;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Where a MAF Client of an Enrolment Key keeps the KmID the MAF assigned it (TS-0003 8.8.2.3, 8.8.2.5): one record in
 * tef's {@link StateMaps} (an MVStore file written through the shared group-commit writer, durable on return, or the
 * heap), so that a restarted device uses the KmID without enrolling again. The record names the KeID the Km was
 * derived from: the Km is the usage-constrained key of that Enrolment Key (10.3.7), so the KmID serves only a client
 * configured with the same KeID. It holds no key: the Km is derived again from the Enrolment Key, which the MEF
 * Client keeps.
 * <pre>
 * map "assignedKmId", key "latest": {"keID", "kmID", "clientID" (when known), "registrationID"}
 * </pre>
 */
final class AssignedKmIdState implements AutoCloseable {
    private static final String MAP = "assignedKmId";
    private static final String LATEST = "latest";
    /** The maps of the file, in the order its journal knows them: keep it. */
    private static final List<String> MAPS = List.of(MAP);

    /**
     * A KmID the MAF assigned, for the Km of {@code keId}, in registration {@code registrationId} of {@code clientId}
     * (null when the client did not know its ID: an update answers none). The registration is kept because the KmID ends
     * with it (the MAF stores the Km in the registration, 8.8.2.6).
     */
    record Assignment(String keId, String kmId, String clientId, String registrationId) {
        boolean of(String otherKeId) { return keId.equalsIgnoreCase(otherKeId); }
    }

    private final StateMaps maps;

    private AssignedKmIdState(StateMaps maps) { this.maps = maps; }

    /** The state in {@code file}, or in memory when it is null. */
    static AssignedKmIdState open(Path file) {
        return new AssignedKmIdState(file == null ? StateMaps.inMemory(MAPS) : StateMaps.file(file, "the MAF Client state", MAPS));
    }

    String location() { return maps.location(); }

    Optional<Assignment> assignment() {
        return Optional.ofNullable(maps.get(MAP, LATEST)).map(json -> {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            return new Assignment(o.get("keID").getAsString(), o.get("kmID").getAsString(),
                    o.has("clientID") ? o.get("clientID").getAsString() : null, o.get("registrationID").getAsString());
        });
    }

    /** Durable on return when the state is a file's. */
    void put(Assignment a) {
        JsonObject o = new JsonObject();
        o.addProperty("keID", a.keId());
        o.addProperty("kmID", a.kmId());
        if (a.clientId() != null) o.addProperty("clientID", a.clientId());
        o.addProperty("registrationID", a.registrationId());
        maps.put(MAP, LATEST, o.toString());
    }

    void remove() { maps.remove(MAP, LATEST); }

    @Override
    public void close() { maps.close(); }
}
