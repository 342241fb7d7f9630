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
    /**
     * Set once the store cannot go on safely (a checkpoint or an undo failed, the MVStore closed itself, an Error on
     * the writer thread): why, for every later writer. Retrying is what must not happen: after a failed fsync the
     * kernel may have dropped the pages it could not write, and a later sync that succeeds would not bring them back.
     * The journal keeps every write acknowledged since the last good checkpoint; a restart applies it.
     */
    private volatile String stopped;

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
        /** Starts no batch of its own ({@link GroupCommitWriter#submitDeferred}). */
        final boolean deferred;

        Pending(Mutation<?> mutation, boolean deferred) {
            this.mutation = mutation;
            this.deferred = deferred;
        }
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

    /** Null while the writer goes on; else why it stopped. */
    String stopped() { return stopped; }

    @SuppressWarnings("unchecked")
    void commit(List<Pending> batch) {
        if (stopped != null) {
            DurabilityException refused = new DurabilityException(stopped, null);
            for (Pending p : batch) failOne(p, refused);
            return;
        }
        Object[] results = new Object[batch.size()];
        try {
            journal.beginBatch();
            for (int i = 0; i < results.length; i++) {
                results[i] = batch.get(i).mutation.apply();
                journal.afterMutation();
            }
            journal.makeDurable();
        } catch (Throwable t) {
            boolean undone = undo(t);
            // a batch forced in parts may have parts on disk that the failed undo could not cut off: the next start applies them
            DurabilityException failure = new DurabilityException("durability failed: " + batch.size() + " write(s) to "
                    + name + " were not applied and forced to disk (" + t + "); " + (undone ? "they were undone"
                    : "undoing them failed too, the store stopped, and its next start may apply some of them"), t);
            for (Pending p : batch) failOne(p, failure);
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
        checkpointIfDue();
    }

    /** When the writer has waited for work a while: a checkpoint that is due, or the end of one, as after a batch. */
    void idle() {
        if (stopped == null) checkpointIfDue();
    }

    private void checkpointIfDue() {
        try {
            journal.afterBatch();
        } catch (Throwable e) {
            stop("a checkpoint of " + name + " failed (" + e + ")", e);
        }
    }

    private void failOne(Pending p, DurabilityException failure) {
        try {
            p.mutation.failed(failure);
        } catch (Throwable hook) {
            LOG.error(HOOK_FAILED, name, hook);
        }
        p.done.completeExceptionally(failure);
    }

    /** @return false when the undo failed too (the store then stops) */
    private boolean undo(Throwable cause) {
        long stamp = undoing.writeLock();
        try {
            journal.undo(cause);
            return true;
        } catch (Throwable e) {
            stop("undoing a failed batch of " + name + " failed (" + e + ")", e);
            return false;
        } finally {
            undoing.unlockWrite(stamp);
        }
    }

    /** Closes the MVStore without writing and refuses every later write; logs once, with what the operator must do. */
    private void stop(String what, Throwable cause) {
        if (stopped != null) return;
        stopped = what + "; it accepts no more writes. Every write acknowledged before is in the journal "
                + journal.path() + " and " + WriteAheadJournal.otherSlot(journal.path()).getFileName() + " (keep them"
                + " with the store file): fix the disk, then restart, which applies them";
        LOG.error("{}", stopped, cause);
        store.closeImmediately();
    }
}
