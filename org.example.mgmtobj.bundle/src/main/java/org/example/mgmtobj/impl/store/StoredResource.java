package org.example.mgmtobj.impl.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

import org.example.onem2m.primitive.M2mTimestamp;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * One resource as the store keeps it: the JSON member name that wraps it ({@code m2m:nod}, {@code dcfg:mefcr})
 * and its attributes in short names. Immutable: {@link #attributes()} hands out a new object each time.
 *
 * <h2>Heap</h2>
 * The whole tree is held in memory, so a resource is kept compact: its attributes only as UTF-8 JSON bytes (no
 * parsed Gson tree beside them; {@link #attributes()} parses on demand, which a RETRIEVE does once), the wrapper
 * and the parent's resourceID interned (shared by every sibling), the resourceName sharing the resourceID's string
 * when it is the default, and the expirationTime as one {@code long} of epoch milliseconds plus the exact value only
 * when it has a fraction of a millisecond (never, with m2m:timestamp's seconds).
 * <p>
 * Estimate for a typical {@code <mgmtObj>} of ~250 bytes of JSON, 64-bit JVM with compressed oops: this object 40
 * bytes, the JSON byte[] ~270, the resourceID String ~56 (rn the same instance, pi and wrapper shared): about 370
 * bytes; the two in-memory indexes of the tree add about 160 (two hash entries each), so about 530 bytes per
 * {@code <mgmtObj>}, about 0.5 GB for 1,000,000.
 */
public final class StoredResource {
    private static final long NO_EXPIRY = Long.MAX_VALUE;

    private final String wrapper;
    private final byte[] json;
    private final String resourceId;
    private final String parentId;
    private final String resourceName;
    private final int resourceType;
    /** epoch milliseconds, rounded down; {@link #NO_EXPIRY} without an expirationTime */
    private final long expiryMillis;
    /** the exact expirationTime when it is not a whole millisecond, else null */
    private final Instant preciseExpiry;

    public StoredResource(String wrapper, JsonObject attributes) {
        this.wrapper = Objects.requireNonNull(wrapper).intern();
        this.json = attributes.toString().getBytes(StandardCharsets.UTF_8);
        this.resourceId = attributes.get("ri").getAsString();
        this.parentId = attributes.get("pi").getAsString().intern();
        String rn = attributes.get("rn").getAsString();
        this.resourceName = rn.equals(resourceId) ? resourceId : rn;
        this.resourceType = attributes.get("ty").getAsInt();
        if (attributes.has("et") && !attributes.get("et").isJsonNull()) {
            Instant et = M2mTimestamp.parse(attributes.get("et").getAsString());
            this.expiryMillis = et.toEpochMilli();
            this.preciseExpiry = et.getNano() % 1_000_000 == 0 ? null : et;
        } else {
            this.expiryMillis = NO_EXPIRY;
            this.preciseExpiry = null;
        }
    }

    /**
     * A resource whose attributes' JSON (UTF-8) the caller has put together itself, with its identity given beside it
     * and no expirationTime: an outbox record, which embeds another resource's stored form and would otherwise parse
     * it, under the tree's write lock, only to write it out again. The caller answers for {@code attributesJson}
     * being one JSON object whose ri, pi, rn and ty are these.
     */
    public static StoredResource ofJsonBytes(String wrapper, byte[] attributesJson, String resourceId, String parentId, String resourceName,
                                             int resourceType) {
        return new StoredResource(wrapper, attributesJson, resourceId, parentId, resourceName, resourceType);
    }

    private StoredResource(String wrapper, byte[] attributesJson, String resourceId, String parentId, String resourceName, int resourceType) {
        this.wrapper = Objects.requireNonNull(wrapper).intern();
        this.json = Objects.requireNonNull(attributesJson);
        this.resourceId = Objects.requireNonNull(resourceId);
        this.parentId = Objects.requireNonNull(parentId).intern();
        this.resourceName = resourceName.equals(resourceId) ? resourceId : resourceName;
        this.resourceType = resourceType;
        this.expiryMillis = NO_EXPIRY;
        this.preciseExpiry = null;
    }

    /** The form the durable store writes: {@code {"<wrapper>": {attributes}}}. */
    public String toJson() {
        return new String(storedForm(), StandardCharsets.UTF_8);
    }

    /**
     * {@link #toJson()} as UTF-8, put together from the bytes held rather than through a parsed tree: the store
     * encodes every write with it, and a parse and a re-serialisation per write were most of a write's CPU.
     * (A wrapper is a member name of the specialization table, such as {@code dcfg:datc}: nothing to escape.)
     */
    public byte[] storedForm() {
        byte[] head = ("{\"" + wrapper + "\":").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + json.length + 1];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(json, 0, out, head.length, json.length);
        out[out.length - 1] = '}';
        return out;
    }

    public static StoredResource fromJson(String json) {
        return fromWrapped(JsonParser.parseString(json).getAsJsonObject());
    }

    /** {@link #fromJson} of a form already parsed (an outbox record holds the resource's stored form as a member). */
    public static StoredResource fromWrapped(JsonObject wrapped) {
        String wrapper = wrapped.keySet().iterator().next();
        return new StoredResource(wrapper, wrapped.getAsJsonObject(wrapper));
    }

    /**
     * False only when the attributes certainly have no member {@code name}: the bytes do not hold {@code "name":}.
     * (Inside a JSON string a quote is escaped, so those bytes stand only where a member name does, here or in a
     * nested object: true may be a false alarm, false never misses.)
     */
    public boolean mayHaveMember(String name) {
        return mayHaveMember(memberPattern(name));
    }

    /** The bytes {@code "name":} that {@link #mayHaveMember(byte[])} looks for; made once by callers on a hot path. */
    public static byte[] memberPattern(String name) {
        return ("\"" + name + "\":").getBytes(StandardCharsets.UTF_8);
    }

    /** {@link #mayHaveMember(String)} with its {@link #memberPattern(String) pattern} made already. */
    public boolean mayHaveMember(byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= json.length; i++) {
            for (int j = 0; j < pattern.length; j++) if (json[i + j] != pattern[j]) continue outer;
            return true;
        }
        return false;
    }

    public static StoredResource fromStoredForm(byte[] utf8) {
        return fromJson(new String(utf8, StandardCharsets.UTF_8));
    }

    public String wrapper() { return wrapper; }
    /** A new, mutable copy of the attributes each time. */
    public JsonObject attributes() {
        return JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
    }
    public String resourceId() { return resourceId; }
    public String parentId() { return parentId; }
    public String resourceName() { return resourceName; }
    public int resourceType() { return resourceType; }

    /** The expirationTime, or null when the resource has none. */
    public Instant expirationTime() {
        if (expiryMillis == NO_EXPIRY) return null;
        return preciseExpiry != null ? preciseExpiry : Instant.ofEpochMilli(expiryMillis);
    }

    /** The expirationTime in epoch milliseconds rounded down, {@link Long#MAX_VALUE} when there is none. */
    public long expiryMillis() { return expiryMillis; }

    public boolean expiredAt(Instant now) {
        if (expiryMillis == NO_EXPIRY) return false;
        long nowMillis = now.toEpochMilli();
        if (preciseExpiry == null) return expiryMillis <= nowMillis;
        return !preciseExpiry.isAfter(now);
    }
}
