package org.example.mgmtobj.impl.tree;

import static org.example.mgmtobj.impl.tree.DeviceConfigurationLifecycleTest.EXAMPLES;
import static org.example.mgmtobj.impl.tree.TreeFixture.ADMIN;
import static org.example.mgmtobj.impl.tree.TreeFixture.CSE;
import static org.example.mgmtobj.impl.tree.TreeFixture.ri;
import static org.example.onem2m.primitive.ResponseStatusCode.CONFLICT;
import static org.example.onem2m.primitive.ResponseStatusCode.CREATED;
import static org.example.onem2m.primitive.ResponseStatusCode.INTERNAL_SERVER_ERROR;
import static org.example.onem2m.primitive.ResponseStatusCode.NOT_FOUND;
import static org.example.onem2m.primitive.ResponseStatusCode.OK;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.mgmtobj.api.Specialization;
import org.example.mgmtobj.impl.store.MVStoreResourceStore;
import org.example.mgmtobj.impl.store.ResourceStore;
import org.example.mgmtobj.impl.store.StoredResource;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.mvstore.DiskSync;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The tree over the MVStore store with group commit: a change is answered only once it is on disk, concurrent
 * changes share a commit, readers and listeners learn of a change only once it is durable, and a batch that cannot be
 * forced to disk answers 5000 to each of its writers and changes nothing. The fsync is a gate the test opens.
 */
public class GroupCommitTreeTest {
    private static final long WAIT_SECONDS = 20;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    /** Forces a batch's journal record to disk, but can hold a sync until released, or fail the next one that is not held. */
    static final class SyncGate implements DiskSync {
        final Semaphore entered = new Semaphore(0);
        final Semaphore release = new Semaphore(0);
        volatile boolean hold;
        volatile boolean failNext;

        @Override
        public void sync(Point point, Runnable force) {
            if (point == Point.BATCH) {
                if (hold) {
                    entered.release();
                    release.acquireUninterruptibly();
                } else if (failNext) {
                    failNext = false;
                    throw new IllegalStateException("simulated fsync failure");
                }
            }
            force.run();
        }
    }

    /** Counts the changes the tree has queued (each after it passed its rules, under the tree's lock). */
    static final class CountingStore implements ResourceStore {
        final MVStoreResourceStore delegate;
        final AtomicInteger submitted = new AtomicInteger();

        CountingStore(MVStoreResourceStore delegate) { this.delegate = delegate; }

        @Override public Collection<StoredResource> loadAll() { return delegate.loadAll(); }
        @Override public CompletableFuture<Void> submit(Change change) {
            CompletableFuture<Void> f = delegate.submit(change);
            submitted.incrementAndGet();
            return f;
        }
        @Override public String location() { return delegate.location(); }
        @Override public void close() { delegate.close(); }
    }

    private final SyncGate gate = new SyncGate();
    private final List<MgmtObjEvent> events = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(TreeFixture.T0);
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private Path file;
    private CountingStore store;
    private ResourceTreeEngine tree;

    @Before
    public void open() {
        file = folder.getRoot().toPath().resolve("tree.mv.db");
        store = new CountingStore(new MVStoreResourceStore(file, gate));
        tree = new ResourceTreeEngine(new TreeConfig("in-cse", "in-name", Set.of(ADMIN)), store, drafts -> drafts.forEach(d -> events.add(d.event())), clock);
    }

    @After
    public void close() throws Exception {
        gate.hold = false;
        gate.release.release(100);
        pool.shutdownNow();
        pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
        store.close();
    }

    /** Closes the store and opens the tree again on the same file, with a plain sync. */
    private ResourceTreeEngine reopened() {
        store.close();
        store = new CountingStore(new MVStoreResourceStore(file));
        return new ResourceTreeEngine(new TreeConfig("in-cse", "in-name", Set.of(ADMIN)), store, e -> { }, clock);
    }

    private static RequestPrimitive create(String parent, int ty, String json) {
        return RequestPrimitive.of(Operation.CREATE, parent).from(ADMIN).requestId("rq").resourceType(ty).content(json).build();
    }

    private static RequestPrimitive node(String rn) {
        return create(CSE, 14, "{\"m2m:nod\":{\"rn\":\"" + rn + "\",\"ni\":\"urn:dev:" + rn + "\"}}");
    }

    private static RequestPrimitive trustAnchor(String node, String rn) {
        return create(CSE + "/" + node, 13, EXAMPLES.get(Specialization.TRUST_ANCHOR_CRED).replace("\"rn\":\"ta\"", "\"rn\":\"" + rn + "\""));
    }

    private ResponsePrimitive retrieve(String to) {
        return tree.handle(RequestPrimitive.of(Operation.RETRIEVE, to).from(ADMIN).requestId("rq").build());
    }

    private Future<ResponsePrimitive> inBackground(RequestPrimitive request) {
        return pool.submit(() -> tree.handle(request));
    }

    /** Waits until the tree has queued {@code count} changes in all. */
    private void awaitQueued(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (store.submitted.get() < count) {
            if (System.nanoTime() > deadline) throw new AssertionError("only " + store.submitted.get() + " of " + count + " changes were queued");
            Thread.sleep(2);
        }
    }

    private void awaitSyncEntered() throws InterruptedException {
        assertTrue("a sync was expected to start", gate.entered.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    public void readersAndListenersDoNotSeeAChangeBeforeItIsDurableButLaterWritersDo() throws Exception {
        ri(tree.handle(node("dev1")));
        events.clear();
        gate.hold = true;
        Future<ResponsePrimitive> creating = inBackground(trustAnchor("dev1", "ta"));
        awaitSyncEntered(); // committed to the file, not yet forced to disk: not acknowledged

        assertEquals("a reader must not see an unacknowledged change", NOT_FOUND, retrieve(CSE + "/dev1/ta").status());
        assertTrue(tree.allMgmtObjs().isEmpty());
        assertTrue("no event before the change is durable", events.isEmpty());
        assertFalse("the writer is not answered before the fsync", creating.isDone());
        assertEquals("a later writer's rules see the queued change", CONFLICT, tree.handle(trustAnchor("dev1", "ta")).status());

        gate.hold = false;
        gate.release.release();
        assertEquals(CREATED, creating.get(WAIT_SECONDS, TimeUnit.SECONDS).status());
        assertEquals("visible once acknowledged", OK, retrieve(CSE + "/dev1/ta").status());
        assertEquals(List.of(MgmtObjEvent.Kind.CREATED), events.stream().map(MgmtObjEvent::kind).collect(Collectors.toList()));
    }

    @Test
    public void writersQueuedDuringACommitShareTheNextOne() throws Exception {
        ri(tree.handle(node("dev1")));
        gate.hold = true;
        Future<ResponsePrimitive> first = inBackground(trustAnchor("dev1", "first"));
        awaitSyncEntered();
        gate.hold = false;
        long batchesBefore = store.delegate.batchesCommitted();
        List<Future<ResponsePrimitive>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) queued.add(inBackground(trustAnchor("dev1", "ta" + i)));
        awaitQueued(2 + 5);
        gate.release.release();
        assertEquals(CREATED, first.get(WAIT_SECONDS, TimeUnit.SECONDS).status());
        for (Future<ResponsePrimitive> f : queued) assertEquals(CREATED, f.get(WAIT_SECONDS, TimeUnit.SECONDS).status());
        assertEquals("the held batch, then one commit and one fsync for the five queued behind it",
                batchesBefore + 2, store.delegate.batchesCommitted());
    }

    @Test
    public void aFailedFsyncAnswers5000ToEveryWriterOfTheBatchAndChangesNothing() throws Exception {
        ri(tree.handle(node("dev1")));
        events.clear();
        gate.hold = true;
        Future<ResponsePrimitive> acknowledged = inBackground(trustAnchor("dev1", "a"));
        awaitSyncEntered();
        gate.hold = false;
        // queued behind it, into one batch: a node, a mgmtObj under that (still queued) node, a mgmtObj under dev1
        Future<ResponsePrimitive> newNode = inBackground(node("dev2"));
        awaitQueued(3);
        Future<ResponsePrimitive> underNewNode = inBackground(trustAnchor("dev2", "c"));
        awaitQueued(4);
        Future<ResponsePrimitive> underOldNode = inBackground(trustAnchor("dev1", "d"));
        awaitQueued(5);
        gate.failNext = true;
        gate.release.release();

        assertEquals(CREATED, acknowledged.get(WAIT_SECONDS, TimeUnit.SECONDS).status());
        for (Future<ResponsePrimitive> f : List.of(newNode, underNewNode, underOldNode)) {
            assertEquals(INTERNAL_SERVER_ERROR, f.get(WAIT_SECONDS, TimeUnit.SECONDS).status());
        }
        assertEquals(NOT_FOUND, retrieve(CSE + "/dev2").status());
        assertEquals(NOT_FOUND, retrieve(CSE + "/dev1/d").status());
        assertEquals(OK, retrieve(CSE + "/dev1/a").status());
        assertEquals("events only for what is durable", List.of("a"),
                events.stream().map(e -> e.mgmtObj().resourceName()).collect(Collectors.toList()));
        assertEquals("the writers' rules see nothing of the failed batch: the names are free",
                CREATED, tree.handle(trustAnchor("dev1", "d")).status());
        assertEquals(NOT_FOUND, tree.handle(trustAnchor("dev2", "c")).status());

        ResourceTreeEngine after = reopened();
        assertEquals("dev1, a and d: nothing of the failed batch is on disk", 3, after.size());
    }

    @Test
    public void concurrentCreatesAllSucceedAreAllOnDiskAfterReopeningAndAreReportedInCommitOrder() throws Exception {
        ri(tree.handle(node("dev1")));
        events.clear();
        int threads = 8;
        int perThread = 25;
        List<Future<List<ResponsePrimitive>>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                List<ResponsePrimitive> answers = new ArrayList<>();
                for (int i = 0; i < perThread; i++) answers.add(tree.handle(trustAnchor("dev1", "ta-" + thread + "-" + i)));
                return answers;
            }));
        }
        for (Future<List<ResponsePrimitive>> f : done) {
            for (ResponsePrimitive r : f.get(60, TimeUnit.SECONDS)) assertEquals(r.toString(), CREATED, r.status());
        }
        assertEquals(threads * perThread, events.size());
        for (int i = 1; i < events.size(); i++) {
            assertTrue("events in commit order", events.get(i - 1).sequence() < events.get(i).sequence());
        }
        ResourceTreeEngine after = reopened();
        assertEquals(1 + threads * perThread, after.size());
        assertEquals(threads * perThread, after.allMgmtObjs().size());
    }
}
