package org.example.mgmtobj.impl.tree;

import java.time.Instant;
import java.util.HexFormat;

import org.example.mgmtobj.impl.store.StoredResource;
import org.example.onem2m.primitive.M2mTimestamp;

import com.google.gson.JsonObject;

/**
 * {@link TreeWriter}'s new resources: their resourceIDs and the attributes the CSE assigns. Used under its write lock.
 *
 * <h2>Why resourceIDs are in creation order</h2>
 * A resourceID is its type's prefix and 12 hex digits: the creation second (since 2020) and a sequence within it, so a
 * later resource has a larger ID. The durable store is a B-tree keyed by resourceID: ordered IDs insert at its right
 * edge, whose pages stay in cache and are the only ones a checkpoint rewrites, where random IDs (earlier versions:
 * 48 random bits) dirtied a random leaf per CREATE; in a CREATE profile the B-tree descent was half of the
 * group-commit thread's time. A resourceID is a name, not a secret (TS-0001 clause 9.6.1.3: the CSE assigns it;
 * access is decided by the originator), so nothing is lost by its being predictable.
 */
final class NewResources {
    private static final HexFormat HEX = HexFormat.of();
    private static final long SINCE_2020 = 1_577_836_800L; // 2020-01-01T00:00:00Z
    private static final int SEQUENCE_BITS = 16;

    private final ExpirationTimes expirationTimes;
    /** the writer's index and the readers': a new resourceID is in neither */
    private final ResourceIndex index;
    private final ResourceIndex published;
    /** The last resourceID's number; the next is larger (see the class comment). */
    private long lastId;

    NewResources(ExpirationTimes expirationTimes, ResourceIndex index, ResourceIndex published) {
        this.expirationTimes = expirationTimes;
        this.index = index;
        this.published = published;
    }

    /**
     * The attributes the CSE assigns (ty, ri, pi, ct, lt; rn when the originator gave none), TS-0004 table 7.4.15.1-1,
     * and et when the originator gave none or a later one than the CSE grants (TS-0001 9.6.1.3).
     */
    StoredResource create(String wrapper, int ty, String idPrefix, String parentId, JsonObject requested, Instant now) {
        String ri = newResourceId(idPrefix, now);
        JsonObject attributes = expirationTimes.forCreate(requested, now);
        if (attributes.has("rn")) TreeRules.checkResourceName(attributes.get("rn").getAsString());
        else attributes.addProperty("rn", ri);
        attributes.addProperty("ty", ty);
        attributes.addProperty("ri", ri);
        attributes.addProperty("pi", parentId);
        attributes.addProperty("ct", M2mTimestamp.format(now));
        attributes.addProperty("lt", M2mTimestamp.format(now));
        return new StoredResource(wrapper, attributes);
    }

    private String newResourceId(String prefix, Instant now) {
        // 32 bits of seconds (until 2156) and 16 of sequence: 65,536 IDs per second (several times what one CSE
        // creates) before the sequence borrows the next second's numbers; uniqueness never depends on it
        long first = Math.max(0, now.getEpochSecond() - SINCE_2020) << SEQUENCE_BITS;
        String ri;
        do {
            lastId = Math.max(lastId + 1, first);
            ri = prefix + HEX.toHexDigits(lastId).substring(4); // 12 of the 16 digits: lastId < 2^48
        } while (index.containsId(ri) || published.containsId(ri)); // after a restart, or a clock set back
        return ri;
    }
}
