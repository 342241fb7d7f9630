package org.example.onem2m.mvstore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The writer on its own, over a plain map: it knows nothing of registrations. */
public class GroupCommitWriterTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path file() { return tmp.getRoot().toPath().resolve("plain.mv.db"); }

    /** The writer of {@code store}'s map "m" (opened and committed before, as the stores do). */
    private GroupCommitWriter writerOf(MVStore store, DiskSync sync) {
        MVMap<String, String> map = store.openMap("m");
        store.commit(); // the map definition, before the writer owns the store
        return new GroupCommitWriter(store, "the test store", MVStoreFiles.journalOf(file()), List.of(map), sync);
    }

    @Test
    public void aWriteReturnsTheResultOfItsMutation() {
        MVStore store = MVStoreFiles.open(file(), "the test store");
        MVMap<String, String> map = store.openMap("m");
        try (GroupCommitWriter writer = writerOf(store, DiskSync.DIRECT)) {
            assertEquals("old: null", writer.write(() -> "old: " + writer.put(map, "a", "1")));
            assertEquals("1", writer.read(() -> map.get("a")));
        }
    }

    @Test
    public void aWriteIsThereAfterReopening() {
        MVStore store = MVStoreFiles.open(file(), "the test store");
        MVMap<String, String> map = store.openMap("m");
        try (GroupCommitWriter writer = writerOf(store, DiskSync.DIRECT)) {
            writer.write(() -> writer.put(map, "a", "1"));
        }
        MVStore reopened = MVStoreFiles.open(file(), "the test store");
        try {
            assertEquals("1", reopened.openMap("m").get("a"));
        } finally {
            reopened.close();
        }
    }

    /** Runs a mutation that puts "half" and then throws; returns what the writer threw. */
    private static DurabilityException failAMutation(GroupCommitWriter writer, MVMap<String, String> map) {
        try {
            writer.write(() -> {
                writer.put(map, "half", "done");
                throw new IllegalArgumentException("bad record");
            });
        } catch (DurabilityException expected) {
            return expected;
        }
        throw new AssertionError("the failed mutation must be reported");
    }

    @Test
    public void aMutationThatThrowsFailsItsBatchWithADurabilityException() {
        MVStore store = MVStoreFiles.open(file(), "the test store");
        MVMap<String, String> map = store.openMap("m");
        try (GroupCommitWriter writer = writerOf(store, DiskSync.DIRECT)) {
            DurabilityException expected = failAMutation(writer, map);
            assertTrue(expected.getMessage(), expected.getMessage().contains("bad record"));
        }
    }

    @Test
    public void aMutationThatThrowsLeavesNothingBehind() {
        MVStore store = MVStoreFiles.open(file(), "the test store");
        MVMap<String, String> map = store.openMap("m");
        try (GroupCommitWriter writer = writerOf(store, DiskSync.DIRECT)) {
            failAMutation(writer, map);
            assertFalse("rolled back", writer.read(() -> map.containsKey("half")));
        }
    }

    @Test
    public void theWriterLivesOnAfterAMutationThatThrew() {
        MVStore store = MVStoreFiles.open(file(), "the test store");
        MVMap<String, String> map = store.openMap("m");
        try (GroupCommitWriter writer = writerOf(store, DiskSync.DIRECT)) {
            failAMutation(writer, map);
            writer.write(() -> writer.put(map, "next", "ok")); // the writer lives on
            assertEquals(1L, (long) writer.read(map::sizeAsLong));
        }
    }

    @Test
    public void closingTheWriterClosesTheMVStore() {
        MVStore store = MVStoreFiles.open(file(), "the test store");
        GroupCommitWriter writer = writerOf(store, DiskSync.DIRECT);
        writer.close();
        assertTrue("close closes the MVStore", store.isClosed());
    }

    @Test
    public void aWriteAfterCloseThrowsIllegalStateExceptionNamingTheStore() {
        MVStore store = MVStoreFiles.open(file(), "the test store");
        GroupCommitWriter writer = writerOf(store, DiskSync.DIRECT);
        writer.close();
        try {
            writer.write(() -> null);
            fail("a write after close must throw");
        } catch (IllegalStateException expected) {
            assertEquals("the test store is closed", expected.getMessage());
        }
    }

    @Test
    public void aReadAfterCloseThrowsIllegalStateExceptionNamingTheStore() {
        MVStore store = MVStoreFiles.open(file(), "the test store");
        GroupCommitWriter writer = writerOf(store, DiskSync.DIRECT);
        writer.close();
        try {
            writer.read(() -> null);
            fail("a read after close must throw");
        } catch (IllegalStateException expected) {
            assertEquals("the test store is closed", expected.getMessage());
        }
    }

    /** A mutation that records when it is applied and when each hook runs, and whether its future was done then. */
    private static GroupCommitWriter.Mutation<String> recorded(GroupCommitWriter writer, String name, MVMap<String, String> map, List<String> log,
            List<CompletableFuture<String>> futures, int index) {
        return new GroupCommitWriter.Mutation<String>() {
            @Override public String apply() {
                log.add("apply " + name);
                if (name.startsWith("bad")) throw new IllegalArgumentException("bad record");
                writer.put(map, name, name);
                return name;
            }
            @Override public void durable(String result) {
                log.add("durable " + result + (futures.size() > index && futures.get(index).isDone() ? " after" : " before") + " its future");
            }
            @Override public void failed(DurabilityException cause) {
                log.add("failed " + name);
            }
        };
    }

    @Test
    public void hooksRunInQueueOrderBeforeTheFutureCompletesAndBeforeTheNextBatchIsApplied() throws Exception {
        MVStore store = MVStoreFiles.open(file(), "the test store");
        MVMap<String, String> map = store.openMap("m");
        java.util.concurrent.Semaphore syncing = new java.util.concurrent.Semaphore(0);
        java.util.concurrent.Semaphore release = new java.util.concurrent.Semaphore(0);
        java.util.concurrent.atomic.AtomicBoolean hold = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<String> log = new CopyOnWriteArrayList<>();
        List<CompletableFuture<String>> futures = new CopyOnWriteArrayList<>();
        try (GroupCommitWriter writer = writerOf(store, (point, force) -> {
            if (point == DiskSync.Point.BATCH && hold.getAndSet(false)) {
                syncing.release();
                release.acquireUninterruptibly();
            }
            force.run();
        })) {
            futures.add(writer.submit(recorded(writer, "a", map, log, futures, 0)));
            assertTrue(syncing.tryAcquire(20, TimeUnit.SECONDS));
            // queued while "a" is being forced to disk: one batch, which fails as a whole
            futures.add(writer.submit(recorded(writer, "b", map, log, futures, 1)));
            futures.add(writer.submit(recorded(writer, "bad", map, log, futures, 2)));
            release.release();
            assertEquals("a", futures.get(0).get(20, TimeUnit.SECONDS));
            for (int i = 1; i < 3; i++) {
                try {
                    futures.get(i).get(20, TimeUnit.SECONDS);
                    fail("a mutation of a failed batch must fail");
                } catch (java.util.concurrent.ExecutionException expected) {
                    assertTrue(expected.getCause() instanceof DurabilityException);
                }
            }
            futures.add(writer.submit(recorded(writer, "c", map, log, futures, 3)));
            assertEquals("c", writer.await(futures.get(3)));
            assertEquals(List.of("apply a", "durable a before its future", "apply b", "apply bad", "failed b", "failed bad",
                    "apply c", "durable c before its future"), log);
            assertEquals(null, writer.read(() -> map.get("b")));
        }
    }

    // ---------------------------------------------------------------- deferred mutations (an outbox's acknowledgements)

    /** The map "m" of {@link #deferring}'s store. */
    private MVMap<String, String> map;

    /** A writer of a new store's map "m" ({@link #map}) whose deferred mutations wait {@code waitNanos} for company. */
    private GroupCommitWriter deferring(long waitNanos) {
        MVStore store = MVStoreFiles.open(file(), "the test store");
        map = store.openMap("m");
        GroupCommitWriter writer = writerOf(store, DiskSync.DIRECT);
        writer.deferredWait(java.time.Duration.ofNanos(waitNanos));
        return writer;
    }

    /** What the store file holds under {@code key} once the writer is closed. */
    private String storedAfterReopening(String key) {
        MVStore reopened = MVStoreFiles.open(file(), "the test store");
        try {
            return reopened.<String, String>openMap("m").get(key);
        } finally {
            reopened.close();
        }
    }

    @Test
    public void aDeferredMutationTravelsWithTheNextWriteAndItsSync() throws Exception {
        try (GroupCommitWriter writer = deferring(TimeUnit.SECONDS.toNanos(30))) {
            long before = writer.batchesCommitted();
            CompletableFuture<String> deferred = writer.submitDeferred(() -> writer.put(map, "ack", "1"));
            Thread.sleep(50);
            assertFalse("a deferred mutation alone waits for company", deferred.isDone());
            writer.write(() -> writer.put(map, "write", "2"));
            deferred.get(5, TimeUnit.SECONDS);
            assertEquals("one batch, one sync, for both", before + 1, writer.batchesCommitted());
            assertEquals("1", writer.read(() -> map.get("ack")));
        }
    }

    @Test
    public void aDeferredMutationAloneIsCommittedOnceItsWaitIsOver() throws Exception {
        try (GroupCommitWriter writer = deferring(TimeUnit.MILLISECONDS.toNanos(20))) {
            long before = writer.batchesCommitted();
            writer.submitDeferred(() -> writer.put(map, "ack", "1")).get(5, TimeUnit.SECONDS);
            assertEquals(before + 1, writer.batchesCommitted());
        }
        assertEquals("1", storedAfterReopening("ack"));
    }

    @Test
    public void closingCommitsTheDeferredMutationsItHolds() {
        GroupCommitWriter writer = deferring(TimeUnit.SECONDS.toNanos(30));
        CompletableFuture<String> deferred = writer.submitDeferred(() -> writer.put(map, "ack", "1"));
        writer.close();
        assertTrue("completed by close", deferred.isDone() && !deferred.isCompletedExceptionally());
        assertEquals("1", storedAfterReopening("ack"));
    }

    @Test
    public void deferredAndOtherMutationsAreAppliedInQueueOrder() throws Exception {
        try (GroupCommitWriter writer = deferring(TimeUnit.SECONDS.toNanos(30))) {
            writer.submitDeferred(() -> writer.put(map, "k", "deferred first"));
            writer.write(() -> writer.put(map, "k", "then written"));
            assertEquals("the deferred put, queued first, applied before the write", "then written", writer.read(() -> map.get("k")));
            writer.submitDeferred(() -> writer.remove(map, "k"));
            CompletableFuture<String> last = writer.submit(() -> writer.put(map, "other", "x"));
            last.get(5, TimeUnit.SECONDS);
            assertEquals("the removal, queued after the write, applied after it", null, writer.read(() -> map.get("k")));
        }
    }
}
