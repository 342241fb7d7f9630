package org.example.mgmtobj.impl.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** A store that forgets everything when the bundle stops: for tests and for a throw-away endpoint. */
public final class InMemoryResourceStore implements ResourceStore {
    private final ConcurrentHashMap<String, StoredResource> resources = new ConcurrentHashMap<>();

    @Override
    public Collection<StoredResource> loadAll() {
        return new ArrayList<>(resources.values());
    }

    @Override
    public synchronized void write(List<StoredResource> puts, List<String> removedResourceIds) {
        for (StoredResource r : puts) resources.put(r.resourceId(), r);
        for (String ri : removedResourceIds) resources.remove(ri);
    }

    @Override
    public String location() { return "memory (not durable)"; }

    @Override
    public void close() {}
}
