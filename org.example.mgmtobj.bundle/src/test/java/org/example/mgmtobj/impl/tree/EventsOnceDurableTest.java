package org.example.mgmtobj.impl.tree;

import static org.example.mgmtobj.impl.tree.DeviceConfigurationLifecycleTest.EXAMPLES;
import static org.example.mgmtobj.impl.tree.TreeFixture.ADMIN;
import static org.example.mgmtobj.impl.tree.TreeFixture.CSE;
import static org.example.mgmtobj.impl.tree.TreeFixture.ri;
import static org.example.onem2m.primitive.ResponseStatusCode.CREATED;
import static org.example.onem2m.primitive.ResponseStatusCode.DELETED;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.example.mgmtobj.api.MgmtLink;
import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.mgmtobj.api.Specialization;
import org.example.mgmtobj.impl.events.EventDispatcher;
import org.example.mgmtobj.impl.store.MVStoreResourceStore;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * An event's snapshots are made once its change is durable, from the readers' state before the change: they must be
 * what they would have been when the change was made, and reach a listener that registered while it waited.
 */
public class EventsOnceDurableTest {
    private static final long WAIT_SECONDS = 20;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void theMgmtObjsOfADeletedNodeAreReportedWithTheirLinksAsTheyStoodBeforeTheDelete() {
        TreeFixture tree = new TreeFixture();
        ri(tree.createNode("dev1"));
        String mef = ri(tree.createMo("dev1", EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG)));
        String profile = ri(tree.createMo("dev1", "{\"dcfg:authp\":{\"rn\":\"ap\",\"mgd\":1022,\"suid\":22,\"mkrd\":\"P30D\","
                + "\"cmlk\":[{\"nm\":\"mefCfg\",\"typ\":1026,\"val\":\"" + CSE + "/dev1/mef\"}]}}"));
        tree.events.clear();

        assertEquals(DELETED, tree.delete(CSE + "/dev1").status());

        MgmtObjEvent deletedProfile = tree.events.stream().filter(e -> e.mgmtObj().resourceId().equals(profile)).findFirst().orElseThrow();
        assertEquals("the link's target, deleted by the same change, is still named by its resourceID",
                List.of(new MgmtLink("mefCfg", 1026, mef)), deletedProfile.mgmtObj().links());
    }

    @Test
    public void aListenerThatRegistersWhileAChangeWaitsForItsFsyncReceivesItsEvent() throws Exception {
        GroupCommitTreeTest.SyncGate gate = new GroupCommitTreeTest.SyncGate();
        EventDispatcher dispatcher = new EventDispatcher();
        MVStoreResourceStore store = new MVStoreResourceStore(folder.getRoot().toPath().resolve("tree.mv.db"), gate);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            ResourceTreeEngine tree = new ResourceTreeEngine(new TreeConfig("in-cse", "in-name", Set.of(ADMIN)), store, dispatcher,
                    new MutableClock(TreeFixture.T0));
            ri(tree.handle(create(CSE, 14, "{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"urn:dev:dev1\"}}")));
            gate.hold = true;
            Future<ResponsePrimitive> creating = pool.submit(() -> tree.handle(create(CSE + "/dev1", 13,
                    EXAMPLES.get(Specialization.TRUST_ANCHOR_CRED))));
            assertTrue(gate.entered.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)); // queued while nobody listened

            List<MgmtObjEvent> received = new CopyOnWriteArrayList<>();
            CountDownLatch one = new CountDownLatch(1);
            dispatcher.addListener(e -> {
                received.add(e);
                one.countDown();
            });
            gate.hold = false;
            gate.release.release();

            String created = ri(creating.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(CREATED, creating.get().status());
            assertTrue("the event of a change durable after the listener registered reaches it", one.await(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(MgmtObjEvent.Kind.CREATED, received.get(0).kind());
            assertEquals(created, received.get(0).mgmtObj().resourceId());
        } finally {
            gate.hold = false;
            gate.release.release(10);
            pool.shutdownNow();
            store.close();
            dispatcher.close(1000);
        }
    }

    private static RequestPrimitive create(String parent, int ty, String json) {
        return RequestPrimitive.of(Operation.CREATE, parent).from(ADMIN).requestId("rq").resourceType(ty).content(json).build();
    }
}
