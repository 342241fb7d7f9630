package org.example.mgmtobj.impl.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A store that forgets everything when the bundle stops: for tests and for a throw-away endpoint. A change is
 * checked whole before any of it is applied, and applied under the same lock {@link #loadAll()} takes, so that it is
 * one change as {@link ResourceStore#submit} promises: a change that fails changes nothing. It is applied (and its
 * hook called) on the submitting thread, before {@link #submit} returns.
 */
public final class InMemoryResourceStore implements ResourceStore {
    private final Map<String, StoredResource> resources = new HashMap<>(); // guarded by this

    @Override
    public synchronized Collection<StoredResource> loadAll() {
        return new ArrayList<>(resources.values());
    }

    @Override
    public synchronized CompletableFuture<Void> submit(Change change) {
        if (change.withdrawn()) return CompletableFuture.completedFuture(null);
        try {
            for (StoredResource r : change.puts()) Objects.requireNonNull(r, "a put of the batch is null; nothing of it was stored");
            for (String ri : change.removedResourceIds()) Objects.requireNonNull(ri, "a removal of the batch is null; nothing of it was stored");
        } catch (RuntimeException e) {
            change.failed(e);
            return CompletableFuture.failedFuture(e);
        }
        for (StoredResource r : change.puts()) resources.put(r.resourceId(), r);
        for (String ri : change.removedResourceIds()) resources.remove(ri);
        change.durable();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public String location() { return "memory (not durable)"; }

    @Override
    public void close() {}
}
