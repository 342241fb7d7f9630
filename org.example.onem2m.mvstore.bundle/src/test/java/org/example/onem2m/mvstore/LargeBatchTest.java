package org.example.onem2m.mvstore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.example.onem2m.testsupport.TemporaryValue;
import org.junit.Rule;
import org.junit.Test;

/**
 * A batch whose journal record would be large is appended and forced in parts, between its mutations
 * ({@link WriteAheadJournal#flushBytes}): a subtree of hundreds of thousands of resources deleted at once needed a
 * buffer of 187 MB and failed with OutOfMemoryError under -Xmx1g (README, known limits). Here the size is 100 bytes and
 * each mutation writes 300.
 */
public class LargeBatchTest extends JournalTestBase {
    @Rule
    public final TemporaryValue<Integer> smallParts = TemporaryValue.of(() -> WriteAheadJournal.flushBytes, v -> WriteAheadJournal.flushBytes = v, 100);
    private final AtomicInteger batchSyncs = new AtomicInteger();
    private final DiskSync counting = (point, force) -> {
        if (point == DiskSync.Point.BATCH) batchSyncs.incrementAndGet();
        force.run();
    };

    private static String large(String c) { return c.repeat(300); }

    /** Submits the mutations while the writer is held in a batch of its own, so that they make up the next batch. */
    private List<CompletableFuture<Object>> oneBatch(Opened opened, List<GroupCommitWriter.Mutation<Object>> mutations) throws Exception {
        CountDownLatch held = new CountDownLatch(1), release = new CountDownLatch(1);
        CompletableFuture<Object> holder = opened.writer.submit(() -> {
            held.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        assertTrue(held.await(10, TimeUnit.SECONDS));
        List<CompletableFuture<Object>> futures = new java.util.ArrayList<>();
        for (GroupCommitWriter.Mutation<Object> m : mutations) futures.add(opened.writer.submit(m));
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Object> f : futures) {
            try {
                f.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException failed) {
                // the caller looks at each future
            }
        }
        return futures;
    }

    @Test
    public void aLargeBatchIsForcedInPartsBetweenItsMutationsAndEveryPartIsReplayed() throws Exception {
        Opened first = new Opened(counting);
        first.writer.checkpointInterval(Long.MAX_VALUE);
        long batches = first.writer.batchesCommitted();
        batchSyncs.set(0);
        oneBatch(first, List.of(() -> first.writer.put(first.map, "a", large("a")), () -> first.writer.put(first.map, "b", large("b")),
                () -> first.writer.put(first.map, "c", large("c"))));
        assertEquals("the holder's batch and the one of a, b and c", batches + 2, first.writer.batchesCommitted());
        assertEquals("a part forced after each mutation (each reached the part size), none at the end", 3, batchSyncs.get());
        first.crash();
        assertEquals("the store file alone lacks them", Map.of(), storeFileAlone());
        try (Opened reopened = new Opened()) {
            assertEquals(Map.of("a", large("a"), "b", large("b"), "c", large("c")), reopened.contents());
        }
    }

    @Test
    public void aMutationFailingAfterItsBatchForcedPartsUndoesTheWholeBatch() throws Exception {
        Opened first = new Opened(counting);
        first.writer.checkpointInterval(Long.MAX_VALUE);
        first.put("kept", "1");
        long before = recordsEnd();
        batchSyncs.set(0);
        List<CompletableFuture<Object>> futures = oneBatch(first, List.of(() -> first.writer.put(first.map, "a", large("a")),
                () -> first.writer.put(first.map, "b", large("b")), () -> {
                    throw new IllegalArgumentException("a mutation that fails after two parts were forced");
                }));
        assertEquals("two parts were forced before the failure", 2, batchSyncs.get());
        for (CompletableFuture<Object> f : futures) {
            try {
                f.get();
                fail("every mutation of the failed batch fails, also those whose part was forced");
            } catch (ExecutionException expected) {
                assertTrue(expected.getCause().toString(), expected.getCause() instanceof DurabilityException);
            }
        }
        assertEquals("the parts are cut off the journal", before, recordsEnd());
        assertEquals(Map.of("kept", "1"), first.contents());
        first.put("after", "2"); // the writer goes on
        first.crash();
        try (Opened reopened = new Opened()) {
            Map<String, String> contents = reopened.contents();
            assertFalse("no restart applies a part of the failed batch", contents.containsKey("a") || contents.containsKey("b"));
            assertEquals(Map.of("kept", "1", "after", "2"), contents);
        }
    }

    /** The same with zeros written ahead of the records ({@link JournalSpace}), as the product writes its journals. */
    @Test
    public void withZerosAheadPartsAreReplayedAndAFailedBatchsPartsAreCutOff() throws Exception {
        JournalSpace.step = 1 << 20; // the base class's rule puts it back after the test
        Opened first = new Opened(counting);
        first.writer.checkpointInterval(Long.MAX_VALUE);
        batchSyncs.set(0);
        oneBatch(first, List.of(() -> first.writer.put(first.map, "a", large("a")), () -> first.writer.put(first.map, "b", large("b"))));
        assertEquals("a part forced after each mutation", 2, batchSyncs.get());
        batchSyncs.set(0);
        List<CompletableFuture<Object>> failed = oneBatch(first, List.of(() -> first.writer.put(first.map, "c", large("c")), () -> {
            throw new IllegalArgumentException("a mutation that fails after a part was forced");
        }));
        assertEquals("c's part was forced before the failure", 1, batchSyncs.get());
        assertTrue(failed.get(0).isCompletedExceptionally());
        assertEquals(Map.of("a", large("a"), "b", large("b")), first.contents());
        first.put("after", "1");
        first.crash();
        try (Opened reopened = new Opened()) {
            assertEquals(Map.of("a", large("a"), "b", large("b"), "after", "1"), reopened.contents());
        }
    }
}
