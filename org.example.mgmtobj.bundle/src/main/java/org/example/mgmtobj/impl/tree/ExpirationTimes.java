package org.example.mgmtobj.impl.tree;

import java.time.Instant;

import org.example.mgmtobj.impl.schema.Rejection;
import org.example.onem2m.primitive.M2mTimestamp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * expirationTime ({@code et}) is a universal attribute every resource has (TS-0001 9.6.1.3): the CSE gives a
 * resource created without one the configured default lifetime, and shortens a proposal beyond its maximum
 * lifetime to that maximum, as a CSE may. That a proposed time is in the future is {@link TreeRules}'s check.
 */
final class ExpirationTimes {
    private final TreeConfig config;

    ExpirationTimes(TreeConfig config) {
        this.config = config;
    }

    /** The attributes of a new resource with their expirationTime: the proposed one, shortened to the maximum, or the default. */
    JsonObject forCreate(JsonObject attributes, Instant now) {
        JsonObject result = attributes.deepCopy();
        JsonElement et = result.get("et");
        if (et == null || et.isJsonNull()) result.addProperty("et", defaultFrom(now));
        else result.addProperty("et", capped(et.getAsString(), now));
        return result;
    }

    /** The changes of an UPDATE with a proposed expirationTime shortened to the maximum; {@code et} cannot be deleted. */
    JsonObject forUpdate(JsonObject changes, Instant now) {
        JsonElement et = changes.get("et");
        if (et == null) return changes;
        if (et.isJsonNull()) {
            throw Rejection.badRequest("expirationTime (et) cannot be deleted: every resource has one (TS-0001 9.6.1.3); "
                    + "send a later time to extend it, or DELETE the resource");
        }
        JsonObject result = changes.deepCopy();
        result.addProperty("et", capped(et.getAsString(), now));
        return result;
    }

    /** A stored resource that has no expirationTime (written before every resource had one) gets the default. */
    String defaultFrom(Instant now) {
        return M2mTimestamp.format(now.plus(config.defaultLifetime()));
    }

    private String capped(String proposed, Instant now) {
        Instant latest = now.plus(config.maxLifetime());
        return M2mTimestamp.parse(proposed).isAfter(latest) ? M2mTimestamp.format(latest) : proposed;
    }
}
