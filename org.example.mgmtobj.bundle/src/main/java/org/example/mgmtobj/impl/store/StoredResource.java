package org.example.mgmtobj.impl.store;

import java.time.Instant;
import java.util.Objects;

import org.example.onem2m.primitive.M2mTimestamp;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * One resource as the store keeps it: the JSON member name that wraps it ({@code m2m:nod}, {@code dcfg:mefcr})
 * and its attributes in short names. Immutable: {@link #attributes()} hands out a copy.
 */
public final class StoredResource {
    private final String wrapper;
    private final JsonObject attributes;
    private final String resourceId;
    private final String parentId;
    private final String resourceName;
    private final int resourceType;
    private final Instant expirationTime;

    public StoredResource(String wrapper, JsonObject attributes) {
        this.wrapper = Objects.requireNonNull(wrapper);
        this.attributes = attributes.deepCopy();
        this.resourceId = this.attributes.get("ri").getAsString();
        this.parentId = this.attributes.get("pi").getAsString();
        this.resourceName = this.attributes.get("rn").getAsString();
        this.resourceType = this.attributes.get("ty").getAsInt();
        this.expirationTime = this.attributes.has("et") ? M2mTimestamp.parse(this.attributes.get("et").getAsString()) : null;
    }

    /** The form the durable store writes: {@code {"<wrapper>": {attributes}}}. */
    public String toJson() {
        JsonObject wrapped = new JsonObject();
        wrapped.add(wrapper, attributes);
        return wrapped.toString();
    }

    public static StoredResource fromJson(String json) {
        JsonObject wrapped = JsonParser.parseString(json).getAsJsonObject();
        String wrapper = wrapped.keySet().iterator().next();
        return new StoredResource(wrapper, wrapped.getAsJsonObject(wrapper));
    }

    public String wrapper() { return wrapper; }
    public JsonObject attributes() { return attributes.deepCopy(); }
    public String resourceId() { return resourceId; }
    public String parentId() { return parentId; }
    public String resourceName() { return resourceName; }
    public int resourceType() { return resourceType; }
    public Instant expirationTime() { return expirationTime; }

    public boolean expiredAt(Instant now) {
        return expirationTime != null && !expirationTime.isAfter(now);
    }
}
