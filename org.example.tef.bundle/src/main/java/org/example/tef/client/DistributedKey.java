package org.example.tef.client;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A symmetric key distributed by a MAF or a MEF, as its Source registered it or a Target retrieved it (TS-0003 tables
 * 8.8.2.7-2, 8.8.2.8-2, 8.3.5.2.7-2, 8.3.5.2.8-2), with its Key Identifier {@code RelativeKeyID@FQDN} (10.3.5). The
 * value is not printed by {@link #toString()}. Not final: the MAF's API type {@code MafKey} is this one under its
 * earlier name.
 */
public class DistributedKey {
    public final String keyIdentifier;
    public final String relativeKeyId;
    public final Instant expirationTime;
    public final String sourceClientId;
    public final String adminFqdn;
    public final int suid;
    public final List<String> targetIds;
    public final List<String> labels;
    private final byte[] value;

    public DistributedKey(String keyIdentifier, String relativeKeyId, Instant expirationTime, String sourceClientId, String adminFqdn,
                          int suid, List<String> targetIds, List<String> labels, byte[] value) {
        this.keyIdentifier = keyIdentifier;
        this.relativeKeyId = relativeKeyId;
        this.expirationTime = expirationTime;
        this.sourceClientId = sourceClientId;
        this.adminFqdn = adminFqdn;
        this.suid = suid;
        this.targetIds = List.copyOf(targetIds);
        this.labels = List.copyOf(labels);
        this.value = value.clone();
    }

    public byte[] value() { return value.clone(); }

    /** When the security protocol needs one key, it uses the first half (TS-0003 8.3.5.1, 8.8.1). */
    public byte[] firstHalf() { return Arrays.copyOfRange(value, 0, value.length / 2); }

    /** When it needs two, the second half is the other (TS-0003 8.3.5.1, 8.8.1). */
    public byte[] secondHalf() { return Arrays.copyOfRange(value, value.length / 2, value.length); }

    public boolean expiredAt(Instant now) { return !expirationTime.isAfter(now); }

    /** This key with the attributes a Key Registration Update changed; null keeps the held value (8.8.2.9, 8.3.5.2.9). */
    public DistributedKey updated(Instant newExpiration, List<String> newLabels, List<String> newTargets) {
        return new DistributedKey(keyIdentifier, relativeKeyId, newExpiration != null ? newExpiration : expirationTime, sourceClientId,
                adminFqdn, suid, newTargets != null ? newTargets : targetIds, newLabels != null ? newLabels : labels, value);
    }

    @Override
    public String toString() { return "Key[" + keyIdentifier + ", SUID " + suid + ", from " + sourceClientId + ", until " + expirationTime + "]"; }
}
