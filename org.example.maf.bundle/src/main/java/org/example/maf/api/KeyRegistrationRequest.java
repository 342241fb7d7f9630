package org.example.maf.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A MAF Key Registration request (TS-0003 table 8.8.2.7-1); without a key value the TLS exporter makes the key. */
public final class KeyRegistrationRequest {
    public final String adminFqdn;
    public final Instant expirationTime;
    public final int suid;
    public final List<String> targetIds;
    public final List<String> labels;
    /** A self-generated key, or null to derive Kc with EXPORTER-oneM2M-Connection (10.3.1). */
    final byte[] keyValue;

    private KeyRegistrationRequest(String adminFqdn, Instant expirationTime, int suid, List<String> targetIds,
                                   List<String> labels, byte[] keyValue) {
        this.adminFqdn = Objects.requireNonNull(adminFqdn);
        this.expirationTime = Objects.requireNonNull(expirationTime);
        this.suid = suid;
        this.targetIds = targetIds == null ? null : List.copyOf(targetIds);
        this.labels = List.copyOf(labels);
        this.keyValue = keyValue == null ? null : keyValue.clone();
    }

    public static KeyRegistrationRequest exported(String adminFqdn, Instant expirationTime, int suid, List<String> targetIds, List<String> labels) {
        return new KeyRegistrationRequest(adminFqdn, expirationTime, suid, targetIds, labels, null);
    }

    public static KeyRegistrationRequest selfGenerated(String adminFqdn, Instant expirationTime, int suid, List<String> targetIds,
                                                       List<String> labels, byte[] keyValue) {
        return new KeyRegistrationRequest(adminFqdn, expirationTime, suid, targetIds, labels, Objects.requireNonNull(keyValue));
    }

    public byte[] keyValue() { return keyValue == null ? null : keyValue.clone(); }
}
