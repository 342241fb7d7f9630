package org.example.tef.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a Key Registration Update (TS-0003 8.8.2.9, 8.3.5.2.9) established. The answer holds only the attributes the
 * request asked to change, never the key value, the SUID, the adminFQDN or an unchanged expiration time; so the key
 * as now registered is known in full only to a client that holds the key ({@link #heldKey()}).
 */
public final class KeyUpdate {
    /** {@code RelativeKeyID@FQDN} (10.3.5). */
    public final String keyIdentifier;
    public final String relativeKeyId;
    private final Instant expirationTime;
    private final List<String> labels;
    private final List<String> targetIds;
    private final DistributedKey heldKey;

    public KeyUpdate(String keyIdentifier, String relativeKeyId, Instant expirationTime, List<String> labels, List<String> targetIds,
                     DistributedKey heldKey) {
        this.keyIdentifier = keyIdentifier;
        this.relativeKeyId = relativeKeyId;
        this.expirationTime = expirationTime;
        this.labels = labels == null ? null : List.copyOf(labels);
        this.targetIds = targetIds == null ? null : List.copyOf(targetIds);
        this.heldKey = heldKey;
    }

    /** The expiration time the function assigned, when the request proposed one. */
    public Optional<Instant> expirationTime() { return Optional.ofNullable(expirationTime); }

    /** The labels as now registered, when the request changed them. */
    public Optional<List<String>> labels() { return Optional.ofNullable(labels); }

    /** The authorized Targets as now registered, when the request changed them. */
    public Optional<List<String>> targetIds() { return Optional.ofNullable(targetIds); }

    /** The key this client holds, with the update applied; empty when this client does not hold it. */
    public Optional<DistributedKey> heldKey() { return Optional.ofNullable(heldKey); }

    @Override
    public String toString() {
        return "KeyUpdate[" + keyIdentifier + (expirationTime == null ? "" : ", until " + expirationTime)
                + (targetIds == null ? "" : ", targets " + targetIds) + (heldKey == null ? ", not held here" : ", held") + "]";
    }
}
