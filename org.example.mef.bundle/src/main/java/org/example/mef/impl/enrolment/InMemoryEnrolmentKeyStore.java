package org.example.mef.impl.enrolment;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Enrolment Keys in the heap only: for tests and for a MEF configured without a data directory. */
public final class InMemoryEnrolmentKeyStore implements EnrolmentKeyStore {
    private final Map<String, EnrolmentRecord> byKeId = new ConcurrentHashMap<>();

    @Override
    public void put(EnrolmentRecord record) { byKeId.put(EnrolmentRecordCodec.lookupKey(record.keId()), record); }

    @Override
    public Optional<EnrolmentRecord> byKeId(String keId) {
        try {
            return Optional.ofNullable(byKeId.get(EnrolmentRecordCodec.lookupKey(keId)));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    @Override
    public int removeExpired(Instant now) {
        int before = byKeId.size();
        byKeId.values().removeIf(r -> !r.liveAt(now));
        return before - byKeId.size();
    }

    @Override
    public long count() { return byKeId.size(); }

    @Override
    public String location() { return "memory (not durable)"; }

    @Override
    public void close() { byKeId.clear(); }
}
