package org.example.tef.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A Key Registration request (TS-0003 tables 8.8.2.7-1, 8.3.5.2.7-1); without a key value both sides export the key
 * from the session (10.3.1).
 */
public final class KeyRequest {
    public final String adminFqdn;
    public final Instant expirationTime;
    public final int suid;
    /** The authorized Targets, or null to send none. */
    public final List<String> targetIds;
    public final List<String> labels;
    private final byte[] keyValue;

    private KeyRequest(String adminFqdn, Instant expirationTime, int suid, List<String> targetIds, List<String> labels, byte[] keyValue) {
        this.adminFqdn = Objects.requireNonNull(adminFqdn, "adminFqdn");
        this.expirationTime = Objects.requireNonNull(expirationTime, "expirationTime");
        this.suid = suid;
        this.targetIds = targetIds == null ? null : List.copyOf(targetIds);
        this.labels = labels == null ? List.of() : List.copyOf(labels);
        this.keyValue = keyValue == null ? null : keyValue.clone();
    }

    /** The key is exported from the registering session (10.3.1). */
    public static KeyRequest exported(String adminFqdn, Instant expirationTime, int suid, List<String> targetIds, List<String> labels) {
        return new KeyRequest(adminFqdn, expirationTime, suid, targetIds, labels, null);
    }

    public static KeyRequest selfGenerated(String adminFqdn, Instant expirationTime, int suid, List<String> targetIds, List<String> labels,
                                           byte[] keyValue) {
        return new KeyRequest(adminFqdn, expirationTime, suid, targetIds, labels, Objects.requireNonNull(keyValue, "keyValue"));
    }

    /** The self-generated value (a copy), or null for an exported key. */
    public byte[] keyValue() { return keyValue == null ? null : keyValue.clone(); }

    @Override
    public String toString() { return "KeyRequest[SUID " + suid + " for " + adminFqdn + ", " + (keyValue == null ? "exported" : "self-generated") + "]"; }
}
