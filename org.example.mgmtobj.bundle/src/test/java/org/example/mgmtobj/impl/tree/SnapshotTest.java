package org.example.mgmtobj.impl.tree;

import static org.example.mgmtobj.impl.tree.DeviceConfigurationLifecycleTest.EXAMPLES;
import static org.example.mgmtobj.impl.tree.TreeFixture.ADMIN;
import static org.example.mgmtobj.impl.tree.TreeFixture.CSE;
import static org.example.mgmtobj.impl.tree.TreeFixture.ri;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.mgmtobj.api.MgmtObjEvent.Kind;
import org.example.mgmtobj.api.Specialization;
import org.example.mgmtobj.impl.events.EventDispatcher;
import org.example.mgmtobj.impl.store.MVStoreResourceStore;
import org.example.mgmtobj.impl.store.ResourceStore;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@link org.example.mgmtobj.api.MgmtObjListener#SNAPSHOT}: a listener that asks for it receives the mgmtObjs in the
 * tree when it joins, as CREATED events, before anything else; a change is either in that snapshot or delivered after
 * it. (The device side read the tree in its constructor before it registered, and an MO created in between was never
 * processed.)
 */
public class SnapshotTest {
    private static final Set<Specialization> MEF_CFG = Set.of(Specialization.MEF_CLIENT_REG_CFG);
    @Rule public TemporaryFolder folder = new TemporaryFolder();

    private final List<ResourceStore> stores = new ArrayList<>();
    private final List<EventDispatcher> dispatchers = new ArrayList<>();
    private final BlockingQueue<MgmtObjEvent> received = new LinkedBlockingQueue<>();

    private ResourceTreeEngine open(EventDispatcher dispatcher) {
        MVStoreResourceStore store = new MVStoreResourceStore(folder.getRoot().toPath().resolve("tree.mv.db"));
        stores.add(store);
        return new ResourceTreeEngine(new TreeConfig("in-cse", "in-name", Set.of(ADMIN)), store, dispatcher, new MutableClock(TreeFixture.T0));
    }

    private ResourceTreeEngine started() {
        EventDispatcher dispatcher = dispatcher();
        ResourceTreeEngine tree = open(dispatcher);
        dispatcher.attach(tree.outbox(), tree::snapshot);
        return tree;
    }

    /**
     * A tree whose snapshots start {@code change} on another thread while they are taken, and give it 300 ms: a change
     * publishes under the dispatcher's lock, so with the snapshot taken under it too the change waits and comes after.
     */
    private ResourceTreeEngine startedWithAChangeDuringTheSnapshot(java.util.function.Consumer<ResourceTreeEngine> change) {
        EventDispatcher dispatcher = dispatcher();
        ResourceTreeEngine tree = open(dispatcher);
        dispatcher.attach(tree.outbox(), specializations -> {
            List<org.example.mgmtobj.impl.tree.EventSink.Draft> drafts = tree.snapshot(specializations);
            java.util.concurrent.CompletableFuture<Void> made = java.util.concurrent.CompletableFuture.runAsync(() -> change.accept(tree));
            try {
                made.get(300, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException waitsForTheLock) {
                // as it should
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return drafts;
        });
        return tree;
    }

    private EventDispatcher dispatcher() {
        EventDispatcher d = new EventDispatcher();
        dispatchers.add(d);
        return d;
    }

    @After
    public void close() {
        dispatchers.forEach(d -> d.close(1000));
        stores.forEach(ResourceStore::close);
    }

    private static ResponsePrimitive handle(ResourceTreeEngine tree, Operation op, String to, Integer ty, String json) {
        RequestPrimitive.Builder b = RequestPrimitive.of(op, to).from(ADMIN).requestId("rq");
        if (ty != null) b.resourceType(ty);
        if (json != null) b.content(json);
        return tree.handle(b.build());
    }

    private static String mefCfg(ResourceTreeEngine tree, String node, String rn) {
        return ri(handle(tree, Operation.CREATE, CSE + "/" + node, 13, EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG)
                .replaceFirst("\"rn\":\"[^\"]*\"", "\"rn\":\"" + rn + "\"")));
    }

    /** A tree with dev1 and its MEFClientRegCfg, stopped; @param recorded with the subscription "device" recording it */
    private String aMefCfgInAStoppedTree(boolean recorded) {
        ResourceTreeEngine before = started();
        if (recorded) dispatchers.get(0).addListener(e -> { }, "device", MEF_CFG, false);
        ri(handle(before, Operation.CREATE, CSE, 14, "{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"urn:dev:dev1\"}}"));
        String cfg = mefCfg(before, "dev1", "cfg1");
        close();
        stores.clear();
        dispatchers.clear();
        return cfg;
    }

    private MgmtObjEvent next() throws InterruptedException {
        MgmtObjEvent e = received.poll(10, TimeUnit.SECONDS);
        assertNotNull("an event arrives", e);
        return e;
    }

    @Test
    public void anMoThereBeforeTheListenerRegisteredComesFirstAsCreatedWithoutReceipt() throws Exception {
        ResourceTreeEngine tree = started();
        ri(handle(tree, Operation.CREATE, CSE, 14, "{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"urn:dev:dev1\"}}"));
        String cfg = mefCfg(tree, "dev1", "cfg1");
        ri(handle(tree, Operation.CREATE, CSE + "/dev1", 13, EXAMPLES.get(Specialization.TRUST_ANCHOR_CRED))); // not subscribed to
        BlockingQueue<MgmtObjEvent> plain = new LinkedBlockingQueue<>();
        EventDispatcher dispatcher = dispatchers.get(0);
        dispatcher.addListener(plain::add); // no snapshot asked for: nothing of what was there

        dispatcher.addListener(received::add, "device", MEF_CFG, true);
        MgmtObjEvent first = next();
        assertEquals(Kind.CREATED, first.kind());
        assertEquals(cfg, first.mgmtObj().resourceId());
        assertEquals("a snapshot is no change", 0, first.sequence());
        assertFalse("nothing to acknowledge", first.receipt().isPresent());

        assertNull("the trustAnchorCred is not in the snapshot", received.poll(200, TimeUnit.MILLISECONDS));
        handle(tree, Operation.UPDATE, "/in-cse/" + cfg, null, "{\"dcfg:mefcr\":{\"lbl\":[\"second\"]}}");
        MgmtObjEvent updated = next();
        assertEquals(Kind.UPDATED, updated.kind());
        assertTrue("a live change of the subscription has its record", updated.receipt().isPresent());
        MgmtObjEvent plainFirst = plain.poll(10, TimeUnit.SECONDS); // on its own thread: it may come after the other's
        assertNotNull(plainFirst);
        assertEquals("the plain listener's first event is the update", Kind.UPDATED, plainFirst.kind());
        assertNull("and its only one", plain.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    public void aListenerRegisteredBeforeTheTreeIsLoadedGetsTheSnapshotOnceItIs() throws Exception {
        String cfg = aMefCfgInAStoppedTree(false);

        EventDispatcher dispatcher = dispatcher();
        dispatcher.addListener(received::add, "device", MEF_CFG, true); // before the tree: nothing to send yet
        ResourceTreeEngine tree = open(dispatcher);
        assertNull(received.poll(200, TimeUnit.MILLISECONDS));
        dispatcher.attach(tree.outbox(), tree::snapshot);

        MgmtObjEvent first = next();
        assertEquals(Kind.CREATED, first.kind());
        assertEquals(cfg, first.mgmtObj().resourceId());
        assertEquals(0, first.sequence());
    }

    /** MOs created on another thread while the listener registers: each is in the snapshot or comes after it, once at least. */
    @Test
    public void noMoCreatedWhileTheListenerRegistersIsMissed() throws Exception {
        ResourceTreeEngine tree = started();
        List<String> created = new CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Void> operator = java.util.concurrent.CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 300; i++) { // a node has one MEFClientRegCfg at most
                ri(handle(tree, Operation.CREATE, CSE, 14, "{\"m2m:nod\":{\"rn\":\"dev" + i + "\",\"ni\":\"urn:dev:" + i + "\"}}"));
                created.add(mefCfg(tree, "dev" + i, "cfg"));
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (created.size() < 100 && !operator.isDone() && System.nanoTime() < deadline) Thread.sleep(1);
        dispatchers.get(0).addListener(received::add, "device", MEF_CFG, true);
        operator.get(30, TimeUnit.SECONDS); // throws what the operator's thread met
        ri(handle(tree, Operation.CREATE, CSE, 14, "{\"m2m:nod\":{\"rn\":\"last\",\"ni\":\"urn:dev:last\"}}"));
        created.add(mefCfg(tree, "last", "cfg")); // after the registration for sure: a live event
        assertEquals(301, created.size());

        Set<String> seen = new HashSet<>();
        boolean live = false;
        int inSnapshot = 0;
        while (seen.size() < created.size()) {
            MgmtObjEvent e = received.poll(10, TimeUnit.SECONDS);
            if (e == null) break;
            assertEquals(Kind.CREATED, e.kind());
            if (e.sequence() != 0) live = true;
            else assertFalse("every snapshot event comes before the first live one", live);
            if (e.sequence() == 0) inSnapshot++;
            seen.add(e.mgmtObj().resourceId());
        }
        assertTrue("the listener registered after 100 were made: " + inSnapshot, inSnapshot >= 100);
        assertTrue("the last one came live", live);
        Set<String> missed = new HashSet<>(created);
        missed.removeAll(seen);
        assertTrue("neither in the snapshot nor delivered after it: " + missed, missed.isEmpty());
    }

    /** An MO created while the snapshot is taken is not in it: it must come after it, live. */
    @Test
    public void anMoCreatedWhileTheSnapshotIsTakenComesAfterIt() throws Exception {
        ResourceTreeEngine tree = startedWithAChangeDuringTheSnapshot(t -> mefCfg(t, "dev2", "cfg2"));
        ri(handle(tree, Operation.CREATE, CSE, 14, "{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"urn:dev:dev1\"}}"));
        ri(handle(tree, Operation.CREATE, CSE, 14, "{\"m2m:nod\":{\"rn\":\"dev2\",\"ni\":\"urn:dev:dev2\"}}"));
        String before = mefCfg(tree, "dev1", "cfg1");

        dispatchers.get(0).addListener(received::add, "device", MEF_CFG, true);
        MgmtObjEvent snapshot = next(), live = next();
        assertEquals(before, snapshot.mgmtObj().resourceId());
        assertEquals(0, snapshot.sequence());
        // by its name: its creator may not have its resourceID yet when the event arrives
        assertEquals("the one made during the snapshot, live", "cfg2", live.mgmtObj().resourceName());
        assertTrue(live.sequence() != 0);
    }

    /** Snapshot, then the records not acknowledged, then live changes: a record never comes after a later change of its MO. */
    @Test
    public void theSnapshotComesFirstThenTheRecordsNotAcknowledgedThenLiveChanges() throws Exception {
        String cfg = aMefCfgInAStoppedTree(true); // with a record never acknowledged

        // the DELETE is made while the snapshot is taken: it must come after the record, not between the two. The
        // subscription now names one more specialization, so that registering writes to the store, which waits for the
        // DELETE's publication: a replay queued after the lock was left once would come after the DELETE
        startedWithAChangeDuringTheSnapshot(t -> handle(t, Operation.DELETE, "/in-cse/" + cfg, null, null));
        dispatchers.get(0).addListener(received::add, "device", Set.of(Specialization.MEF_CLIENT_REG_CFG, Specialization.TRUST_ANCHOR_CRED), true);

        MgmtObjEvent snapshot = next(), record = next(), live = next();
        assertEquals(List.of(Kind.CREATED, Kind.CREATED, Kind.DELETED), List.of(snapshot.kind(), record.kind(), live.kind()));
        assertEquals(0, snapshot.sequence());
        assertFalse(snapshot.receipt().isPresent());
        assertTrue("the record, delivered again", record.receipt().isPresent());
        assertTrue(live.receipt().isPresent());
        for (MgmtObjEvent e : List.of(snapshot, record, live)) assertEquals(cfg, e.mgmtObj().resourceId());
    }
}
