package org.example.mgmtobj.impl.tree;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

import org.example.mgmtobj.impl.store.StoredResource;
import org.example.onem2m.primitive.M2mTimestamp;

import com.google.gson.JsonObject;

/** {@link TreeWriter}'s new resources: their resourceIDs and the attributes the CSE assigns. Used under its write lock. */
final class NewResources {
    private static final HexFormat HEX = HexFormat.of();

    private final ExpirationTimes expirationTimes;
    /** the writer's index and the readers': a new resourceID is in neither */
    private final ResourceIndex index;
    private final ResourceIndex published;
    private final SecureRandom random = new SecureRandom();

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
        String ri = newResourceId(idPrefix);
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

    private String newResourceId(String prefix) {
        String ri;
        byte[] bits = new byte[6];
        do {
            // 48 random bits as 12 lowercase hex digits, as String.format("%012x") wrote them: one call to the
            // generator (nextLong made two) and HexFormat (a fraction of a Formatter's cost)
            random.nextBytes(bits);
            ri = prefix + HEX.formatHex(bits);
        } while (index.containsId(ri) || published.containsId(ri));
        return ri;
    }
}
