package org.example.onem2m.mvstore;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

import org.example.onem2m.mvstore.GroupCommitWriter.Mutation;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of a {@link GroupCommitWriter}, on its writer thread: applies the mutations, makes them durable through
 * the journal, runs their hooks in queue order and completes their futures; or, when anything of that fails, undoes
 * the batch and fails every mutation of it.
 */
final class BatchCommit {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final String HOOK_FAILED = "{}: a durability hook threw; ignored";

    private final MVStore store;
    private final String name;
    private final WriteAheadJournal journal;
    /** Held (write) while a failed batch is undone: the maps briefly show the last checkpoint then. */
    private final StampedLock undoing = new StampedLock();
    private final AtomicLong batchesCommitted = new AtomicLong();
    private final AtomicLong mutationsCommitted = new AtomicLong();

    BatchCommit(MVStore store, String name, WriteAheadJournal journal) {
        this.store = store;
        this.name = name;
        this.journal = journal;
    }

    /** A queued mutation and its future. */
    static final class Pending {
        @SuppressWarnings("rawtypes")
        final Mutation mutation;
        final CompletableFuture<Object> done = new CompletableFuture<>();

        Pending(Mutation<?> mutation) { this.mutation = mutation; }
    }

    /** Runs a read of the maps, waiting while a failed batch is undone. */
    <T> T whileNotUndoing(Supplier<T> read) {
        long stamp = undoing.readLock();
        try {
            return read.get();
        } finally {
            undoing.unlockRead(stamp);
        }
    }

    long batchesCommitted() { return batchesCommitted.get(); }

    long mutationsCommitted() { return mutationsCommitted.get(); }

    @SuppressWarnings("unchecked")
    void commit(List<Pending> batch) {
        Object[] results = new Object[batch.size()];
        try {
            for (int i = 0; i < results.length; i++) results[i] = batch.get(i).mutation.apply();
            journal.makeDurable();
        } catch (Throwable t) {
            undo(t);
            DurabilityException failure = new DurabilityException("durability failed: " + batch.size() + " write(s) to "
                    + name + " were not applied and forced to disk (" + t + "); they were undone", t);
            for (Pending p : batch) {
                try {
                    p.mutation.failed(failure);
                } catch (Throwable hook) {
                    LOG.error(HOOK_FAILED, name, hook);
                }
                p.done.completeExceptionally(failure);
            }
            return; // even after an Error: a dead writer would leave every later caller waiting for its timeout
        }
        batchesCommitted.incrementAndGet();
        mutationsCommitted.addAndGet(results.length);
        for (int i = 0; i < results.length; i++) {
            try {
                batch.get(i).mutation.durable(results[i]);
            } catch (Throwable hook) {
                LOG.error(HOOK_FAILED, name, hook);
            }
            batch.get(i).done.complete(results[i]);
        }
        journal.afterBatch();
    }

    private void undo(Throwable cause) {
        long stamp = undoing.writeLock();
        try {
            journal.undo(cause);
        } catch (Throwable e) {
            LOG.error("{}: undoing the failed batch failed too; closing the store", name, e);
            store.closeImmediately();
        } finally {
            undoing.unlockWrite(stamp);
        }
    }
}
