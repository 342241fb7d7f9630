package org.example.mef.impl.enrolment;

import java.time.Instant;
import java.util.Optional;

/**
 * The MEF's Enrolment Keys, by KeID (its relative part compared without regard to case, 10.6). A put is durable when
 * it returns in the durable implementation: an Enrolee told nothing, but an Enrolment Target that fetches credentials
 * later must find the Ke the handshake established, also after a restart.
 */
public interface EnrolmentKeyStore extends AutoCloseable {
    void put(EnrolmentRecord record);

    /** The record of this KeID, expired or not; empty for an unknown or malformed KeID. */
    Optional<EnrolmentRecord> byKeId(String keId);

    /** Removes every record that expired at {@code now}; returns how many. */
    int removeExpired(Instant now);

    long count();

    /** Where the data lives, for the log. */
    String location();

    @Override
    void close();
}
