package org.example.tef.spi;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A MAF (or MEF) Key Registration (TS-0003 8.8.2.7): the key value a Source Client registered, under which
 * RelativeKeyID, for which SUID and targets, until when. {@link #toString()} never shows the key.
 */
public final class KeyRegistration {
    private final String relativeKeyId;
    private final String sourceClientId;
    private final String adminFqdn;
    private final int suid;
    private final List<String> targetIds;
    private final List<String> labels;
    private final Instant expirationTime;
    private final byte[] keyValue;
    private final Instant createdAt;

    public KeyRegistration(String relativeKeyId, String sourceClientId, String adminFqdn, int suid, List<String> targetIds,
                           List<String> labels, Instant expirationTime, byte[] keyValue, Instant createdAt) {
        this.relativeKeyId = Objects.requireNonNull(relativeKeyId, "relativeKeyId");
        this.sourceClientId = Objects.requireNonNull(sourceClientId, "sourceClientId");
        this.adminFqdn = Objects.requireNonNull(adminFqdn, "adminFqdn");
        this.suid = suid;
        this.targetIds = List.copyOf(targetIds);
        this.labels = List.copyOf(labels);
        this.expirationTime = Objects.requireNonNull(expirationTime, "expirationTime");
        this.keyValue = Objects.requireNonNull(keyValue, "keyValue").clone();
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** As the MAF assigned it; look-ups compare it without regard to case (TS-0003 10.6). */
    public String relativeKeyId() { return relativeKeyId; }
    public String sourceClientId() { return sourceClientId; }
    public String adminFqdn() { return adminFqdn; }
    public int suid() { return suid; }
    public List<String> targetIds() { return targetIds; }
    public List<String> labels() { return labels; }
    public Instant expirationTime() { return expirationTime; }
    public byte[] keyValue() { return keyValue.clone(); }
    public Instant createdAt() { return createdAt; }

    public boolean expiredAt(Instant now) { return !expirationTime.isAfter(now); }

    public KeyRegistration with(Instant et, List<String> newLabels, List<String> newTargets) {
        return new KeyRegistration(relativeKeyId, sourceClientId, adminFqdn, suid, newTargets, newLabels, et, keyValue, createdAt);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KeyRegistration)) return false;
        KeyRegistration k = (KeyRegistration) o;
        return relativeKeyId.equals(k.relativeKeyId) && sourceClientId.equals(k.sourceClientId) && adminFqdn.equals(k.adminFqdn)
                && suid == k.suid && targetIds.equals(k.targetIds) && labels.equals(k.labels)
                && expirationTime.equals(k.expirationTime) && Arrays.equals(keyValue, k.keyValue) && createdAt.equals(k.createdAt);
    }

    @Override
    public int hashCode() { return Objects.hash(relativeKeyId, sourceClientId, suid, expirationTime); }

    @Override
    public String toString() {
        return "KeyRegistration[" + relativeKeyId + " from " + sourceClientId + " for " + adminFqdn + ", SUID " + suid
                + ", targets " + targetIds + ", until " + expirationTime + "]";
    }
}
