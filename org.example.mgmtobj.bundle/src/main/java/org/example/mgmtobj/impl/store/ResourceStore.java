package org.example.mgmtobj.impl.store;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.example.onem2m.mvstore.DurabilityException;
import org.example.onem2m.mvstore.GroupCommitWriter;

/**
 * Where the resource tree keeps its resources. The tree holds every resource in memory for reads; the
 * store only has to load them all at start and make each change durable.
 * <p>
 * A change is {@linkplain #submit submitted} without waiting, so that the tree can queue it under its write lock and
 * wait for durability after releasing it; the store calls the change's {@link Change#durable()} or
 * {@link Change#failed} in submission order, each before the next change is applied, and only then completes its
 * future. That is where the tree publishes a change to its readers, in commit order.
 */
public interface ResourceStore extends AutoCloseable {

    /** Every stored resource, in no particular order. */
    Collection<StoredResource> loadAll();

    /** One atomic change: its puts and removals are stored together or not at all. */
    interface Change {
        List<StoredResource> puts();

        List<String> removedResourceIds();

        /**
         * Asked when the store comes to apply the change: a withdrawn change is skipped (nothing of it is stored,
         * neither hook is called) and its future completes normally; whoever withdrew it knows.
         */
        default boolean withdrawn() { return false; }

        /**
         * Nobody waits for this change and losing it in a crash only repeats work (an outbox record's
         * acknowledgement): a durable store may make it durable with the next change rather than with a sync of its
         * own ({@link GroupCommitWriter#submitDeferred}); its future then completes later.
         */
        default boolean deferrable() { return false; }

        /** The change is durable (on disk for a durable store); called before its future completes. Must not block. */
        default void durable() {}

        /** The change was not stored (and nothing of it); called before its future completes exceptionally. */
        default void failed(RuntimeException cause) {}
    }

    /**
     * Queues the change and returns at once (an in-memory store may have applied it already). The future completes
     * when the change survives a crash of the process, or exceptionally when nothing of it was stored (or, after a
     * time-out, when that is unknown).
     *
     * @throws IllegalStateException if the store is closed
     */
    CompletableFuture<Void> submit(Change change);

    /**
     * Applies the puts and removals as one atomic change; when this returns, the change survives a crash
     * of the process (an acknowledged write is never lost).
     */
    default void write(List<StoredResource> puts, List<String> removedResourceIds) {
        await(submit(new Change() {
            @Override public List<StoredResource> puts() { return puts; }
            @Override public List<String> removedResourceIds() { return removedResourceIds; }
        }));
    }

    /**
     * Waits (at most {@value GroupCommitWriter#WRITE_TIMEOUT_SECONDS} s) for a future of {@link #submit}; rethrows
     * its failure (a {@link DurabilityException} when it is not, or may not be, stored).
     */
    static void await(CompletableFuture<Void> durable) {
        try {
            durable.get(GroupCommitWriter.WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) throw (RuntimeException) cause;
            throw new DurabilityException(String.valueOf(cause), cause);
        } catch (TimeoutException e) {
            throw new DurabilityException("the store did not confirm the change within " + GroupCommitWriter.WRITE_TIMEOUT_SECONDS
                    + " s; it may or may not be stored", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DurabilityException("interrupted while waiting for the store; the change may or may not be stored", e);
        }
    }

    /** Where the data lives, for the log. */
    String location();

    @Override
    void close();
}
