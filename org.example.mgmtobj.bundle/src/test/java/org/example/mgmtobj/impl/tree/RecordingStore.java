package org.example.mgmtobj.impl.tree;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.example.mgmtobj.impl.store.InMemoryResourceStore;
import org.example.mgmtobj.impl.store.ResourceStore;
import org.example.mgmtobj.impl.store.StoredResource;

/** An in-memory store that counts writes, so a test can show that a refused request wrote nothing. */
final class RecordingStore implements ResourceStore {
    private final InMemoryResourceStore delegate = new InMemoryResourceStore();
    final AtomicInteger writes = new AtomicInteger();
    /** The resourceIDs each submitted change removes, in submission order. */
    final java.util.List<java.util.List<String>> removals = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile RuntimeException failNextWrite;
    /** Writes left before {@link #failNextWrite} applies; 0: the next one. */
    final AtomicInteger writesBeforeFailure = new AtomicInteger();
    /** Set: the next write is neither applied nor confirmed until {@link #releaseHeld}, as a store that is stuck. */
    volatile boolean holdNextWrite;
    /** Writes left before {@link #holdNextWrite} applies; 0: the next one. */
    final AtomicInteger writesBeforeHold = new AtomicInteger();
    private final CompletableFuture<Change> held = new CompletableFuture<>();
    private final CompletableFuture<Void> heldDone = new CompletableFuture<>();

    @Override public Collection<StoredResource> loadAll() { return delegate.loadAll(); }

    @Override
    public CompletableFuture<Void> submit(Change change) {
        removals.add(java.util.List.copyOf(change.removedResourceIds()));
        RuntimeException failure = failNextWrite;
        if (failure != null && writesBeforeFailure.getAndDecrement() <= 0) {
            failNextWrite = null;
            change.failed(failure);
            return CompletableFuture.failedFuture(failure);
        }
        writes.incrementAndGet();
        if (holdNextWrite && writesBeforeHold.getAndDecrement() <= 0) {
            holdNextWrite = false;
            held.complete(change);
            return heldDone;
        }
        return delegate.submit(change);
    }

    /** Waits until a write is held ({@link #holdNextWrite}). */
    void awaitHeld() throws Exception {
        held.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Applies and confirms the held write, late. */
    void releaseHeld() throws Exception {
        delegate.submit(held.get(10, java.util.concurrent.TimeUnit.SECONDS)).whenComplete((v, e) -> {
            if (e != null) heldDone.completeExceptionally(e);
            else heldDone.complete(v);
        });
    }

    @Override public String location() { return "recording"; }
    @Override public void close() {}
}
