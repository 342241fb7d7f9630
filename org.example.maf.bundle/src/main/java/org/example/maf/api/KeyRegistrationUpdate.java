package org.example.maf.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a MAF Key Registration Update (TS-0003 8.8.2.9) established. The MAF's answer (table 8.8.2.9-2) holds only
 * the attributes the request asked to change, as the MAF assigned them; it never holds the key value, the SUID,
 * the adminFQDN or an unchanged expiration time. So the key as now registered is known in full only to a client
 * that holds the key ({@link #heldKey()}); any other client (for example a new instance after a restart) gets what
 * the MAF answered and nothing it would have to invent.
 */
public final class KeyRegistrationUpdate {
    /** {@code RelativeKeyID@MAF-FQDN} (10.3.5). */
    public final String keyIdentifier;
    public final String relativeKeyId;
    private final Instant expirationTime;
    private final List<String> labels;
    private final List<String> targetIds;
    private final MafKey heldKey;

    public KeyRegistrationUpdate(String keyIdentifier, String relativeKeyId, Instant expirationTime, List<String> labels,
                                 List<String> targetIds, MafKey heldKey) {
        this.keyIdentifier = keyIdentifier;
        this.relativeKeyId = relativeKeyId;
        this.expirationTime = expirationTime;
        this.labels = labels == null ? null : List.copyOf(labels);
        this.targetIds = targetIds == null ? null : List.copyOf(targetIds);
        this.heldKey = heldKey;
    }

    /** The expiration time the MAF assigned, when the request proposed one and the answer holds it. */
    public Optional<Instant> expirationTime() { return Optional.ofNullable(expirationTime); }

    /** The labels as now registered, when the request changed them. */
    public Optional<List<String>> labels() { return Optional.ofNullable(labels); }

    /** The authorized Target MAF Clients as now registered, when the request changed them. */
    public Optional<List<String>> targetIds() { return Optional.ofNullable(targetIds); }

    /**
     * The key this client holds (it registered or retrieved it and it has not expired), with the update applied:
     * the key as now registered. Empty when this client does not hold the key.
     */
    public Optional<MafKey> heldKey() { return Optional.ofNullable(heldKey); }

    @Override
    public String toString() {
        return "KeyRegistrationUpdate[" + keyIdentifier + (expirationTime == null ? "" : ", until " + expirationTime)
                + (targetIds == null ? "" : ", targets " + targetIds) + (heldKey == null ? ", not held here" : ", held") + "]";
    }
}
