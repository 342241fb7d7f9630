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
    /**
     * Set: the next write is neither applied nor confirmed until {@link #releaseHeld}, as a store that is stuck; the
     * writes after it wait behind it, in order, as they would in a store with one writer.
     */
    volatile boolean holdNextWrite;
    /** Writes left before {@link #holdNextWrite} applies; 0: the next one. */
    final AtomicInteger writesBeforeHold = new AtomicInteger();
    private final CompletableFuture<Void> heldWritten = new CompletableFuture<>();
    /** The held write and those behind it, with the futures their callers wait on; null while nothing is held. */
    private java.util.List<java.util.Map.Entry<Change, CompletableFuture<Void>>> held;

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
        synchronized (this) {
            if (held == null && holdNextWrite && writesBeforeHold.getAndDecrement() <= 0) {
                holdNextWrite = false;
                held = new java.util.ArrayList<>();
                heldWritten.complete(null);
            }
            if (held != null) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                held.add(java.util.Map.entry(change, done));
                return done;
            }
        }
        return delegate.submit(change);
    }

    /** Waits until a write is held ({@link #holdNextWrite}). */
    void awaitHeld() throws Exception {
        heldWritten.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Applies and confirms the held write and those behind it, late, in order. */
    synchronized void releaseHeld() {
        releaseHeld(null);
    }

    /** As {@link #releaseHeld()}, but the held write itself fails with {@code failure} (when not null): not stored. */
    synchronized void releaseHeld(RuntimeException failure) {
        if (failure != null) {
            java.util.Map.Entry<Change, CompletableFuture<Void>> first = held.remove(0);
            first.getKey().failed(failure);
            first.getValue().completeExceptionally(failure);
        }
        for (java.util.Map.Entry<Change, CompletableFuture<Void>> w : held) {
            delegate.submit(w.getKey()).whenComplete((v, e) -> {
                if (e != null) w.getValue().completeExceptionally(e);
                else w.getValue().complete(v);
            });
        }
        held = null;
    }

    @Override public String location() { return "recording"; }
    @Override public void close() {}
}
