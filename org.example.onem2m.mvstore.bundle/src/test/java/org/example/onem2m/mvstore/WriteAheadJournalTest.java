package org.example.onem2m.mvstore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The journal behind the writer: an acknowledged write is in the journal before its writer is answered, so a process
 * that stops before the MVStore's next checkpoint loses none; what a crash leaves half written, or a journal of an
 * earlier generation left behind, is never applied. A "crash" here closes the MVStore without writing anything
 * ({@link MVStore#closeImmediately()}), which is what the file holds after a kill -9 (tef's
 * MVStoreRegistrationStoreCrashTest kills a real process).
 */
public class WriteAheadJournalTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path file() { return tmp.getRoot().toPath().resolve("plain.mv.db"); }

    private Path journal() { return MVStoreFiles.journalOf(file()); }

    /** A store with its map "m" and its writer, opened as the product's stores open them. */
    private final class Opened implements AutoCloseable {
        final MVStore store = MVStoreFiles.open(file(), "the test store");
        final MVMap<String, String> map = store.openMap("m");
        final GroupCommitWriter writer;

        Opened(DiskSync sync) {
            store.commit();
            try {
                writer = new GroupCommitWriter(store, "the test store", journal(), List.of(map), sync);
            } catch (RuntimeException e) {
                store.closeImmediately(); // as the product's stores do
                throw e;
            }
        }

        Opened() { this(DiskSync.DIRECT); }

        void put(String key, String value) { writer.write(() -> writer.put(map, key, value)); }

        void remove(String key) { writer.write(() -> writer.remove(map, key)); }

        Map<String, String> contents() { return writer.read(() -> new TreeMap<>(map)); }

        /** The process stops: nothing more reaches the MVStore file; the journal is as it was. */
        void crash() {
            store.closeImmediately();
            writer.close();
        }

        @Override public void close() { writer.close(); }
    }

    /** What the MVStore file alone holds, without its journal. */
    private Map<String, String> storeFileAlone() {
        MVStore alone = new MVStore.Builder().fileName(file().toString()).readOnly().open();
        try {
            return new TreeMap<>(alone.<String, String>openMap("m"));
        } finally {
            alone.close();
        }
    }

    @Test
    public void acknowledgedWritesSurviveACrashBeforeTheCheckpoint() {
        Opened first = new Opened();
        first.writer.checkpointInterval(Long.MAX_VALUE);
        first.put("a", "1");
        first.put("b", "2");
        first.remove("a");
        first.put("b", "3");
        first.crash();
        assertEquals("the MVStore file alone lacks them", Map.of(), storeFileAlone());
        try (Opened reopened = new Opened()) {
            assertEquals(Map.of("b", "3"), reopened.contents());
        }
        assertEquals("the replay was checkpointed", Map.of("b", "3"), storeFileAlone());
    }

    @Test
    public void aCheckpointWritesTheStoreAndEmptiesTheJournal() throws IOException {
        try (Opened opened = new Opened()) {
            opened.writer.checkpointInterval(Long.MAX_VALUE);
            opened.put("a", "1");
            long withRecord = Files.size(journal());
            opened.writer.checkpointInterval(0);
            opened.put("b", "2"); // the checkpoint follows this batch, after its writer was answered
            opened.writer.write(() -> null); // so wait for one more batch (it journals nothing: no checkpoint after it)
            assertTrue("a checkpoint ran", opened.writer.checkpoints() >= 2);
            assertEquals("only the header is left of " + withRecord + " bytes", HEADER_OF_MAP_M, Files.size(journal()));
            opened.store.closeImmediately();
        }
        assertEquals(Map.of("a", "1", "b", "2"), storeFileAlone());
    }

    /**
     * Writes a=1 (no checkpoint after it), then each of {@code more} as key=value, then crashes; returns the journal's
     * size after a=1.
     */
    private long crashAfterAAnd(String... more) throws IOException {
        Opened first = new Opened();
        first.writer.checkpointInterval(Long.MAX_VALUE);
        first.put("a", "1");
        long afterA = Files.size(journal());
        for (String kv : more) first.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        first.crash();
        return afterA;
    }

    @Test
    public void aTornLastRecordIsNotApplied() throws IOException {
        long afterA = crashAfterAAnd("b=2");
        // the append of "b" was cut short by the crash: its last bytes never reached the disk
        try (FileChannel ch = FileChannel.open(journal(), StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(journal()) - 3);
        }
        assertTrue(Files.size(journal()) > afterA);
        try (Opened reopened = new Opened()) {
            assertEquals(Map.of("a", "1"), reopened.contents());
            reopened.put("c", "3");
            assertEquals(Map.of("a", "1", "c", "3"), reopened.contents());
        }
    }

    @Test
    public void aDamagedRecordFollowedByAWholeOneIsRefusedNamingItsOffset() throws IOException {
        long afterA = crashAfterAAnd("b=2", "c=3");
        try (FileChannel ch = FileChannel.open(journal(), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {(byte) 0xFF}), afterA + 20); // inside the record of "b"
        }
        try {
            new Opened().close();
            fail("the acknowledged c=3 after the damaged record must not be dropped silently");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("damaged at offset " + afterA));
            assertTrue(expected.getMessage(), expected.getMessage().contains(journal().toString()));
        }
        assertEquals("nothing was changed", Map.of(), storeFileAlone());
    }

    @Test
    public void recordsTheStoreAlreadyHoldsChangeNothingWhenAppliedAgain() throws IOException {
        // a crash between a checkpoint's sync and the new journal leaves the old journal: applied over the store again
        Opened first = new Opened();
        first.writer.checkpointInterval(Long.MAX_VALUE);
        first.put("x", "1");
        first.put("y", "1");
        first.remove("x");
        byte[] beforeCheckpoint = Files.readAllBytes(journal());
        first.writer.checkpointInterval(0);
        first.put("z", "1");
        first.writer.write(() -> null); // the checkpoint after z is done
        first.crash();
        Files.write(journal(), beforeCheckpoint);
        try (Opened reopened = new Opened()) {
            assertEquals(Map.of("y", "1", "z", "1"), reopened.contents());
        }
    }

    @Test
    public void aFailedCheckpointStopsTheWriterAndARestartHasEveryAcknowledgedWrite() {
        java.util.concurrent.atomic.AtomicBoolean failCheckpoints = new java.util.concurrent.atomic.AtomicBoolean();
        Opened first = new Opened((point, force) -> {
            if (point == DiskSync.Point.CHECKPOINT && failCheckpoints.get()) throw new IllegalStateException("simulated EIO");
            force.run();
        });
        first.writer.checkpointInterval(Long.MAX_VALUE);
        first.put("a", "1");
        first.writer.write(() -> null); // a's batch is wholly done (no checkpoint after it) before the settings change
        failCheckpoints.set(true);
        first.writer.checkpointInterval(0);
        first.put("b", "2"); // acknowledged; the checkpoint after it fails
        try {
            first.put("c", "3");
            fail("after a failed checkpoint the writer must not go on (a later fsync could hide the lost pages)");
        } catch (DurabilityException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("accepts no more writes"));
            assertTrue(expected.getMessage(), expected.getMessage().contains(journal().toString()));
        }
        first.writer.close();
        try (Opened reopened = new Opened()) {
            assertEquals(Map.of("a", "1", "b", "2"), reopened.contents());
        }
    }

    @Test
    public void aRecordLeftFromBeforeTheLastCheckpointIsNotApplied() throws IOException {
        Opened first = new Opened();
        first.writer.checkpointInterval(Long.MAX_VALUE);
        first.put("x", "old");
        byte[] oldJournal = Files.readAllBytes(journal());
        first.writer.checkpointInterval(0);
        first.put("y", "1"); // then a checkpoint: a new generation
        first.writer.write(() -> null); // once this batch is answered, that checkpoint is done
        first.writer.checkpointInterval(Long.MAX_VALUE);
        assertTrue("a checkpoint ran", first.writer.checkpoints() >= 2);
        first.put("x", "new");
        first.crash();
        // as if the file system had kept the old record's bytes past the new end
        byte[] stale = java.util.Arrays.copyOfRange(oldJournal, HEADER_OF_MAP_M, oldJournal.length);
        Files.write(journal(), stale, StandardOpenOption.APPEND);
        try (Opened reopened = new Opened()) {
            assertEquals("new", reopened.contents().get("x"));
        }
    }

    /** The header of a journal of the one map "m": mark 8, generation 8, count 4, name 2 + 1, checksum 4. */
    private static final int HEADER_OF_MAP_M = 27;

    @Test
    public void aJournalRestoredWithoutItsStoreIsRefusedAndChangesNothing() throws IOException {
        crashAfterAAnd(); // the journal holds a=1
        byte[] restoredLater = Files.readAllBytes(journal());
        try (Opened second = new Opened()) { // applies a=1, checkpoints; then more writes and checkpoints
            second.writer.checkpointInterval(0);
            second.put("a", "2");
            second.writer.write(() -> null);
        }
        Files.write(journal(), restoredLater); // an old copy of the journal beside the current store
        try {
            new Opened().close();
            fail("a journal of an earlier checkpoint must not be applied over a later store");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("does not go with"));
            assertTrue(expected.getMessage(), expected.getMessage().contains(journal().toString()));
        }
        assertEquals("nothing was changed", Map.of("a", "2"), storeFileAlone());
    }

    @Test
    public void aJournalWithWritesToOtherMapsIsRefusedNamingTheFile() {
        crashAfterAAndQuietly();
        MVStore store = MVStoreFiles.open(file(), "the test store");
        MVMap<String, String> other = store.openMap("other");
        store.commit();
        try {
            new GroupCommitWriter(store, "the test store", journal(), List.of(other), DiskSync.DIRECT);
            fail("a journal holding writes to map m must not be applied to another");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains(journal().toString()));
            assertTrue(expected.getMessage(), expected.getMessage().contains("[m]"));
        } finally {
            store.close();
        }
    }

    private void crashAfterAAndQuietly() {
        try {
            crashAfterAAnd();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    public void anEmptyJournalOfOtherMapsIsTakenOver() {
        new Opened().close(); // a clean stop: the journal holds no write
        MVStore store = MVStoreFiles.open(file(), "the test store");
        MVMap<String, String> m = store.openMap("m");
        MVMap<String, String> added = store.openMap("added");
        store.commit();
        try (GroupCommitWriter writer = new GroupCommitWriter(store, "the test store", journal(), List.of(m, added), DiskSync.DIRECT)) {
            writer.write(() -> writer.put(added, "k", "v"));
            assertEquals("v", writer.read(() -> added.get("k")));
        }
    }

    @Test
    public void aFailedJournalSyncFailsItsBatchAndKeepsWhatWasAcknowledgedBefore() {
        AtomicInteger batchSyncs = new AtomicInteger();
        Opened first = new Opened((point, force) -> {
            if (point == DiskSync.Point.BATCH && batchSyncs.incrementAndGet() == 2) throw new IllegalStateException("simulated disk error");
            force.run();
        });
        first.writer.checkpointInterval(Long.MAX_VALUE);
        first.put("a", "1");
        try {
            first.put("b", "2");
            fail("a write whose journal record was not forced must fail");
        } catch (DurabilityException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("simulated disk error"));
        }
        assertEquals("a stays, b is undone", Map.of("a", "1"), first.contents());
        first.put("c", "3");
        first.crash();
        try (Opened reopened = new Opened()) {
            assertEquals(Map.of("a", "1", "c", "3"), reopened.contents());
        }
    }

    @Test
    public void aRemovalOfAnAbsentKeyWritesNoRecord() throws IOException {
        try (Opened opened = new Opened()) {
            opened.writer.checkpointInterval(Long.MAX_VALUE);
            long empty = Files.size(journal());
            opened.remove("nothing");
            assertEquals(empty, Files.size(journal()));
            assertNull(opened.contents().get("nothing"));
        }
    }

    @Test
    public void theStoreNeverCommitsOnItsOwnInTheMiddleOfABatch() {
        MVStore store = MVStoreFiles.open(file(), "the test store");
        try {
            assertEquals("no commit by unsaved memory", 0, store.getAutoCommitMemory());
            assertEquals("no commit by time", 0, store.getAutoCommitDelay());
        } finally {
            store.close();
        }
    }

    @Test
    public void aMapChangedOutsideAMutationIsRefused() {
        try (Opened opened = new Opened()) {
            try {
                opened.writer.put(opened.map, "k", "v");
                fail("a put from another thread than the writer's must throw");
            } catch (IllegalStateException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("writer thread"));
            }
        }
    }
}
