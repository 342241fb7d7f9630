package org.example.mgmtobj.impl.tree;

import static org.example.mgmtobj.impl.tree.DeviceConfigurationLifecycleTest.EXAMPLES;
import static org.example.mgmtobj.impl.tree.TreeFixture.ADMIN;
import static org.example.mgmtobj.impl.tree.TreeFixture.CSE;
import static org.example.mgmtobj.impl.tree.TreeFixture.ri;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.mgmtobj.api.MgmtObjEvent.Kind;
import org.example.mgmtobj.api.Specialization;
import org.example.mgmtobj.impl.events.EventDispatcher;
import org.example.mgmtobj.impl.store.MVStoreResourceStore;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A durable subscription (MgmtObjListener.SUBSCRIPTION): the outbox record of a change is stored in the change's own
 * commit, so what a subscriber has not acknowledged when the tree stops is delivered to it again at the next start, in
 * order, with the same receipt; acknowledged records are not; changes it does not subscribe to get no record. This is
 * what issue 13 asks of the device side's triggers ("written to a durable outbox in the same commit as the MO change").
 */
public class DurableSubscriptionTest {
    private static final Set<Specialization> MEF_CFG = Set.of(Specialization.MEF_CLIENT_REG_CFG);

    @Rule public TemporaryFolder folder = new TemporaryFolder();

    private Path file;
    private MVStoreResourceStore store;
    private EventDispatcher dispatcher;
    private ResourceTreeEngine tree;
    private final BlockingQueue<MgmtObjEvent> received = new LinkedBlockingQueue<>();

    private void start() {
        if (file == null) file = folder.getRoot().toPath().resolve("tree.mv.db");
        store = new MVStoreResourceStore(file);
        dispatcher = new EventDispatcher();
        tree = new ResourceTreeEngine(new TreeConfig("in-cse", "in-name", Set.of(ADMIN)), store, dispatcher, new MutableClock(TreeFixture.T0));
        dispatcher.attach(tree.outbox(), tree::snapshot);
    }

    private void stop() {
        store.close();
        dispatcher.close(1000);
    }

    @After
    public void close() {
        if (store != null) stop();
        else if (dispatcher != null) dispatcher.close(1000); // a test on a RecordingStore
    }

    @Test
    public void changesNotAcknowledgedBeforeAStopAreDeliveredAgainInOrderAtTheNextStart() throws Exception {
        String cfg = startWithASubscriberAndANodeWithAMefCfg();
        handle(Operation.UPDATE, "/in-cse/" + cfg, null, "{\"dcfg:mefcr\":{\"lbl\":[\"second\"]}}");
        MgmtObjEvent created = next(), updated = next();
        assertEquals(Kind.CREATED, created.kind());
        assertTrue("a subscriber's event carries a receipt", created.receipt().isPresent());
        tree.acknowledge(created.receipt().get());
        stop();

        start();
        dispatcher.addListener(received::add, "device", MEF_CFG, false);
        MgmtObjEvent again = next();
        assertEquals("only the update, not acknowledged, comes again", Kind.UPDATED, again.kind());
        assertEquals(updated.receipt(), again.receipt());
        assertEquals(List.of("second"), again.mgmtObj().labels());
        assertEquals("the state before the update is kept too", updated.previous().get().labels(), again.previous().get().labels());
        assertEquals(null, received.poll(200, TimeUnit.MILLISECONDS));

        assertEquals(1, tree.outbox().pendingCount("device"));
        tree.acknowledge(again.receipt().get());
        tree.acknowledge(again.receipt().get()); // twice: ignored
        assertEquals("counted once", 0, tree.outbox().pendingCount("device"));
        stop();
        start();
        dispatcher.addListener(received::add, "device", MEF_CFG, false);
        assertEquals("nothing is delivered again once acknowledged", null, received.poll(300, TimeUnit.MILLISECONDS));
    }

    /** Figure 12 of BENCHMARKS.md: each sync costs about 90 µs of CPU there, and a subscriber acknowledges every change. */
    @Test
    public void anAcknowledgementCostsNoSyncOfItsOwnItTravelsWithTheNextChange() throws Exception {
        String cfg = startWithASubscriberAndANodeWithAMefCfg();
        MgmtObjEvent created = next();
        store.deferredWait(java.time.Duration.ofSeconds(30)); // the update comes however slow this thread is
        long before = store.batchesCommitted();
        tree.acknowledge(created.receipt().get());
        handle(Operation.UPDATE, "/in-cse/" + cfg, null, "{\"dcfg:mefcr\":{\"lbl\":[\"second\"]}}");
        assertEquals("the acknowledgement and the update: one batch, one sync", before + 1, store.batchesCommitted());
        MgmtObjEvent updated = next();
        tree.acknowledge(updated.receipt().get());
        stop();
        start();
        dispatcher.addListener(received::add, "device", MEF_CFG, false);
        assertEquals("both acknowledgements were stored (the last alone, at close)", null, received.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    public void severalChangesNotAcknowledgedComeAgainInTheirCommitOrder() throws Exception {
        String cfg = startWithASubscriberAndANodeWithAMefCfg();
        handle(Operation.UPDATE, "/in-cse/" + cfg, null, "{\"dcfg:mefcr\":{\"lbl\":[\"one\"]}}");
        handle(Operation.UPDATE, "/in-cse/" + cfg, null, "{\"dcfg:mefcr\":{\"lbl\":[\"two\"]}}");
        List<String> live = List.of(next().receipt().get(), next().receipt().get(), next().receipt().get());
        stop();
        start();
        dispatcher.addListener(received::add, "device", MEF_CFG, false);
        MgmtObjEvent first = next(), second = next(), third = next();
        assertEquals("the same records, in the order they were committed", live,
                List.of(first.receipt().get(), second.receipt().get(), third.receipt().get()));
        assertEquals(Kind.CREATED, first.kind());
        assertEquals(List.of("one"), second.mgmtObj().labels());
        assertEquals(List.of("two"), third.mgmtObj().labels());
        assertTrue(first.sequence() < second.sequence() && second.sequence() < third.sequence());
    }

    @Test
    public void aDeletedMoIsDeliveredAgainAsItStoodWhenTheSubscriberWasAway() throws Exception {
        String cfg = startWithASubscriberAndANodeWithAMefCfg();
        tree.acknowledge(next().receipt().get());
        stop();

        start(); // the subscriber is not there: the tree keeps recording for it
        handle(Operation.DELETE, CSE + "/dev1", null, null);
        stop();

        start();
        dispatcher.addListener(received::add, "device", MEF_CFG, false);
        MgmtObjEvent deleted = next();
        assertEquals(Kind.DELETED, deleted.kind());
        assertEquals(cfg, deleted.mgmtObj().resourceId());
        assertEquals(Specialization.MEF_CLIENT_REG_CFG, deleted.mgmtObj().specialization());
        assertTrue(deleted.receipt().isPresent());
    }

    @Test
    public void changesOfOtherSpecializationsGetNoRecordAndPlainListenersNoReceipt() throws Exception {
        start();
        BlockingQueue<MgmtObjEvent> plain = new LinkedBlockingQueue<>();
        dispatcher.addListener(plain::add);
        dispatcher.addListener(received::add, "device", MEF_CFG, false);
        ri(handle(Operation.CREATE, CSE, 14, "{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"urn:dev:dev1\"}}"));
        ri(handle(Operation.CREATE, CSE + "/dev1", 13, EXAMPLES.get(Specialization.TRUST_ANCHOR_CRED)));
        MgmtObjEvent other = next();
        assertEquals(Specialization.TRUST_ANCHOR_CRED, other.mgmtObj().specialization());
        assertEquals("delivered, but with no record to acknowledge", Optional.empty(), other.receipt());
        assertEquals(Optional.empty(), plain.poll(5, TimeUnit.SECONDS).receipt());
        assertEquals(0, tree.outbox().pendingCount("device"));
    }

    @Test
    public void unsubscribingDropsTheRecordsAndStopsRecording() throws Exception {
        startWithASubscriberAndANodeWithAMefCfg();
        next();
        assertEquals(1, tree.outbox().pendingCount("device"));
        assertEquals(1, tree.outbox().unsubscribe("device"));
        stop();
        start();
        assertFalse("the end of the subscription is durable", tree.outbox().subscriptions().containsKey("device"));
        dispatcher.addListener(received::add, "device", MEF_CFG, false); // subscribes anew
        assertEquals("the dropped record is not delivered", null, received.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    public void outboxRecordsAreNeverResourcesOfTheTree() throws Exception {
        startWithASubscriberAndANodeWithAMefCfg();
        String receipt = next().receipt().orElseThrow(); // not acknowledged: the record stays
        stop();
        start();
        assertEquals("one node and one mgmtObj: the subscription and its record are not loaded as resources", 2, tree.size());
        assertEquals(1, tree.allMgmtObjs().size());
        // by their reserved IDs, unstructured (what would find them were they indexed): not there
        for (String id : List.of("subscription:device", receipt)) {
            ResponsePrimitive r = handle(Operation.RETRIEVE, "/in-cse/" + id, null, null);
            assertEquals(id, org.example.onem2m.primitive.ResponseStatusCode.NOT_FOUND, r.status());
        }
    }

    /**
     * A new subscription's listener hears of every change either in its snapshot or with a record, even of one committed
     * while the subscription was being written (before, the listener joined first and such a change reached it live
     * without a record: lost if the device stopped before processing it).
     */
    @Test
    public void aChangeCommittedWhileANewSubscriptionIsWrittenHasARecordOrIsInTheSnapshot() throws Exception {
        Race race = aSubscriberJoiningWhileACreateIsCommittedBehindItsWrite(true);
        race.store.releaseHeld();
        race.joining.get(10, TimeUnit.SECONDS);
        assertEquals(org.example.onem2m.primitive.ResponseStatusCode.CREATED, race.created.get(10, TimeUnit.SECONDS).status());
        MgmtObjEvent first = next();
        assertEquals(Kind.CREATED, first.kind());
        assertTrue("in the snapshot (sequence 0) or with a record: sequence " + first.sequence() + ", receipt " + first.receipt(),
                first.sequence() == 0 || first.receipt().isPresent());
        assertEquals("its record waits for an acknowledgement", 1, tree.outbox().pendingCount("device"));
        for (MgmtObjEvent again = received.poll(500, TimeUnit.MILLISECONDS); again != null; again = received.poll(500, TimeUnit.MILLISECONDS)) {
            assertTrue("a later delivery of it is its record", again.receipt().isPresent());
        }
    }

    /**
     * A subscription that cannot be stored: the listener still joins (live events, as before subscriptions were written
     * first) and its registration fails; the record of a change made while the write was held is not lost nor hidden:
     * listed under the name, and dropped by unsubscribe.
     */
    @Test
    public void theRecordsOfASubscriptionThatCouldNotBeStoredAreListedAndCanBeDropped() throws Exception {
        Race race = aSubscriberJoiningWhileACreateIsCommittedBehindItsWrite(false);
        race.store.releaseHeld(new org.example.onem2m.mvstore.DurabilityException("the disk is full (a test's fault)", null));
        java.util.concurrent.ExecutionException failed = org.junit.Assert.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> race.joining.get(10, TimeUnit.SECONDS));
        assertTrue(failed.getCause().toString(), failed.getCause().getMessage().contains("the disk is full"));
        assertEquals(org.example.onem2m.primitive.ResponseStatusCode.CREATED, race.created.get(10, TimeUnit.SECONDS).status());
        assertEquals("the listener joined all the same", Kind.CREATED, next().kind());
        assertEquals("not stored, so not kept", Set.of(), tree.outbox().subscriptions().keySet());
        assertEquals("its record is listed under its name", Set.of("device"), tree.outbox().names());
        assertEquals(1, tree.outbox().describePending().get("device").size());
        assertEquals("and dropped by unsubscribe", 1, tree.outbox().unsubscribe("device"));
        assertEquals(Set.of(), tree.outbox().names());
    }

    /** A listener removed (SCR's unbind) while its subscription is being written never joins: no events reach it. */
    @Test
    public void aListenerRemovedWhileItsSubscriptionIsWrittenNeverJoins() throws Exception {
        RecordingStore held = startOnAStoreThatCanHoldWrites();
        org.example.mgmtobj.api.MgmtObjListener listener = received::add;
        held.holdNextWrite = true;
        CompletableFuture<Void> joining = CompletableFuture.runAsync(() -> dispatcher.addListener(listener, "device", MEF_CFG, true));
        held.awaitHeld();
        dispatcher.removeListener(listener);
        held.releaseHeld();
        joining.get(10, TimeUnit.SECONDS);
        ri(handle(Operation.CREATE, CSE + "/dev1", 13, EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG)));
        assertEquals("no event, not even a snapshot", null, received.poll(500, TimeUnit.MILLISECONDS));
    }

    /** A tree on a {@link RecordingStore}, with node dev1. */
    private RecordingStore startOnAStoreThatCanHoldWrites() {
        RecordingStore held = new RecordingStore();
        dispatcher = new EventDispatcher();
        tree = new ResourceTreeEngine(new TreeConfig("in-cse", "in-name", Set.of(ADMIN)), held, dispatcher, new MutableClock(TreeFixture.T0));
        dispatcher.attach(tree.outbox(), tree::snapshot);
        ri(handle(Operation.CREATE, CSE, 14, "{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"urn:dev:dev1\"}}"));
        return held;
    }

    /** What {@link #aSubscriberJoiningWhileACreateIsCommittedBehindItsWrite} started. */
    private record Race(RecordingStore store, CompletableFuture<Void> joining, CompletableFuture<ResponsePrimitive> created) {}

    /**
     * On a store that holds its next write: a listener of the new subscription "device" registering (its subscription's
     * write held), and a CREATE of a MEFClientRegCfg committed behind that write; both wait for its release.
     */
    private Race aSubscriberJoiningWhileACreateIsCommittedBehindItsWrite(boolean snapshot) throws Exception {
        RecordingStore held = startOnAStoreThatCanHoldWrites();
        int writes = held.writes.get();
        held.holdNextWrite = true;
        CompletableFuture<Void> joining = CompletableFuture.runAsync(() -> dispatcher.addListener(received::add, "device", MEF_CFG, snapshot));
        held.awaitHeld(); // the subscription's write
        CompletableFuture<ResponsePrimitive> created = CompletableFuture.supplyAsync(() ->
                handle(Operation.CREATE, CSE + "/dev1", 13, EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (held.writes.get() < writes + 2 && System.nanoTime() < deadline) Thread.sleep(5); // committed, behind the held one
        assertEquals("the CREATE is committed while the subscription's write is held", writes + 2, held.writes.get());
        return new Race(held, joining, created);
    }

    /** Starts the tree, registers the subscriber "device" of MEFClientRegCfg changes, creates dev1 and its MEFClientRegCfg. */
    private String startWithASubscriberAndANodeWithAMefCfg() {
        start();
        dispatcher.addListener(received::add, "device", MEF_CFG, false);
        ri(handle(Operation.CREATE, CSE, 14, "{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"urn:dev:dev1\"}}"));
        return ri(handle(Operation.CREATE, CSE + "/dev1", 13, EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG)));
    }

    private MgmtObjEvent next() throws InterruptedException {
        MgmtObjEvent e = received.poll(10, TimeUnit.SECONDS);
        assertTrue("an event arrives", e != null);
        return e;
    }

    private ResponsePrimitive handle(Operation op, String to, Integer ty, String json) {
        RequestPrimitive.Builder b = RequestPrimitive.of(op, to).from(ADMIN).requestId("rq");
        if (ty != null) b.resourceType(ty);
        if (json != null) b.content(json);
        return tree.handle(b.build());
    }
}
