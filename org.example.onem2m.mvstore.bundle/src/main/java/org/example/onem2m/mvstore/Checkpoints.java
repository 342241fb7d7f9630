package org.example.onem2m.mvstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of a {@link WriteAheadJournal}: the MVStore committed, synced and compacted so that the journal can
 * start anew. Called on the writer thread, between batches; only the end of a checkpoint beside the writer runs on a
 * thread of its own.
 *
 * <h2>Beside the writer</h2>
 * With random keys an MVStore commit serialises nearly every leaf of a large map: 17-51 ms with some 20,000 entries
 * (figure 12 of BENCHMARKS.md), during which the writer used to answer nobody. Now the writer only switches its appends
 * to the other journal slot ({@link JournalFile#rotate}: a journal of the next generation written ahead, so no rename
 * and no sync; the records of the one it leaves stay until the checkpoint is on disk), and calls
 * {@link MVStore#tryCommit()}, which takes the snapshot there, between two batches (so no half batch is ever in the
 * file), and leaves the serialisation and the chunk's write to H2's executors ({@link MVStoreFiles} keeps them). A thread
 * of this store then waits for them ({@link MVStore#executeFilestoreOperation}), syncs the file, replaces the journal
 * left by the spare for the next switch, and compacts (page moves only, written by the next checkpoint). Until then an
 * open applies both journals, in generation order ({@link JournalRecovery}). One checkpoint at a time: the next starts once this one is on disk,
 * so a chunk never reuses space the last durable version still needs. A failure is thrown at the writer's next call,
 * which stops the store (a failed fsync is not retried, {@link BatchCommit}).
 *
 * <h2>On the writer</h2>
 * At open (after the journals were applied) and at close the checkpoint is the whole of it, on the writer thread.
 */
final class Checkpoints {
    private static final Logger LOG = LoggerFactory.getLogger(WriteAheadJournal.class);
    /** How long acknowledged changes may wait in the journal alone before a checkpoint. */
    static final long INTERVAL_NANOS = 10_000_000_000L;
    /** A journal or unsaved heap this large is checkpointed at once, whatever the time. */
    static final long BYTES = 64L << 20;
    /**
     * An idle store still commits this often, by the monotonic clock or the wall clock, whichever says so first, so that
     * H2's own time-based commit ({@link MVStoreFiles}, measured on the wall clock) never comes due: a wall clock set
     * forward by weeks (a device without a real-time clock meeting NTP) is met by a commit of the writer's within a second.
     */
    static final long KEEP_ALIVE_NANOS = 86_400_000_000_000L;
    private static final long KEEP_ALIVE_MILLIS = KEEP_ALIVE_NANOS / 1_000_000;
    private static final int COMPACT_TARGET_FILL_RATE = 80;
    private static final int COMPACT_WRITE_BYTES = 4 << 20;

    private final MVStore store;
    private final String name;
    private final JournalFile journal;
    private final MVMap<String, Long> pairing;
    private final DiskSync sync;
    /** {@link #INTERVAL_NANOS} except in tests, which set it from their own thread. */
    volatile long intervalNanos = INTERVAL_NANOS;
    private long lastStart = System.nanoTime();
    private long lastStartMillis = System.currentTimeMillis();
    /** The store's version after the writer's last commit: any other commit would be H2's own ({@link #checkNoForeignCommit}). */
    private long ownVersion = -1;
    /** Set when {@link #checkNoForeignCommit} found one: a checkpoint is due at once. */
    private boolean foreignCommit;
    /**
     * The slot of the last spare {@link #writeSpare} wrote and forced (file and directory), or null; its generation is
     * checked by the switch ({@link JournalFile#rotate}), which reads it from the spare's header.
     */
    private volatile Path spareWritten;
    /**
     * Up to a quarter of the interval, drawn again at each checkpoint: the stores of a process open together, and
     * without it they checkpoint together, their commits competing for the same cores at the same moment.
     */
    private long jitterNanos = nextJitter(INTERVAL_NANOS);
    /** The checkpoint beside the writer that is not known to be on disk yet, or null. */
    private CompletableFuture<Void> inFlight;
    private final AtomicLong done = new AtomicLong();

    Checkpoints(MVStore store, String name, JournalFile journal, MVMap<String, Long> pairing, DiskSync sync) {
        this.store = store;
        this.name = name;
        this.journal = journal;
        this.pairing = pairing;
        this.sync = sync;
    }

    /** How many checkpoints are on disk since open (the one at open included). */
    long done() { return done.get(); }

    /**
     * After a batch, or when the writer is idle: collects a checkpoint that finished (throwing its failure), and starts
     * one beside the writer when one is due and none runs.
     */
    void afterBatch() throws IOException {
        if (inFlight != null) {
            if (!inFlight.isDone()) return;
            collect();
        }
        checkNoForeignCommit();
        long since = System.nanoTime() - lastStart;
        boolean due = since + jitterNanos >= intervalNanos || journal.recordBytes() >= BYTES || store.getUnsavedMemory() >= BYTES;
        boolean keepAlive = since >= KEEP_ALIVE_NANOS || Math.abs(System.currentTimeMillis() - lastStartMillis) >= KEEP_ALIVE_MILLIS;
        if ((due && journal.recordBytes() > 0) || keepAlive || foreignCommit) startBeside();
    }

    /**
     * A commit the writer did not make (H2's background writer, should the keep-alive ever lose the race to it) may have
     * caught a batch half applied: said at ERROR, and a checkpoint of the writer's own, taken between batches, is
     * started at once so that the file holds a whole state again.
     */
    private void checkNoForeignCommit() {
        if (ownVersion >= 0 && store.getCurrentVersion() != ownVersion) {
            LOG.error("{}: the MVStore committed on its own (version {} after the writer's {}); a checkpoint follows at once",
                    name, store.getCurrentVersion(), ownVersion);
            ownVersion = -1;
            foreignCommit = true;
        }
    }

    /** Waits for the checkpoint beside the writer, if one runs, and throws its failure. */
    void await() throws IOException {
        if (inFlight != null) collect(); // joins it
    }

    /** After {@link MVStore#rollback()}: its version is the writer's. */
    void afterRollback() { ownVersion = store.getCurrentVersion(); }

    /** {@link #await()}, at most {@code millis}: at close, a sync that hangs must not hang the process's stop. */
    void await(long millis) throws IOException {
        if (inFlight == null) return;
        try {
            inFlight.get(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("the checkpoint being written did not end within " + millis + " ms", e);
        } catch (java.util.concurrent.ExecutionException ignored) {
            // thrown by collect(), with its cause
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the checkpoint was written", e);
        }
        collect();
    }

    private void collect() throws IOException {
        CompletableFuture<Void> finished = inFlight;
        inFlight = null;
        try {
            finished.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            if (cause instanceof UncheckedIOException io) throw io.getCause();
            throw new IOException("the checkpoint failed: " + cause, cause);
        }
    }

    private void startBeside() throws IOException {
        long started = System.nanoTime();
        lastStart = started;
        lastStartMillis = System.currentTimeMillis();
        foreignCommit = false;
        jitterNanos = nextJitter(intervalNanos);
        Path other = WriteAheadJournal.otherSlot(journal.path());
        Path setAside = journal.rotate(other, other.equals(spareWritten), sync);
        spareWritten = null;
        long generation = journal.generation();
        pairing.put(WriteAheadJournal.GENERATION, generation); // the journal that follows this checkpoint
        long lastChunk = store.getFileStore().lastChunkVersion();
        long version = store.getCurrentVersion();
        store.tryCommit(); // the snapshot, here between batches; serialised and written by H2's executors
        if (store.getCurrentVersion() == version) store.commit(); // none taken (cannot happen: nothing else commits); so, on this thread
        ownVersion = store.getCurrentVersion();
        long handedOver = System.nanoTime();
        inFlight = CompletableFuture.runAsync(() -> finish(lastChunk, setAside, generation, started, handedOver), task -> {
            Thread thread = new Thread(task, "checkpoint " + name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * On the checkpoint's thread: waits for the chunk, syncs the file, then replaces the journal the chunk holds by the
     * spare for the next switch ({@code generation}: the journal's now), and compacts.
     */
    private void finish(long lastChunkBefore, Path setAside, long generation, long started, long handedOver) {
        store.executeFilestoreOperation(() -> { /* returns once H2's executors have written every chunk handed to them */ });
        if (store.getFileStore().lastChunkVersion() == lastChunkBefore) throw new IllegalStateException("the checkpoint's chunk was not written");
        forceStore(); // outside H2's lock: a failure is this store's to report (it stops), not a panic of H2's
        // a store closed meanwhile (an H2 panic, a close that gave up waiting) syncs nothing and says nothing: the
        // journal it left must then stay as it is
        if (store.isClosed()) throw new IllegalStateException(name + " was closed while its checkpoint was written");
        long written = System.nanoTime();
        writeSpare(setAside, generation + 1);
        // pages moved out of sparse chunks (no data changes; H2 does it beside its writers too), written by the next
        // checkpoint; here, not on the writer: it takes milliseconds, and it waits for any serialisation in flight
        try {
            store.compact(COMPACT_TARGET_FILL_RATE, COMPACT_WRITE_BYTES);
        } catch (RuntimeException e) {
            LOG.warn("{}: compaction after the checkpoint failed ({}); the checkpoint is on disk, the file may stay larger", name, e.toString());
        }
        done.incrementAndGet();
        LOG.debug("{}: checkpoint in {} µs, {} µs of it on the writer (the switch of journals, the snapshot); chunk written, synced and compaction"
                + " after {} µs more", name, (System.nanoTime() - started) / 1000, (handedOver - started) / 1000, (written - handedOver) / 1000);
    }

    /**
     * The whole checkpoint on the writer thread (at open and close): commit, sync, compact, with {@code generation} as
     * the journal that follows; then the journal anew as that generation and, when {@code withSpare}, the spare for the
     * first switch in the other slot (else that slot deleted). A stop in between leaves journals of earlier
     * generations, which an open does not apply ({@link JournalRecovery}).
     */
    void now(long generation, boolean withSpare) throws IOException {
        await();
        long started = System.nanoTime();
        lastStart = started;
        lastStartMillis = System.currentTimeMillis();
        jitterNanos = nextJitter(intervalNanos);
        pairing.put(WriteAheadJournal.GENERATION, generation);
        commitAndWait(); // never without changes: the line above is one
        long committed = System.nanoTime();
        forceStore();
        if (store.compact(COMPACT_TARGET_FILL_RATE, COMPACT_WRITE_BYTES) || store.hasUnsavedChanges()) {
            commitAndWait();
            forceStore();
        }
        long compacted = System.nanoTime();
        // the journal back in the first slot, so that a store stopped cleanly has x.journal, empty, and no x.journal.2
        Path first = WriteAheadJournal.firstSlot(journal.path());
        Path other = WriteAheadJournal.otherSlot(first);
        journal.restart(first, generation, sync);
        if (withSpare) writeSpare(other, generation + 1);
        else deleteQuietly(other);
        done.incrementAndGet();
        LOG.debug("{}: checkpoint in {} µs (commit {}, sync and compact {}, journals {})", name, (System.nanoTime() - started) / 1000,
                (committed - started) / 1000, (compacted - committed) / 1000, (System.nanoTime() - compacted) / 1000);
    }

    /** The writer's next switch then needs no sync; without it, the switch writes one (and syncs). */
    private void writeSpare(Path slot, long generation) {
        try {
            journal.writeSpare(slot, generation, sync);
            spareWritten = slot;
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: the next journal {} could not be written ahead ({}); the next checkpoint writes it", name, slot, e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a spare that stays is checked before use
        }
    }

    /**
     * {@link MVStore#commit()}, then a wait until H2's executors have written its chunk: with them, commit() returns
     * early when its thread is interrupted (H2 swallows the interrupt), and a sync then would not cover the chunk.
     */
    private void commitAndWait() throws IOException {
        long lastChunk = store.getFileStore().lastChunkVersion();
        store.commit();
        ownVersion = store.getCurrentVersion();
        for (int i = 0; i < 3 && store.getFileStore().lastChunkVersion() == lastChunk; i++) {
            store.executeFilestoreOperation(() -> { /* returns once the executors are idle */ });
        }
        if (store.getFileStore().lastChunkVersion() == lastChunk) throw new IOException("the checkpoint's chunk was not written");
    }

    private void forceStore() {
        sync.sync(DiskSync.Point.CHECKPOINT, store::sync);
    }

    private static long nextJitter(long interval) {
        return ThreadLocalRandom.current().nextLong(Math.max(1, Math.min(interval, INTERVAL_NANOS) / 4));
    }
}
