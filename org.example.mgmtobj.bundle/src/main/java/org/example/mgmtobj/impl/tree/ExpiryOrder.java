package org.example.mgmtobj.impl.tree;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.example.mgmtobj.impl.store.StoredResource;

/**
 * The writer's resources ordered by expirationTime (TS-0001 universal attribute et), so that the expiry sweep finds
 * what is due in O(due + log n) instead of scanning every resource under the tree's write lock. Changed only under
 * that lock; {@link #earliestMillis()} may be read without it (the sweep's lock-free check).
 * <p>
 * Costs about 60 bytes per resource that has an expirationTime, so only the writer's index keeps one.
 */
final class ExpiryOrder {
    /**
     * expiry epoch ms -> the resource expiring then, or a map resourceID -> resource when several share it (most do:
     * expirationTimes have whole seconds, and a default lifetime gives every resource created in one second the same)
     */
    private final TreeMap<Long, Object> byMillis = new TreeMap<>();
    private volatile long earliest = Long.MAX_VALUE;

    void add(StoredResource r) {
        long at = r.expiryMillis();
        if (at == Long.MAX_VALUE) return; // never expires
        Object held = byMillis.get(at);
        if (held == null) {
            byMillis.put(at, r);
        } else if (held instanceof StoredResource) {
            StoredResource first = (StoredResource) held;
            Map<String, StoredResource> several = new LinkedHashMap<>(4);
            several.put(first.resourceId(), first);
            several.put(r.resourceId(), r);
            byMillis.put(at, several);
        } else {
            several(held).put(r.resourceId(), r);
        }
        if (at < earliest) earliest = at;
    }

    /** Removes the entry of this resource (matched by resourceID) at its expiry time. */
    void remove(StoredResource r) {
        long at = r.expiryMillis();
        Object held = byMillis.get(at);
        if (held instanceof StoredResource) {
            if (((StoredResource) held).resourceId().equals(r.resourceId())) byMillis.remove(at);
        } else if (held != null) {
            Map<String, StoredResource> several = several(held);
            several.remove(r.resourceId());
            if (several.isEmpty()) byMillis.remove(at);
        }
        earliest = byMillis.isEmpty() ? Long.MAX_VALUE : byMillis.firstKey();
    }

    /** No resource expires before this (epoch ms); Long.MAX_VALUE when none has an expirationTime. */
    long earliestMillis() { return earliest; }

    /** The resources whose own expirationTime has passed at {@code now}, earliest first. */
    List<StoredResource> dueAt(Instant now) {
        List<StoredResource> due = new ArrayList<>();
        for (Map.Entry<Long, Object> e : byMillis.headMap(now.toEpochMilli(), true).entrySet()) {
            if (e.getValue() instanceof StoredResource) {
                StoredResource r = (StoredResource) e.getValue();
                if (r.expiredAt(now)) due.add(r);
            } else {
                for (StoredResource r : several(e.getValue()).values()) if (r.expiredAt(now)) due.add(r);
            }
        }
        return due;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, StoredResource> several(Object held) {
        return (Map<String, StoredResource>) held;
    }
}
