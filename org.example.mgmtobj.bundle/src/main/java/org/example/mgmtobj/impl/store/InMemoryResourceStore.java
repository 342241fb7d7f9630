package org.example.mgmtobj.impl.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A store that forgets everything when the bundle stops: for tests and for a throw-away endpoint. A write is
 * checked whole before any of it is applied, and applied under the same lock {@link #loadAll()} takes, so that it is
 * one change as {@link ResourceStore#write} promises: a write that fails changes nothing.
 */
public final class InMemoryResourceStore implements ResourceStore {
    private final Map<String, StoredResource> resources = new HashMap<>(); // guarded by this

    @Override
    public synchronized Collection<StoredResource> loadAll() {
        return new ArrayList<>(resources.values());
    }

    @Override
    public synchronized void write(List<StoredResource> puts, List<String> removedResourceIds) {
        for (StoredResource r : puts) Objects.requireNonNull(r, "a put of the batch is null; nothing of it was stored");
        for (String ri : removedResourceIds) Objects.requireNonNull(ri, "a removal of the batch is null; nothing of it was stored");
        for (StoredResource r : puts) resources.put(r.resourceId(), r);
        for (String ri : removedResourceIds) resources.remove(ri);
    }

    @Override
    public String location() { return "memory (not durable)"; }

    @Override
    public void close() {}
}
