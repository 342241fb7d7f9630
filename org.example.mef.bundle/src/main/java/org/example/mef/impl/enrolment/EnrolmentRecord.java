package org.example.mef.impl.enrolment;

import java.time.Instant;
import java.util.Objects;

import org.example.tef.api.EnrolmentKey;

/**
 * An Enrolment Key the MEF holds (TS-0003 8.3.2.1 step e, 10.3.1): Ke with its KeID, the Enrolee it was established
 * with (the MEF Handshake's authenticated client), and when it stops being usable (the MEF's configured lifetime).
 */
public final class EnrolmentRecord {
    private final EnrolmentKey key;
    private final String enroleeId;
    private final Instant expiresAt;

    public EnrolmentRecord(EnrolmentKey key, String enroleeId, Instant expiresAt) {
        this.key = Objects.requireNonNull(key, "key");
        if (enroleeId == null || enroleeId.isBlank()) throw new IllegalArgumentException("an Enrolment Key belongs to an Enrolee");
        this.enroleeId = enroleeId;
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public EnrolmentKey key() { return key; }
    public String keId() { return key.keId(); }
    public String enroleeId() { return enroleeId; }
    public Instant expiresAt() { return expiresAt; }
    public boolean liveAt(Instant now) { return now.isBefore(expiresAt); }

    /** The KeID, the Enrolee and the expiry; never Ke. */
    @Override
    public String toString() { return "EnrolmentRecord[" + keId() + " of " + enroleeId + " until " + expiresAt + "]"; }
}
