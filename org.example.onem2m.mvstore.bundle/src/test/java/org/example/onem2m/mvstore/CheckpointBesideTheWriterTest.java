package org.example.onem2m.mvstore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.Test;

/**
 * A checkpoint's slow part, the MVStore's chunk written and synced, runs beside the writer (figure 12 of BENCHMARKS.md:
 * it held the writer up to 51 ms with large maps of random keys): writes are answered meanwhile, the journal the
 * checkpoint started from is kept until the checkpoint is on disk, and a crash at any point loses no acknowledged write.
 * The checkpoint's thread is held at its sync ("checkpoint ..." threads; the writer's own syncs pass).
 */
public class CheckpointBesideTheWriterTest extends JournalTestBase {
    private java.nio.file.Path secondSlot() { return WriteAheadJournal.otherSlot(journal()); }

    /** A store whose journal holds a=1, with no checkpoint due. */
    private Opened openedWithA(DiskSync sync) {
        Opened opened = new Opened(sync);
        opened.writer.checkpointInterval(Long.MAX_VALUE);
        opened.put("a", "1");
        return opened;
    }

    /** Holds the checkpoint thread's sync of the store file until released; can fail it instead. */
    private static final class HeldCheckpointSync implements DiskSync {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean fail = new AtomicBoolean();
        final AtomicBoolean armed = new AtomicBoolean();

        @Override
        public void sync(Point point, Runnable force) {
            if (armed.get() && point == Point.CHECKPOINT && Thread.currentThread().getName().startsWith("checkpoint ")) {
                reached.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (fail.get()) throw new IllegalStateException("simulated EIO at the checkpoint's sync");
            }
            force.run();
        }
    }

    /** Opens the store, writes a=1, arms the sync and writes b=2 with a checkpoint after it: held at its sync on return. */
    private Opened heldCheckpoint(HeldCheckpointSync sync) throws Exception {
        return heldCheckpoint(sync, null);
    }

    /** @param storeFileCopy where to copy the store file as it is before the checkpoint, or null */
    private Opened heldCheckpoint(HeldCheckpointSync sync, java.nio.file.Path storeFileCopy) throws Exception {
        Opened opened = new Opened(sync);
        opened.writer.checkpointInterval(Long.MAX_VALUE);
        opened.put("a", "1");
        if (storeFileCopy != null) Files.copy(file(), storeFileCopy); // only checkpoints write it, and none runs now
        sync.armed.set(true);
        opened.writer.write(() -> {
            // set on the writer thread: a's batch, answered before its own after-batch step, must not start the checkpoint
            opened.writer.checkpointInterval(0);
            return opened.writer.put(opened.map, "b", "2"); // a checkpoint starts after this batch
        });
        assertTrue("the checkpoint reached its sync", sync.reached.await(10, TimeUnit.SECONDS));
        opened.writer.checkpointInterval(Long.MAX_VALUE);
        return opened;
    }

    @Test
    public void writesAreAnsweredWhileACheckpointIsWritten() throws Exception {
        HeldCheckpointSync sync = new HeldCheckpointSync();
        try (Opened opened = heldCheckpoint(sync)) {
            CompletableFuture<Object> write = opened.writer.submit(() -> opened.writer.put(opened.map, "c", "3"));
            write.get(10, TimeUnit.SECONDS); // with the checkpoint on the writer thread, this waited for the release
            assertTrue("the journal left keeps its records until the checkpoint is on disk", Files.size(journal()) > HEADER_OF_MAP_M);
            assertTrue("appends went to the other slot", Files.size(secondSlot()) > HEADER_OF_MAP_M);
            long before = opened.writer.checkpoints();
            sync.release.countDown();
            opened.writer.awaitCheckpoint();
            assertEquals(before + 1, opened.writer.checkpoints());
            assertEquals("then it is the spare of the next switch: a header only", HEADER_OF_MAP_M, Files.size(journal()));
            opened.store.closeImmediately(); // the store file alone
        }
        assertEquals("the checkpoint holds what was written before it, not c", Map.of("a", "1", "b", "2"), storeFileAlone());
    }

    @Test
    public void aCrashWhileACheckpointIsWrittenLosesNoAcknowledgedWrite() throws Exception {
        HeldCheckpointSync sync = new HeldCheckpointSync();
        // the store file as the disk may still hold it when the checkpoint's chunk was never synced
        java.nio.file.Path beforeTheCheckpoint = tmp.getRoot().toPath().resolve("store-before-the-checkpoint");
        Opened held = heldCheckpoint(sync, beforeTheCheckpoint);
        held.put("c", "3");
        held.remove("a");
        // the process stops: the checkpoint never reaches the disk, both journals stay
        sync.fail.set(true);
        sync.release.countDown();
        held.crash();
        assertTrue("both slots hold records", Files.size(journal()) > HEADER_OF_MAP_M && Files.size(secondSlot()) > HEADER_OF_MAP_M);
        Files.copy(beforeTheCheckpoint, file(), java.nio.file.StandardCopyOption.REPLACE_EXISTING); // the unsynced chunk lost
        try (Opened reopened = new Opened()) {
            assertEquals(new TreeMap<>(Map.of("b", "2", "c", "3")), reopened.contents());
            assertEquals("the open's checkpoint empties the journal", HEADER_OF_MAP_M, Files.size(journal()));
        }
        assertEquals(Map.of("b", "2", "c", "3"), storeFileAlone());
    }

    @Test
    public void aFailedCheckpointBesideTheWriterStopsItAndARestartHasEveryAcknowledgedWrite() throws Exception {
        HeldCheckpointSync sync = new HeldCheckpointSync();
        Opened first = heldCheckpoint(sync);
        first.put("c", "3"); // acknowledged while the checkpoint runs
        sync.fail.set(true);
        sync.release.countDown();
        Map<String, String> acknowledged = new TreeMap<>(Map.of("a", "1", "b", "2", "c", "3"));
        String refused = null;
        // until the writer refuses, or 30 s: the checkpoint thread must first wake and fail, later on a busy machine
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        for (int i = 0; refused == null && System.nanoTime() < deadline; i++) {
            try {
                first.put("k" + i, "v");
                acknowledged.put("k" + i, "v");
                Thread.sleep(20);
            } catch (DurabilityException expected) {
                refused = "k" + i;
            }
        }
        try {
            first.put("after", "stop");
            fail("after a failed checkpoint the writer must refuse every write");
        } catch (DurabilityException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("accepts no more writes"));
        }
        assertTrue("after a failed checkpoint the writer must stop", refused != null);
        first.writer.close();
        try (Opened reopened = new Opened()) {
            assertEquals("every acknowledged write, not the refused " + refused, acknowledged, reopened.contents());
        }
    }

    @Test
    public void aBatchThatFailsWhileACheckpointIsWrittenIsUndoneAndTheRestKept() throws Exception {
        HeldCheckpointSync sync = new HeldCheckpointSync();
        try (Opened opened = heldCheckpoint(sync)) {
            opened.put("c", "3");
            CountDownLatch applied = new CountDownLatch(1);
            CompletableFuture<Object> failing = opened.writer.submit(() -> {
                opened.writer.put(opened.map, "half", "applied");
                applied.countDown();
                throw new IllegalArgumentException("a mutation that fails half way");
            });
            assertTrue(applied.await(10, TimeUnit.SECONDS));
            Thread.sleep(100);
            assertFalse("the undo waits for the checkpoint being written (its rollback returns to that snapshot)", failing.isDone());
            sync.release.countDown();
            try {
                failing.get(10, TimeUnit.SECONDS);
                fail("the failing batch must fail");
            } catch (java.util.concurrent.ExecutionException expected) {
                assertTrue(expected.getCause() instanceof DurabilityException);
            }
            assertEquals(Map.of("a", "1", "b", "2", "c", "3"), opened.contents());
            opened.put("d", "4");
            opened.crash();
        }
        try (Opened reopened = new Opened()) {
            assertEquals(Map.of("a", "1", "b", "2", "c", "3", "d", "4"), reopened.contents());
        }
    }

    @Test
    public void anIdleStoreStillCheckpointsWhatItsLastWritesLeftInTheJournal() throws Exception {
        try (Opened opened = openedWithA(DiskSync.DIRECT)) {
            long before = opened.writer.checkpoints();
            opened.writer.checkpointInterval(0); // due now; no write follows
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (opened.writer.checkpoints() == before && System.nanoTime() < deadline) Thread.sleep(50);
            assertEquals("the idle writer checkpointed", before + 1, opened.writer.checkpoints());
            opened.store.closeImmediately();
        }
        assertEquals(Map.of("a", "1"), storeFileAlone());
    }

    @Test
    public void aJournalInTheSecondSlotBesideAStoreThatNeverHadOneIsRefused() throws Exception {
        crashAfterAAnd("b=2");
        Files.move(journal(), secondSlot(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // the store file replaced by a fresh one (a restore of another backup): it was never checkpointed with a journal
        Files.delete(file());
        try {
            new Opened().close();
            fail("a journal that does not go with the store must not be applied");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("does not go with"));
        }
    }

    @Test
    public void aSetAsideJournalThatALaterCheckpointCoveredIsNotAppliedOverNewerWrites() throws Exception {
        HeldCheckpointSync sync = new HeldCheckpointSync();
        Opened held = heldCheckpoint(sync); // a=1 and b=2 in the slot the checkpoint left
        held.put("a", "2");
        held.remove("b");
        sync.fail.set(true);
        sync.release.countDown();
        held.crash();
        byte[] setAside = Files.readAllBytes(journal()); // the slot the checkpoint left, with a=1 and b=2
        try (Opened reopened = new Opened()) { // applies both, checkpoints, empties both slots
            assertEquals(Map.of("a", "2"), reopened.contents());
        }
        // that journal comes back later (a stop before a slot was rewritten; or restored from an older backup)
        Files.write(secondSlot(), setAside);
        try (Opened again = new Opened()) {
            assertEquals("its older writes must not come back over the newer ones", Map.of("a", "2"), again.contents());
        }
        assertFalse("and it is gone after the clean stop", Files.exists(secondSlot()));
    }

    @Test
    public void aCommitTheWriterDidNotMakeIsFollowedByACheckpointOfItsOwn() throws Exception {
        try (Opened opened = openedWithA(DiskSync.DIRECT)) {
            long before = opened.writer.checkpoints();
            opened.store.commit(); // as H2's background writer would, at any moment (it may catch a batch half applied)
            opened.put("b", "2"); // after this batch the writer sees the version it did not make
            opened.writer.awaitCheckpoint();
            assertEquals(before + 1, opened.writer.checkpoints());
        }
    }

    @Test
    public void theWriterSwitchesToTheSpareJournalWithoutASync() throws Exception {
        java.util.concurrent.atomic.AtomicInteger writerCheckpointSyncs = new java.util.concurrent.atomic.AtomicInteger();
        DiskSync counting = (point, force) -> {
            if (point == DiskSync.Point.CHECKPOINT && Thread.currentThread().getName().startsWith("group-commit")) writerCheckpointSyncs.incrementAndGet();
            force.run();
        };
        try (Opened opened = openedWithA(counting)) {
            assertEquals("the open wrote the spare in the second slot", HEADER_OF_MAP_M, Files.size(secondSlot()));
            opened.writer.write(() -> {
                opened.writer.checkpointInterval(0);
                return opened.writer.put(opened.map, "b", "2"); // the switch follows this batch
            });
            opened.writer.awaitCheckpoint();
            assertEquals("no sync on the writer thread for the checkpoint", 0, writerCheckpointSyncs.get());
            assertEquals("the first slot is the next spare", HEADER_OF_MAP_M, Files.size(journal()));
            opened.writer.checkpointInterval(Long.MAX_VALUE); // c stays in the journal alone
            opened.put("c", "3");
            assertTrue("appends go to the second slot", Files.size(secondSlot()) > HEADER_OF_MAP_M);
            opened.crash();
        }
        assertEquals(Map.of("a", "1", "b", "2"), storeFileAlone());
        try (Opened reopened = new Opened()) {
            assertEquals("c from the second slot", Map.of("a", "1", "b", "2", "c", "3"), reopened.contents());
        }
    }

    @Test
    public void aCleanStopLeavesTheFirstSlotEmptyAndNoSecond() throws Exception {
        try (Opened opened = openedWithA(DiskSync.DIRECT)) {
            opened.writer.write(() -> {
                opened.writer.checkpointInterval(0);
                return opened.writer.put(opened.map, "b", "2"); // a switch to the second slot follows
            });
            opened.writer.awaitCheckpoint();
            opened.writer.checkpointInterval(Long.MAX_VALUE);
            opened.put("c", "3"); // in the second slot
        }
        assertEquals(HEADER_OF_MAP_M, Files.size(journal()));
        assertFalse(Files.exists(secondSlot()));
        assertEquals(Map.of("a", "1", "b", "2", "c", "3"), storeFileAlone());
        new Opened().close(); // opened and stopped without a write: the spare goes too
        assertFalse(Files.exists(secondSlot()));
    }
}
