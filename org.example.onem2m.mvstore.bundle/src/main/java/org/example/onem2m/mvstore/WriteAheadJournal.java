package org.example.onem2m.mvstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
 * compacted only at checkpoints ({@link Checkpoints}: every {@link Checkpoints#INTERVAL_NANOS ten seconds}, less up to a
 * quarter of it drawn each time, while there are writes, sooner when {@link Checkpoints#BYTES 64 MB} of journal or
 * unsaved pages wait, and at close), after which the journal starts anew. At open the journal's records are applied to
 * the maps and checkpointed.
 *
 * <p>Why: an MVStore commit writes every leaf page the batch dirtied, compressed, and the store's layout; profiled
 * under the resource tree's writes that was most of the writer thread's time, about 100 µs per write with 32 writers.
 * A journal record is the changes themselves; a checkpoint writes a page once however many writes dirtied it, and
 * resource IDs are random, so nearly every leaf of a large map is dirty at each checkpoint and fewer checkpoints cost
 * less per write (32 writers of CREATEs, one node of 100: the writer thread spent about 64 µs per write with a
 * checkpoint a second, 49 µs with one every ten). The price is the replay at the next open after a crash: at most
 * ten seconds or 64 MB of writes.
 *
 * <p>A checkpoint beside the writer keeps the journal it started from as {@code <journal>.prev} until the checkpoint is
 * on disk; an open applies that one first, then the journal.
 * Called on the writer thread only, except {@link #open}.
 */
final class WriteAheadJournal {
    private static final Logger LOG = LoggerFactory.getLogger(WriteAheadJournal.class);

    /** A map of the store (not journaled): the generation of the journal that follows its last checkpoint. */
    static final String PAIRING_MAP = "onem2m.journal";
    private static final String GENERATION = "generation";
    /** How long close waits for a checkpoint being written beside the writer. */
    private static final long CLOSE_WAIT_MILLIS = 60_000;

    private final MVStore store;
    private final String name;
    private final JournalFile journal;
    private final MVMap<String, Long> pairing;
    private final Checkpoints checkpoints;
    private final DiskSync sync;

    private WriteAheadJournal(MVStore store, String name, JournalFile journal, DiskSync sync) {
        this.store = store;
        this.sync = sync;
        this.name = name;
        this.journal = journal;
        this.pairing = store.openMap(PAIRING_MAP);
        this.checkpoints = new Checkpoints(store, name, journal, previousOf(journal.path()), pairing, GENERATION, sync);
    }

    /** Where a checkpoint beside the writer keeps the journal it started from until it is on disk. */
    static Path previousOf(Path journal) { return journal.resolveSibling(journal.getFileName() + ".prev"); }

    /**
     * Opens (or creates) the journal of {@code maps} and applies what it holds: the acknowledged writes the MVStore
     * file did not have yet when the process stopped (the journal a checkpoint beside the writer had set aside first,
     * when there is one). Then checkpoints, so the journal starts empty.
     */
    static WriteAheadJournal open(MVStore store, String name, Path file, List<? extends MVMap<?, ?>> maps, DiskSync sync) {
        Objects.requireNonNull(maps, "maps");
        Objects.requireNonNull(sync, "sync");
        Path prev = previousOf(file);
        JournalFile earlier = null;
        JournalFile journal;
        try {
            if (Files.exists(prev)) earlier = new JournalFile(prev, maps, sync, 0);
            // a stop between setting the journal aside and its successor's rename leaves none: the successor's generation
            journal = new JournalFile(file, maps, sync, earlier == null ? 1 : earlier.generation() + 1);
        } catch (IOException | RuntimeException e) {
            closeQuietly(earlier);
            throw new IllegalStateException("cannot open the journal " + file + " of " + name + ": " + e, e);
        }
        if (earlier != null && journal.generation() != earlier.generation() + 1) {
            // set aside before a checkpoint that a later one has covered since (a stop before its deletion, written by
            // 1.3's checkpoint at open): its records are in the store, and applying them alone would undo newer writes
            LOG.info("{}: {} (generation {}) is older than the checkpoint that followed it; deleted, not applied", name, prev,
                    earlier.generation());
            closeQuietly(earlier);
            earlier = null;
            try {
                Files.delete(prev);
                JournalHeader.forceDirectoryOf(prev);
            } catch (IOException e) {
                closeQuietly(journal);
                throw new IllegalStateException("cannot delete " + prev + ", a journal the store " + name + " no longer needs: " + e, e);
            }
        }
        WriteAheadJournal opened = new WriteAheadJournal(store, name, journal, sync);
        try {
            opened.checkPaired(earlier);
            int batches = (earlier == null ? 0 : earlier.replay()) + journal.replay();
            if (batches > 0) {
                LOG.info("{}: applied {} batch(es) of acknowledged writes from the journal {}{}", name, batches, file,
                        earlier == null ? "" : " and " + prev);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(earlier);
            opened.closeFile();
            throw new IllegalStateException("cannot apply the journal " + file + " to " + name + ": " + e.getMessage(), e);
        }
        closeQuietly(earlier);
        try {
            opened.checkpoints.now();
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
     * changes nothing). With a journal set aside by a checkpoint beside the writer, that one is the generation recorded
     * (its checkpoint not on disk) or the one before (on disk, the set-aside journal not yet deleted), and the journal
     * follows it (checked at open: a set-aside journal a later checkpoint covered is deleted unapplied). Anything
     * else is a store or a journal restored or copied without the other; applying the journal would put its writes on a
     * base they were not made on.
     */
    private void checkPaired(JournalFile earlier) throws IOException {
        Long expected = pairing.get(GENERATION);
        if (earlier != null && earlier.holdsBytesAfterHeader()) {
            long found = earlier.generation();
            if (expected == null || (found != expected && found != expected - 1)) throw unpaired(earlier, expected);
        }
        if (!journal.holdsBytesAfterHeader()) return;
        long found = journal.generation();
        // with a set-aside journal (of the generation recorded, or the one before), the journal is the one after it
        if (earlier != null && expected != null && found <= expected + 1) return;
        if (expected != null && (found == expected || found == expected - 1)) return;
        throw unpaired(journal, expected);
    }

    private IllegalStateException unpaired(JournalFile file, Long expected) {
        return new IllegalStateException("the journal " + file.path() + " (generation " + file.generation() + ") does not go with " + name
                + (expected == null ? " (which was never checkpointed with a journal)" : " (checkpointed for generation "
                + expected + ")") + ": one of the files was restored or copied without the other. Nothing was"
                + " applied. Restore the store file and its journal (and " + previousOf(journal.path()).getFileName() + ", if any) from the same"
                + " backup; or, to open the store as it is, move the journals away (their writes are then lost)");
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
        // the rollback returns to the last checkpoint's snapshot: one beside the writer must be on disk first (it
        // throws if it failed, and the store stops with the set-aside journal kept for the next open)
        checkpoints.await();
        if (store.isClosed()) throw new IllegalStateException(name + " closed itself after a write error", cause);
        store.rollback();
        checkpoints.afterRollback();
        journal.replay();
    }

    /**
     * After a batch's writers were answered, or when the writer is idle: a checkpoint when one is due. A failure is
     * thrown: the writer then stops (a failed fsync is not retried, see {@link BatchCommit}); nothing acknowledged is
     * lost, the journals hold it.
     */
    void afterBatch() throws IOException { checkpoints.afterBatch(); }

    /** Tests: how long acknowledged writes may stay in the journal alone (Long.MAX_VALUE: until close). */
    void checkpointInterval(long nanos) { checkpoints.intervalNanos = nanos; }

    /** Tests: waits for a checkpoint beside the writer to be on disk. */
    void awaitCheckpoint() throws IOException { checkpoints.await(); }

    /** How many checkpoints are on disk since open (the one at open included). */
    long checkpoints() { return checkpoints.done(); }

    /** The last checkpoint, before the MVStore closes; a failure leaves the journals for the next open. */
    void close() {
        try {
            checkpoints.await(CLOSE_WAIT_MILLIS);
            if (journal.recordBytes() > 0 && !store.isClosed()) checkpoints.now();
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: the checkpoint at close failed; the journal {} (and {}, if present) keep the writes for the next open: {}", name,
                    journal.path(), previousOf(journal.path()).getFileName(), e.toString());
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

    private static void closeQuietly(JournalFile file) {
        if (file == null) return;
        try {
            file.close();
        } catch (IOException e) {
            // only read
        }
    }
}
