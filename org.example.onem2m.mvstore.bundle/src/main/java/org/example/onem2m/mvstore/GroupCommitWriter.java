package org.example.onem2m.mvstore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.osgi.annotation.versioning.ProviderType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for one H2 MVStore opened by {@link MVStoreFiles}: the only thread that changes its maps, and the way
 * every change becomes durable before its writer is answered. It knows nothing of what the maps hold, so any
 * MVStore-backed store (tef's registration store, mgmtobj's resource tree store) puts its writes through one.
 *
 * <h2>Durability</h2>
 * {@link #write} queues a mutation and waits (at most {@value #WRITE_TIMEOUT_SECONDS} s) for its future. The writer
 * thread takes everything queued at that moment (up to {@value #MAX_BATCH} mutations) and applies it to the maps; each
 * mutation changes them through {@link #put} and {@link #remove}, which also record the change. The batch's records
 * are appended to the store's journal ({@link MVStoreFiles#journalOf}) as one record and forced to the disk once (an
 * fdatasync; a batch whose record reaches {@code WriteAheadJournal.flushBytes} is forced in parts between its
 * mutations); only then are the futures of that batch completed, so a writer is acknowledged only after its change is
 * on disk, and concurrent writers share one append and one sync. The MVStore file itself is committed and synced at
 * checkpoints (every 7.5 to 10 seconds while there are writes, sooner when 64 MB wait, and at close), after which the
 * journal starts anew; at open
 * the journal's records are applied again, so a crash loses no acknowledged write and keeps no half mutation (of a
 * batch forced in parts, the mutations of the parts forced before the crash; none of them had been answered). If applying
 * or journaling a batch fails, the maps return to the acknowledged state (the last checkpoint plus the journal) and
 * every writer of the batch gets a {@link DurabilityException}.
 *
 * <h2>Submitting without waiting, and what happens after the sync</h2>
 * {@link #submit(Mutation)} queues a {@link Mutation} and returns its future at once, so that a caller can queue a
 * change while it holds a lock of its own and wait for durability after releasing it ({@link #await}). A mutation's
 * {@link Mutation#durable} (after the batch's sync) or {@link Mutation#failed} (after it was undone) runs on the
 * writer thread, in queue order, before the mutation's future completes and before the next batch is applied: this
 * is where a caller publishes a change to its readers in commit order, or withdraws what it had built on a batch
 * that failed, knowing that no later mutation has been applied yet.
 * <p>
 * {@link #submitDeferred(Mutation)} is for a change nobody waits for and whose loss in a crash costs only a repeat
 * (an outbox record's acknowledgement): it does not start a batch of its own; it travels with the next mutation that
 * does, in queue order, and is committed alone only when none comes within {@value #DEFERRED_WAIT_MILLIS} ms of the writer taking it up
 * (so later than that when the writer was busy, a checkpoint say), or at close. Each batch costs an fdatasync, about 90 µs of CPU on the 2-core machine of BENCHMARKS.md (figure 12), so a
 * change that rides along costs none.
 *
 * <h2>Reads</h2>
 * {@link #read} runs on the caller's thread with the version it reads pinned ({@link MVStore#registerVersionUsage()}),
 * so that no chunk it may traverse is reused under it. A read may see a change of the batch being written before it
 * is synced (and, should the batch fail, a change that is then undone); never a half-applied one. While a failed
 * batch is undone, reads wait.
 *
 * <h2>When the disk fails</h2>
 * A failed batch fails its writers and the writer goes on. A failed checkpoint, a failed undo or an MVStore that
 * closed itself stops it for good: the MVStore is closed without writing, and every later write and read throws
 * with the reason and what to do (one ERROR line says it too). A failed fsync is not retried: the kernel may have
 * dropped the pages it could not write, and a later sync that succeeds would not bring them back. Every write
 * acknowledged before is in the journal, which the next start applies.
 */
@ProviderType
public final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    /** How long {@link #write} and {@link #await} wait for durability before giving up. */
    public static final int WRITE_TIMEOUT_SECONDS = 30;
    /** The most mutations one commit holds. */
    public static final int MAX_BATCH = 4096;
    /** How long close waits for the writer, and for a checkpoint being written beside it. */
    static final long CLOSE_WAIT_MILLIS = 60_000;
    /** How long a {@link #submitDeferred deferred} mutation waits for a batch to travel with before it is committed alone. */
    public static final long DEFERRED_WAIT_MILLIS = 50;
    /** How long the writer waits for work before it looks whether a checkpoint is due (or one beside it has ended). */
    private static final long IDLE_MILLIS = 1000;

    private final MVStore store;
    private final String name;
    private final WriteAheadJournal journal;
    private final LinkedBlockingQueue<BatchCommit.Pending> queue = new LinkedBlockingQueue<>();
    /** Read lock: enqueueing a mutation; write lock: closing (so no mutation is queued behind the stop mark). */
    private final ReentrantReadWriteLock closing = new ReentrantReadWriteLock();
    private boolean closed; // guarded by closing
    private volatile boolean closedForReads;
    private final Thread thread;
    private final BatchCommit batches;
    /** {@link #DEFERRED_WAIT_MILLIS} except in tests, which set it from their own thread. */
    private volatile long deferredWaitNanos = TimeUnit.MILLISECONDS.toNanos(DEFERRED_WAIT_MILLIS);

    /**
     * Opens the journal of {@code maps} (creating it if needed), applies the acknowledged writes it holds to the maps,
     * checkpoints, and starts the writer thread. From now on only it may change the store's maps, and only through
     * {@link #put} and {@link #remove}. Open the maps and commit before.
     *
     * @param name what the store is called in messages and logs, e.g. "the registration store /data/x.mv.db"
     * @param journalFile the journal, next to the store: {@link MVStoreFiles#journalOf}
     * @param maps every map a mutation may change, in an order that stays the same from one version to the next
     *        (the journal names them; a journal holding writes to other maps is refused). Their key and value types
     *        encode the journal's records: each {@code write} must be read back whole by {@code read} (H2's are)
     * @param sync where written bytes are forced to the disk: {@link DiskSync#DIRECT} except in failure tests
     * @throws IllegalStateException if the journal cannot be opened or replayed (the message names the file)
     * @since 1.1
     */
    public GroupCommitWriter(MVStore store, String name, Path journalFile, List<? extends MVMap<?, ?>> maps, DiskSync sync) {
        this.store = Objects.requireNonNull(store, "store");
        this.name = Objects.requireNonNull(name, "name");
        this.journal = WriteAheadJournal.open(store, name, Objects.requireNonNull(journalFile, "journalFile"), maps, sync);
        this.batches = new BatchCommit(store, name, journal);
        this.thread = new Thread(this::writeLoop, "group-commit " + name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A change to the maps, applied on the writer thread with the others queued at the same time.
     *
     * @param <T> what {@link #apply()} returns to the writer
     */
    @FunctionalInterface
    public interface Mutation<T> {
        /** Applies the change to the maps; called on the writer thread. Throwing fails the whole batch. */
        T apply();

        /**
         * Called on the writer thread once the batch holding this mutation is committed and forced to disk, in queue
         * order and before this mutation's future completes; must not block. A throw is logged and ignored.
         */
        default void durable(T result) {}

        /**
         * Called on the writer thread once the batch holding this mutation has failed and been rolled back, in queue
         * order and before the future completes exceptionally and before any later mutation is applied; must not
         * block for long. A throw is logged and ignored.
         */
        default void failed(DurabilityException cause) {}
    }

    /**
     * Applies {@code mutation} to the maps on the writer thread, with others queued at the same time, and returns
     * its result once the batch is committed and forced to disk.
     *
     * @throws DurabilityException if the batch was not committed and synced, or not within the time limit
     * @throws IllegalStateException if the writer is closed
     */
    public <T> T write(Supplier<T> mutation) {
        Objects.requireNonNull(mutation, "mutation");
        return await(submit(mutation::get));
    }

    /**
     * Queues {@code mutation} and returns at once; its future completes (on the writer thread, after the mutation's
     * {@link Mutation#durable} or {@link Mutation#failed}) with its result once its batch is durable, or with a
     * {@link DurabilityException}.
     *
     * @throws IllegalStateException if the writer is closed
     */
    public <T> CompletableFuture<T> submit(Mutation<T> mutation) {
        return enqueue(new BatchCommit.Pending(Objects.requireNonNull(mutation, "mutation"), false));
    }

    /**
     * Queues {@code mutation} like {@link #submit}, but it starts no batch (and no sync) of its own: it is applied and
     * made durable with the next mutation that does, in queue order, or alone once {@value #DEFERRED_WAIT_MILLIS} ms
     * have passed without one, or at close. For a change whose loss in a crash only repeats work; its future completes
     * as a submitted one's does.
     *
     * @throws IllegalStateException if the writer is closed
     * @since 1.3
     */
    public <T> CompletableFuture<T> submitDeferred(Mutation<T> mutation) {
        return enqueue(new BatchCommit.Pending(Objects.requireNonNull(mutation, "mutation"), true));
    }

    private <T> CompletableFuture<T> enqueue(BatchCommit.Pending pending) {
        closing.readLock().lock();
        try {
            if (closed) throw closedException();
            queue.add(pending);
        } finally {
            closing.readLock().unlock();
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<T> done = (CompletableFuture<T>) pending.done;
        return done;
    }

    /**
     * Waits (at most {@value #WRITE_TIMEOUT_SECONDS} s) for a future {@link #submit} returned.
     *
     * @throws DurabilityException if the write was not committed and synced, or not within the time limit
     */
    public <T> T await(Future<T> durable) {
        try {
            return durable.get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            // a new exception, so that the caller's stack is in it too
            throw new DurabilityException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new DurabilityException("durability failed: " + name + " did not confirm the write within "
                    + WRITE_TIMEOUT_SECONDS + " s; it may or may not be stored", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DurabilityException("durability unknown: interrupted while waiting for " + name
                    + "; the write may or may not be stored", e);
        }
    }

    /** Runs a read on the caller's thread with its version pinned. */
    public <T> T read(Supplier<T> read) {
        if (closedForReads) throw closedException();
        String stopped = batches.stopped();
        if (stopped != null) throw new IllegalStateException(stopped);
        return batches.whileNotUndoing(() -> {
            MVStore.TxCounter pin = store.registerVersionUsage();
            try {
                return read.get();
            } finally {
                store.deregisterVersionUsage(pin);
            }
        });
    }

    /**
     * Puts {@code value} under {@code key} in {@code map} and records it for the journal; only from a mutation's
     * {@link Mutation#apply()}, on the writer thread.
     *
     * @return the previous value, or null
     * @throws IllegalStateException if called from another thread
     * @throws IllegalArgumentException if {@code map} is not one of the writer's maps
     * @since 1.1
     */
    public <K, V> V put(MVMap<K, V> map, K key, V value) {
        int index = journalIndexOf(map);
        V old = map.put(key, value);
        journal.recordPut(index, key, value);
        return old;
    }

    /**
     * Removes {@code key} from {@code map} and records it for the journal (only if it was there); only from a
     * mutation's {@link Mutation#apply()}, on the writer thread.
     *
     * @return the removed value, or null
     * @since 1.1
     */
    public <K, V> V remove(MVMap<K, V> map, K key) {
        int index = journalIndexOf(map);
        V old = map.remove(key);
        if (old != null) journal.recordRemove(index, key);
        return old;
    }

    /** Tests: how long acknowledged writes may stay in the journal alone (Long.MAX_VALUE: until close). */
    void checkpointInterval(long nanos) { journal.checkpointInterval(nanos); }

    /**
     * Tests: waits for a checkpoint running now, lets one that is due start, and waits until that is on disk (and the
     * writer has collected it). The first wait: a checkpoint an idle writer started before the test's last write does
     * not hold that write, and while it runs no other starts (a test's write was once left out so).
     */
    void awaitCheckpoint() {
        write(this::awaitCheckpointOnWriter); // after this batch a due checkpoint has started
        write(this::awaitCheckpointOnWriter);
    }

    private Object awaitCheckpointOnWriter() {
        try {
            journal.awaitCheckpoint();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return null;
    }

    /**
     * How long a deferred mutation waits for a batch to travel with (default {@value #DEFERRED_WAIT_MILLIS} ms); for
     * tests that must not depend on their own thread's speed.
     *
     * @since 1.3
     */
    public void deferredWait(java.time.Duration wait) { deferredWaitNanos = wait.toNanos(); }

    /** Tests: how many checkpoints were written since open. */
    long checkpoints() { return journal.checkpoints(); }

    /** Checked before the map changes: the writer thread, and one of the writer's maps (its index in the journal). */
    private int journalIndexOf(MVMap<?, ?> map) {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException(name + ": maps change only in a mutation, on the writer thread");
        }
        int index = journal.indexOf(map);
        if (index < 0) throw new IllegalArgumentException(name + ": map " + map.getName() + " is not one of the writer's maps");
        return index;
    }

    /** How many batches were journaled and forced to disk (group commit: fewer than the writes). */
    public long batchesCommitted() { return batches.batchesCommitted(); }

    /** How many mutations those batches held. */
    public long mutationsCommitted() { return batches.mutationsCommitted(); }

    private IllegalStateException closedException() {
        return new IllegalStateException(name + " is closed");
    }

    // ---------------------------------------------------------------- the writer thread

    /** Queued by close(): the writer stops after the batch in front of it. */
    private static final BatchCommit.Pending STOP = new BatchCommit.Pending(() -> null, false);

    private void writeLoop() {
        List<BatchCommit.Pending> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                BatchCommit.Pending first = queue.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    // no writes for a while: what they left in the journal alone still reaches the store file
                    batches.idle();
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                continue; // nobody but close() ends this thread, and it does so with STOP
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            waitForCompany(batch);
            int stopAt = batch.indexOf(STOP);
            if (stopAt >= 0) {
                stop = true;
                for (BatchCommit.Pending late : batch.subList(stopAt + 1, batch.size())) { // cannot happen: close() holds the lock
                    late.done.completeExceptionally(closedException());
                }
                batch.subList(stopAt, batch.size()).clear();
            }
            if (!batch.isEmpty()) batches.commit(batch);
            batch.clear();
        }
    }

    /**
     * While {@code batch} holds only deferred mutations: waits, at most the deferred wait since now, for one that is
     * not (STOP is not), so that they share its sync; in queue order, never past {@link #MAX_BATCH}.
     */
    private void waitForCompany(List<BatchCommit.Pending> batch) {
        if (!onlyDeferred(batch, 0)) return;
        long deadline = System.nanoTime() + deferredWaitNanos;
        while (batch.size() < MAX_BATCH) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return;
            BatchCommit.Pending next;
            try {
                next = queue.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return; // commit what is held; close() ends the thread with STOP
            }
            if (next == null) return;
            int from = batch.size();
            batch.add(next);
            queue.drainTo(batch, MAX_BATCH - batch.size());
            if (!onlyDeferred(batch, from)) return;
        }
    }

    private static boolean onlyDeferred(List<BatchCommit.Pending> batch, int from) {
        for (int i = from; i < batch.size(); i++) {
            if (!batch.get(i).deferred) return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- close

    /** Lets the writer finish everything queued before, then closes the MVStore. Writes and reads afterwards throw. */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            queue.add(STOP);
        } finally {
            closing.writeLock().unlock();
        }
        boolean interrupted = false;
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        closedForReads = true;
        if (thread.isAlive()) {
            LOG.error("{}: the writer did not finish within {} ms; closing the file without it (the journal keeps what"
                    + " was acknowledged)", name, CLOSE_WAIT_MILLIS);
            store.closeImmediately();
            journal.abandon(); // its channel too: the acknowledged writes are in the file for the next open
        } else {
            boolean checkpointed = journal.close(); // the last checkpoint
            if (!store.isClosed()) {
                if (checkpointed) store.close();
                else store.closeImmediately(); // no write after a failed one: the journals keep everything
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
