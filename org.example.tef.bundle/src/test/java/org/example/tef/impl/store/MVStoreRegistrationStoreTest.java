package org.example.tef.impl.store;

import static org.example.tef.impl.store.RegistrationStoreContract.T0;
import static org.example.tef.impl.store.RegistrationStoreContract.client;
import static org.example.tef.impl.store.RegistrationStoreContract.key;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.example.onem2m.mvstore.DiskSync;
import org.example.onem2m.mvstore.DurabilityException;
import org.example.tef.spi.AssignedCredential;
import org.example.tef.spi.ClientRegistration;
import org.example.tef.spi.KeyRegistration;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** What only the durable store does: survive close and reopen, group concurrent writes, own its file. */
public class MVStoreRegistrationStoreTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path file;

    @Before
    public void chooseFile() {
        file = tmp.getRoot().toPath().resolve("nested/dir/registrations.mv.db");
    }

    @Test
    public void anAssignedCredentialIsThereAfterCloseAndReopen_8_8_2_3() {
        ClientRegistration plain = client("reg-1", "C-a", "sp1.example.com", T0);
        ClientRegistration assigned = client("reg-2", "C-b", "sp1.example.com", T0).withAssignedCredential(
                new AssignedCredential("reg-2.0a0b@maf.example.com", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
                        T0.plusSeconds(60)));
        try (MVStoreRegistrationStore store = new MVStoreRegistrationStore(file)) {
            store.putClientRegistration(plain);
            store.putClientRegistration(assigned);
        }
        try (MVStoreRegistrationStore store = new MVStoreRegistrationStore(file)) {
            assertEquals(plain, store.clientRegistration("reg-1").orElseThrow());
            assertEquals(assigned, store.clientRegistration("reg-2").orElseThrow());
        }
    }

    @Test
    public void whatWasWrittenIsThereAfterCloseAndReopen() {
        ClientRegistration c1 = client("reg-1", "C-a", "sp1.example.com", T0);
        ClientRegistration c2 = client("reg-2", "C-a", "sp2.example.com", T0.plusSeconds(5));
        KeyRegistration k = key("RelKey-1", T0, new byte[] {42, 43, 44});
        try (MVStoreRegistrationStore store = new MVStoreRegistrationStore(file)) {
            store.putClientRegistration(c1);
            store.putClientRegistration(c2);
            store.putKeyRegistration(k);
            store.putKeyRegistration(key("gone", T0));
            store.removeKeyRegistration("GONE");
        }
        try (MVStoreRegistrationStore store = new MVStoreRegistrationStore(file)) {
            assertEquals(c1, store.clientRegistration("reg-1").orElseThrow());
            assertEquals(List.of(c1, c2), store.clientRegistrationsOf("C-a"));
            assertArrayEquals(new byte[] {42, 43, 44}, store.keyRegistration("relkey-1").orElseThrow().keyValue());
            assertEquals(k, store.keyRegistration("RELKEY-1").orElseThrow());
            assertFalse(store.keyRegistration("gone").isPresent());
            assertEquals(2, store.clientRegistrationCount());
            assertEquals(1, store.keyRegistrationCount());
            // the expiry index survived too
            assertEquals(2, store.removeExpired(T0));
        }
    }

    @Test
    public void locationIsTheAbsoluteFilePath() {
        try (MVStoreRegistrationStore store = new MVStoreRegistrationStore(file)) {
            assertEquals(file.toAbsolutePath().toString(), store.location());
        }
    }

    @Test
    public void theFileAndItsDirectoriesAreCreated() {
        try (MVStoreRegistrationStore store = new MVStoreRegistrationStore(file)) {
            assertTrue(Files.isRegularFile(file));
        }
    }

    private static final int THREADS = 32;
    private static final int WRITES_PER_THREAD = 50;

    /** THREADS writers, WRITES_PER_THREAD each (every fifth a client registration); returns {batches, mutations}. */
    private long[] writeConcurrently() throws Exception {
        int threads = THREADS;
        int writesPerThread = WRITES_PER_THREAD;
        long batches;
        long mutations;
        try (MVStoreRegistrationStore store = new MVStoreRegistrationStore(file)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < writesPerThread; i++) {
                            if (i % 5 == 0) {
                                store.putClientRegistration(client("reg-" + thread + "-" + i, "C-" + thread, "sp.example.com", T0));
                            } else {
                                store.putKeyRegistration(key("Key-" + thread + "-" + i, T0));
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) f.get(120, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            batches = store.batchesCommitted();
            mutations = store.mutationsCommitted();
        }
        return new long[] {batches, mutations};
    }

    @Test
    public void concurrentWritersShareCommits() throws Exception {
        long[] committed = writeConcurrently();
        long batches = committed[0];
        int writes = THREADS * WRITES_PER_THREAD;
        assertTrue("writes should have been grouped: " + batches + " commits for " + writes + " writes", batches < writes);
    }

    @Test
    public void concurrentWritersAreAllDurable() throws Exception {
        int threads = THREADS;
        int writesPerThread = WRITES_PER_THREAD;
        long mutations = writeConcurrently()[1];
        int writes = threads * writesPerThread;
        assertEquals(writes, mutations);
        try (MVStoreRegistrationStore store = new MVStoreRegistrationStore(file)) {
            assertEquals(threads * writesPerThread / 5, store.clientRegistrationCount());
            assertEquals(threads * writesPerThread * 4 / 5, store.keyRegistrationCount());
            for (int t = 0; t < threads; t++) {
                assertEquals(writesPerThread / 5, store.clientRegistrationsOf("C-" + t).size());
                for (int i = 0; i < writesPerThread; i++) {
                    if (i % 5 != 0) assertTrue("Key-" + t + "-" + i, store.keyRegistration("key-" + t + "-" + i).isPresent());
                }
            }
        }
    }

    @Test
    public void everyWriteThatReturnedSurvivesACloseRacingWithWriters() throws Exception {
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger refusedAfterClose = new AtomicInteger();
        MVStoreRegistrationStore store = new MVStoreRegistrationStore(file);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch someWritten = new CountDownLatch(50);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; ; i++) {
                        String id = "k-" + thread + "-" + i;
                        try {
                            store.putKeyRegistration(key(id, T0));
                        } catch (IllegalStateException closed) {
                            refusedAfterClose.incrementAndGet();
                            return null;
                        }
                        acknowledged.add(id);
                        someWritten.countDown();
                    }
                }));
            }
            assertTrue(someWritten.await(60, TimeUnit.SECONDS));
            store.close();
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS); // no writer saw anything but success or "closed"
        } finally {
            pool.shutdownNow();
            store.close();
        }
        assertEquals(8, refusedAfterClose.get());
        try (MVStoreRegistrationStore reopened = new MVStoreRegistrationStore(file)) {
            for (String id : acknowledged) assertTrue(id, reopened.keyRegistration(id).isPresent());
        }
    }

    /** Opens a second store on the file of the first; returns what it threw. */
    private IllegalStateException openASecondStore() {
        try {
            new MVStoreRegistrationStore(file).close();
        } catch (IllegalStateException expected) {
            return expected;
        }
        throw new AssertionError("a second store on a file in use must not open");
    }

    @Test
    public void aSecondStoreOnTheSameFileFailsWithAReadableMessage() {
        try (MVStoreRegistrationStore first = new MVStoreRegistrationStore(file)) {
            first.putKeyRegistration(key("abc", T0));
            String message = openASecondStore().getMessage();
            assertTrue(message, message.contains(file.toAbsolutePath().toString()));
            assertTrue(message, message.contains("in use (locked)"));
        }
    }

    @Test
    public void theFirstStoreStillWorksAfterASecondFailedToOpen() {
        try (MVStoreRegistrationStore first = new MVStoreRegistrationStore(file)) {
            first.putKeyRegistration(key("abc", T0));
            openASecondStore();
            assertTrue("the first store still works", first.keyRegistration("abc").isPresent());
            first.putKeyRegistration(key("def", T0));
        }
    }

    @Test
    public void aFileThatIsNotAStoreFailsWithAReadableMessage() throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, "this is not an MVStore file, just text".getBytes(StandardCharsets.US_ASCII));
        try {
            new MVStoreRegistrationStore(file).close();
            fail("a damaged file must not open");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().startsWith("cannot open the registration store " + file.toAbsolutePath()));
        }
    }

    /** A store whose second journal sync fails: that of "lost", the second write of {@link #writeBeforeAndLost}. */
    private MVStoreRegistrationStore storeFailingTheSyncOfLost() {
        AtomicInteger batchSyncs = new AtomicInteger();
        return new MVStoreRegistrationStore(file, (point, force) -> {
            if (point == DiskSync.Point.BATCH && batchSyncs.incrementAndGet() == 2) {
                throw new IllegalStateException("simulated fsync failure");
            }
            force.run();
        });
    }

    /** Writes "before", then "lost" (journaled, then its sync fails); returns what the write of "lost" threw. */
    private static DurabilityException writeBeforeAndLost(MVStoreRegistrationStore store) {
        store.putKeyRegistration(key("before", T0));
        try {
            store.putKeyRegistration(key("lost", T0)); // journaled, then its sync fails
        } catch (DurabilityException expected) {
            return expected;
        }
        throw new AssertionError("a write whose sync failed must throw");
    }

    @Test
    public void aFailedSyncFailsTheWholeBatch() {
        try (MVStoreRegistrationStore store = storeFailingTheSyncOfLost()) {
            DurabilityException expected = writeBeforeAndLost(store);
            assertTrue(expected.getMessage(), expected.getMessage().startsWith("durability failed"));
        }
    }

    @Test
    public void aFailedSyncRollsTheBatchBack() {
        try (MVStoreRegistrationStore store = storeFailingTheSyncOfLost()) {
            writeBeforeAndLost(store);
            assertFalse("rolled back", store.keyRegistration("lost").isPresent());
            assertEquals(1, store.keyRegistrationCount());
        }
    }

    @Test
    public void writesAfterAFailedSyncAreDurableAndTheRolledBackOneIsNot() {
        try (MVStoreRegistrationStore store = storeFailingTheSyncOfLost()) {
            writeBeforeAndLost(store);
            store.putKeyRegistration(key("after", T0)); // syncs work again
        }
        try (MVStoreRegistrationStore store = new MVStoreRegistrationStore(file)) {
            assertTrue(store.keyRegistration("before").isPresent());
            assertTrue(store.keyRegistration("after").isPresent());
            assertFalse(store.keyRegistration("lost").isPresent());
            assertEquals(2, store.keyRegistrationCount());
        }
    }

    @Test
    public void removeExpiredWorksInRoundsAndStillRemovesAndCountsEverythingExpired() {
        try (MVStoreRegistrationStore store = new MVStoreRegistrationStore(file)) {
            store.expiryRound = 3;
            for (int i = 0; i < 7; i++) store.putKeyRegistration(key("k" + i, T0.minusSeconds(i)));
            for (int i = 0; i < 5; i++) store.putClientRegistration(client("r" + i, "C-a", "sp.example.com", T0.minusSeconds(i)));
            store.putKeyRegistration(key("stays", T0.plusSeconds(1)));
            long batchesBefore = store.batchesCommitted();
            assertEquals(12, store.removeExpired(T0));
            assertTrue("rounds of at most 3", store.batchesCommitted() - batchesBefore >= 4);
            assertEquals(1, store.keyRegistrationCount());
            assertEquals(0, store.clientRegistrationCount());
            assertEquals(List.of(), store.clientRegistrationsOf("C-a"));
        }
    }

    @Test
    public void aLastExpiryRoundThatIsExactlyFullIsFollowedByAnEmptyOne() {
        try (MVStoreRegistrationStore store = new MVStoreRegistrationStore(file)) {
            store.expiryRound = 2; // a last round that is exactly full is followed by an empty one
            store.putKeyRegistration(key("a", T0));
            store.putKeyRegistration(key("b", T0));
            assertEquals(2, store.removeExpired(T0));
        }
    }

    @Test
    public void readsAfterCloseThrowIllegalStateException() {
        MVStoreRegistrationStore store = new MVStoreRegistrationStore(file);
        store.close();
        store.close(); // twice is harmless
        try {
            store.keyRegistration("abc");
            fail("a read after close must throw");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("closed"));
        }
    }
}
