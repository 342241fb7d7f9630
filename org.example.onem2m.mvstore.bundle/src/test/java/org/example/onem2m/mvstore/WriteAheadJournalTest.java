package org.example.onem2m.mvstore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.mvstore.MVStore;
import org.junit.Test;

/**
 * The journal behind the writer: an acknowledged write is in the journal before its writer is answered, so a process
 * that stops before the MVStore's next checkpoint loses none; what a crash leaves half written, or a journal of an
 * earlier generation left behind, is never applied. A "crash" here closes the MVStore without writing anything
 * ({@link MVStore#closeImmediately()}), which is what the file holds after a kill -9 (tef's
 * MVStoreRegistrationStoreCrashTest kills a real process).
 */
public class WriteAheadJournalTest extends JournalTestBase {
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
            opened.writer.awaitCheckpoint();
            assertTrue("a checkpoint ran", opened.writer.checkpoints() >= 2);
            assertEquals("only the header is left of " + withRecord + " bytes", HEADER_OF_MAP_M, Files.size(journal()));
            opened.store.closeImmediately();
        }
        assertEquals(Map.of("a", "1", "b", "2"), storeFileAlone());
    }

    @Test
    public void recordsTheStoreAlreadyHoldsChangeNothingWhenAppliedAgain() throws IOException {
        // a crash between a checkpoint's sync and the journal's restart leaves the journal of the generation before
        Opened first = new Opened();
        first.writer.checkpointInterval(Long.MAX_VALUE);
        first.put("x", "1");
        first.put("y", "1");
        first.remove("x");
        byte[] beforeCheckpoint = Files.readAllBytes(journal());
        first.writer.checkpointInterval(0); // one checkpoint follows: after the next batch (or the removal's)
        first.writer.awaitCheckpoint(); // none after it (no record left)
        first.crash();
        assertEquals("the store holds the writes", Map.of("y", "1"), storeFileAlone());
        Files.write(journal(), beforeCheckpoint);
        try (Opened reopened = new Opened()) {
            assertEquals(Map.of("y", "1"), reopened.contents());
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
        failCheckpoints.set(true);
        first.writer.checkpointInterval(0); // the checkpoint after the next batch (or after a's, if it has not run) fails
        Map<String, String> acknowledged = new java.util.TreeMap<>(Map.of("a", "1"));
        String refused = null;
        // the checkpoint fails on its own thread, beside the writer, which learns of it after a later batch: writes go
        // on until one is refused (10 were not always enough on a busy machine), for at most 30 s
        long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        for (int i = 0; refused == null && System.nanoTime() < giveUp; i++) {
            try {
                first.put("k" + i, "v" + i);
                acknowledged.put("k" + i, "v" + i);
            } catch (DurabilityException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("accepts no more writes"));
                assertTrue(expected.getMessage(), expected.getMessage().contains(journal().toString()));
                refused = "k" + i;
            }
        }
        assertTrue("after a failed checkpoint the writer must not go on (a later fsync could hide the lost pages)",
                refused != null);
        first.writer.close();
        try (Opened reopened = new Opened()) {
            assertEquals("every acknowledged write, not the refused " + refused, acknowledged, reopened.contents());
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
            assertEquals("no commit by time before 24.8 days without one, which the writer never lets pass (Checkpoints.KEEP_ALIVE_NANOS)",
                    Integer.MAX_VALUE, store.getAutoCommitDelay());
            assertTrue(Checkpoints.KEEP_ALIVE_NANOS < java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(store.getAutoCommitDelay()));
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
