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
 * <p>A store has two journal slots, {@code x.journal} and {@code x.journal.2}: a checkpoint beside the writer switches
 * appends to the other one (written ahead, so the switch needs no sync) and keeps the one it started from until the
 * checkpoint is on disk; an open applies what the store lacks by the files' generations ({@link JournalRecovery}).
 * Called on the writer thread only, except {@link #open}.
 */
final class WriteAheadJournal {
    private static final Logger LOG = LoggerFactory.getLogger(WriteAheadJournal.class);

    /** A map of the store (not journaled): the generation of the journal that follows its last checkpoint. */
    static final String PAIRING_MAP = "onem2m.journal";
    /** The pairing map's key of the journal generation that follows the store's last checkpoint. */
    static final String GENERATION = "generation";

    private final MVStore store;
    private final String name;
    private final JournalFile journal;
    private final Checkpoints checkpoints;
    private final DiskSync sync;

    private WriteAheadJournal(MVStore store, String name, JournalFile journal, MVMap<String, Long> pairing, DiskSync sync) {
        this.store = store;
        this.sync = sync;
        this.name = name;
        this.journal = journal;
        this.checkpoints = new Checkpoints(store, name, journal, pairing, sync);
    }

    /**
     * The other of a store's two journal slots, {@code x.journal} and {@code x.journal.2}: a checkpoint beside the writer
     * switches appends to it and keeps the one it started from until it is on disk ({@link Checkpoints}).
     */
    static Path otherSlot(Path journal) {
        String n = journal.getFileName().toString();
        return n.endsWith(SECOND_SLOT) ? journal.resolveSibling(n.substring(0, n.length() - SECOND_SLOT.length()))
                : journal.resolveSibling(n + SECOND_SLOT);
    }

    private static final String SECOND_SLOT = ".2";

    /** {@code x.journal} of the slots {@code x.journal} and {@code x.journal.2}. */
    static Path firstSlot(Path journal) {
        String n = journal.getFileName().toString();
        return n.endsWith(SECOND_SLOT) ? otherSlot(journal) : journal;
    }

    /**
     * Opens (or creates) the journal of {@code maps} and applies what the journal files hold that the store lacks: the
     * acknowledged writes the MVStore file did not have yet when the process stopped ({@link JournalRecovery}). Then
     * checkpoints, so the journal starts empty, with the spare for the first rotation in the other slot.
     */
    static WriteAheadJournal open(MVStore store, String name, Path file, List<? extends MVMap<?, ?>> maps, DiskSync sync) {
        Objects.requireNonNull(maps, "maps");
        Objects.requireNonNull(sync, "sync");
        MVMap<String, Long> pairing = store.openMap(PAIRING_MAP);
        long next;
        try (JournalRecovery recovery = JournalRecovery.of(name, file, maps, sync)) {
            next = recovery.apply(pairing.get(GENERATION));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot apply the journal " + file + " to " + name + ": " + e.getMessage(), e);
        }
        JournalFile journal;
        try {
            journal = new JournalFile(file, maps, sync, next);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot open the journal " + file + " of " + name + ": " + e, e);
        }
        WriteAheadJournal opened = new WriteAheadJournal(store, name, journal, pairing, sync);
        try {
            opened.checkpoints.now(next, true);
        } catch (IOException | RuntimeException e) {
            opened.closeFile();
            throw new IllegalStateException("the journal " + file + " was applied, but " + name + " could not be written"
                    + " (" + e + "). The journals hold acknowledged writes that the store file lacks: do not delete them;"
                    + " free space or fix the disk, then start again", e);
        }
        return opened;
    }

    /** The map's index in the journal's records, or -1 when the journal does not hold it. */
    int indexOf(MVMap<?, ?> map) { return journal.indexOf(map); }

    void recordPut(int index, Object key, Object value) { journal.recordPut(index, key, value); }

    void recordRemove(int index, Object key) { journal.recordRemove(index, key); }

    Path path() { return journal.path(); }

    /**
     * The pending ops of a batch are appended and forced as a record of their own once they reach this many bytes,
     * between two of its mutations: the record is built in memory, and one batch of a million removals (a subtree
     * deleted in parts, {@code TreeWriter}) would otherwise need a buffer of hundreds of MB. Only between mutations, so
     * that a crash never leaves half of one; forced before the next is written, so that a later record never reaches
     * the disk without the earlier. Package-private and mutable for the tests.
     */
    static volatile int flushBytes = 8 << 20;

    /** A batch begins (the writer thread). */
    void beginBatch() { journal.beginBatch(); }

    /** After each mutation of a batch: its ops so far as a record of their own when they are large ({@link #flushBytes}). */
    void afterMutation() throws IOException {
        if (journal.pendingBytes() >= flushBytes) journal.appendPending(sync);
    }

    /** Appends and forces the batch's record (a batch that changed nothing needs neither). */
    void makeDurable() throws IOException {
        if (journal.hasPending()) journal.appendPending(sync);
    }

    /**
     * Undoes a batch that failed: back to the last checkpoint ({@link MVStore#rollback()} drops every change since),
     * the failed batch's records (those forced already, of a batch forced in parts, too) cut off the journal, and the
     * acknowledged records since the checkpoint applied again.
     * Readers of the maps may see the checkpoint's state meanwhile; {@link GroupCommitWriter#read} waits for this.
     */
    void undo(Throwable cause) throws IOException {
        LOG.error("{}: a batch failed ({}); returning to the last checkpoint and the journal's acknowledged writes", name,
                cause.toString());
        journal.discardPending();
        // the failed batch's records off the journal first: its writers are told it was undone, so no restart may apply them
        journal.truncateToBatchStart();
        // the rollback returns to the last checkpoint's snapshot: one beside the writer must be on disk first (it
        // throws if it failed, and the store stops with the slot it left kept for the next open)
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

    /**
     * The last checkpoint, before the MVStore closes; a failure leaves the journals for the next open.
     *
     * @return false when it failed: the MVStore must then close without writing (a failed sync is not retried, and a
     *         checkpoint may still be in flight)
     */
    boolean close() {
        boolean checkpointed = true;
        try {
            checkpoints.await(GroupCommitWriter.CLOSE_WAIT_MILLIS);
            boolean inFirstSlot = journal.path().equals(firstSlot(journal.path()));
            if ((journal.recordBytes() > 0 || !inFirstSlot) && !store.isClosed()) {
                checkpoints.now(journal.generation() + 1, false);
            } else if (!store.isClosed()) {
                Files.deleteIfExists(otherSlot(journal.path())); // the spare, or a journal the last checkpoint covered
                journal.truncateToEnd(); // the zeros written ahead too: a clean stop leaves a header only
            }
        } catch (IOException | RuntimeException e) {
            checkpointed = false;
            LOG.error("{}: the checkpoint at close failed; the journals {} and {} keep the writes for the next open: {}", name,
                    journal.path(), otherSlot(journal.path()).getFileName(), e.toString());
        }
        closeFile();
        return checkpointed;
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
