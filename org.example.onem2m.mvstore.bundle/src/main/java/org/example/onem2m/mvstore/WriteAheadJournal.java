package org.example.onem2m.mvstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link GroupCommitWriter} makes batches durable: each batch's changes are appended to a journal file
 * ({@link JournalFile}) and forced to the disk with one fdatasync; the MVStore itself is committed, synced and
 * compacted only at checkpoints (every {@link #CHECKPOINT_INTERVAL_NANOS ten seconds}, less up to a quarter of it drawn each time, while there are writes, sooner
 * when {@link #CHECKPOINT_BYTES 64 MB} of journal or unsaved pages wait, and at close), after which the journal starts
 * anew. At open the journal's records are applied to the maps and checkpointed.
 *
 * <p>Why: an MVStore commit writes every leaf page the batch dirtied, compressed, and the store's layout; profiled
 * under the resource tree's writes that was most of the writer thread's time, about 100 µs per write with 32 writers.
 * A journal record is the changes themselves; a checkpoint writes a page once however many writes dirtied it, and
 * resource IDs are random, so nearly every leaf of a large map is dirty at each checkpoint and fewer checkpoints cost
 * less per write (32 writers of CREATEs, one node of 100: the writer thread spent about 64 µs per write with a
 * checkpoint a second, 49 µs with one every ten). The price is the replay at the next open after a crash: at most
 * ten seconds or 64 MB of writes.
 * Called on the writer thread only, except {@link #open}.
 */
final class WriteAheadJournal {
    private static final Logger LOG = LoggerFactory.getLogger(WriteAheadJournal.class);
    /** How long acknowledged changes may wait in the journal alone before a checkpoint. */
    static final long CHECKPOINT_INTERVAL_NANOS = 10_000_000_000L;
    /** A journal or unsaved heap this large is checkpointed at once, whatever the time. */
    static final long CHECKPOINT_BYTES = 64L << 20;
    private static final int COMPACT_TARGET_FILL_RATE = 80;
    private static final int COMPACT_WRITE_BYTES = 4 << 20;

    /** A map of the store (not journaled): the generation of the journal that follows its last checkpoint. */
    static final String PAIRING_MAP = "onem2m.journal";
    private static final String GENERATION = "generation";

    private final MVStore store;
    private final String name;
    private final JournalFile journal;
    private final MVMap<String, Long> pairing;
    private final DiskSync sync;
    /** {@link #CHECKPOINT_INTERVAL_NANOS} except in tests, which set it from their own thread. */
    volatile long checkpointIntervalNanos = CHECKPOINT_INTERVAL_NANOS;
    private long lastCheckpoint = System.nanoTime();
    /**
     * Up to a quarter of the interval, drawn again at each checkpoint: the stores of a process open together, and a
     * checkpoint holds up its store's writers for tens of ms with a large map of random keys (the whole map is
     * rewritten); without it they checkpoint together and their stalls add up in one request (figure 12 of
     * BENCHMARKS.md: the MEF Client state's 70 ms and the enrolment store's 46 ms in the same 100 ms).
     */
    private long jitterNanos = nextJitter(CHECKPOINT_INTERVAL_NANOS);
    private volatile long checkpoints;

    private WriteAheadJournal(MVStore store, String name, JournalFile journal, DiskSync sync) {
        this.store = store;
        this.name = name;
        this.journal = journal;
        this.sync = sync;
        this.pairing = store.openMap(PAIRING_MAP);
    }

    /**
     * Opens (or creates) the journal of {@code maps} and applies what it holds: the acknowledged writes the MVStore
     * file did not have yet when the process stopped. Then checkpoints, so the journal starts empty.
     */
    static WriteAheadJournal open(MVStore store, String name, Path file, List<? extends MVMap<?, ?>> maps, DiskSync sync) {
        Objects.requireNonNull(maps, "maps");
        Objects.requireNonNull(sync, "sync");
        JournalFile journal;
        try {
            journal = new JournalFile(file, maps, sync);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the journal " + file + " of " + name + ": " + e, e);
        }
        WriteAheadJournal opened = new WriteAheadJournal(store, name, journal, sync);
        try {
            opened.checkPaired(file);
            int batches = journal.replay();
            if (batches > 0) {
                LOG.info("{}: applied {} batch(es) of acknowledged writes from the journal {}", name, batches, file);
            }
        } catch (IOException | RuntimeException e) {
            opened.closeFile();
            throw new IllegalStateException("cannot apply the journal " + file + " to " + name + ": " + e.getMessage(), e);
        }
        try {
            opened.checkpoint();
        } catch (IOException | RuntimeException e) {
            opened.closeFile();
            throw new IllegalStateException("the journal " + file + " was applied, but " + name + " could not be written"
                    + " (" + e + "). The journal holds acknowledged writes that the store file lacks: do not delete it;"
                    + " free space or fix the disk, then start again", e);
        }
        return opened;
    }

    /**
     * A journal holding writes applies only to the store file it was written beside: each checkpoint records in the
     * store the generation of the journal that follows it. The journal's generation is that one, or the one before
     * (a stop between the checkpoint and the journal's restart: its records are in the store, applying them again
     * changes nothing). Anything else is a store or a journal restored or copied without the other; applying the
     * journal would put its writes on a base they were not made on.
     */
    private void checkPaired(Path file) throws IOException {
        if (!journal.holdsBytesAfterHeader()) return;
        Long expected = pairing.get(GENERATION);
        long found = journal.generation();
        if (expected != null && (found == expected || found == expected - 1)) return;
        throw new IllegalStateException("the journal " + file + " (generation " + found + ") does not go with " + name
                + (expected == null ? " (which was never checkpointed with a journal)" : " (checkpointed for generation "
                + expected + ")") + ": one of the two files was restored or copied without the other. Nothing was"
                + " changed. Restore both from the same backup; or, to open the store as it is, move the journal away (its"
                + " writes are then lost)");
    }

    /** The map's index in the journal's records, or -1 when the journal does not hold it. */
    int indexOf(MVMap<?, ?> map) { return journal.indexOf(map); }

    void recordPut(int index, Object key, Object value) { journal.recordPut(index, key, value); }

    void recordRemove(int index, Object key) { journal.recordRemove(index, key); }

    Path path() { return journal.path(); }

    /** Appends and forces the batch's record (a batch that changed nothing needs neither). */
    void makeDurable() throws IOException {
        if (journal.hasPending()) journal.appendPending(sync);
    }

    /**
     * Undoes a batch that failed: back to the last checkpoint ({@link MVStore#rollback()} drops every change since),
     * the failed record cut off the journal, and the acknowledged records since the checkpoint applied again.
     * Readers of the maps may see the checkpoint's state meanwhile; {@link GroupCommitWriter#read} waits for this.
     */
    void undo(Throwable cause) throws IOException {
        LOG.error("{}: a batch failed ({}); returning to the last checkpoint and the journal's acknowledged writes", name,
                cause.toString());
        journal.discardPending();
        // the failed record off the journal first: its writers are told it was undone, so no restart may apply it
        journal.truncateToEnd();
        if (store.isClosed()) throw new IllegalStateException(name + " closed itself after a write error", cause);
        store.rollback();
        journal.replay();
    }

    /**
     * After a batch's writers were answered: a checkpoint when one is due. A failure is thrown: the writer then
     * stops (a failed fsync is not retried, see {@link BatchCommit}); nothing acknowledged is lost, the journal holds it.
     */
    void afterBatch() throws IOException {
        boolean due = System.nanoTime() - lastCheckpoint + jitterNanos >= checkpointIntervalNanos
                || journal.recordBytes() >= CHECKPOINT_BYTES || store.getUnsavedMemory() >= CHECKPOINT_BYTES;
        if (due && journal.recordBytes() > 0) checkpoint();
    }

    /** Commits and syncs the MVStore, compacts it, then empties the journal. */
    private void checkpoint() throws IOException {
        lastCheckpoint = System.nanoTime();
        jitterNanos = nextJitter(checkpointIntervalNanos);
        pairing.put(GENERATION, journal.generation() + 1); // the generation restart() gives the journal
        store.commit(); // never without changes: the line above is one
        long committed = System.nanoTime();
        forceStore();
        long synced = System.nanoTime();
        compact();
        long compacted = System.nanoTime();
        journal.restart(sync);
        checkpoints++;
        long done = System.nanoTime();
        // the parts apart: figure 12 of BENCHMARKS.md found the commit (every dirty leaf serialised) 20-50 ms of 25-60
        LOG.debug("{}: checkpoint in {} µs (commit {}, sync {}, compact {}, journal restart {})", name, (done - lastCheckpoint) / 1000,
                (committed - lastCheckpoint) / 1000, (synced - committed) / 1000, (compacted - synced) / 1000, (done - compacted) / 1000);
    }

    /**
     * An MVStore never overwrites a page: rewrites the live pages of sparse chunks (no data changes, only where pages
     * live) so that the old chunks become free once the retention time has passed ({@link MVStoreFiles}).
     */
    private void compact() {
        if (store.compact(COMPACT_TARGET_FILL_RATE, COMPACT_WRITE_BYTES) || store.hasUnsavedChanges()) {
            store.commit();
            forceStore();
        }
    }

    private void forceStore() {
        sync.sync(DiskSync.Point.CHECKPOINT, store::sync);
    }

    private static long nextJitter(long interval) {
        return java.util.concurrent.ThreadLocalRandom.current().nextLong(Math.max(1, Math.min(interval, CHECKPOINT_INTERVAL_NANOS) / 4));
    }

    /** How many checkpoints were written since open (the one at open included). */
    long checkpoints() { return checkpoints; }

    /** The last checkpoint, before the MVStore closes; a failure leaves the journal for the next open. */
    void close() {
        try {
            if (journal.recordBytes() > 0 && !store.isClosed()) checkpoint();
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: the checkpoint at close failed; the journal {} keeps the writes for the next open: {}", name,
                    journal.path(), e.toString());
        }
        closeFile();
    }

    /**
     * Closes the journal file without a checkpoint, when the writer did not finish in time: what it acknowledged is in
     * the file already, and the next open applies it. A write the stuck writer still attempts fails on the closed file.
     */
    void abandon() {
        try {
            journal.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: closing the journal {} failed: {}", name, journal.path(), e.toString());
        }
    }

    private void closeFile() {
        try {
            journal.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
