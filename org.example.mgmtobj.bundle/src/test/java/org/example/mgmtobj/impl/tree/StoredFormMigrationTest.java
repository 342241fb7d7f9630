package org.example.mgmtobj.impl.tree;

import static org.example.mgmtobj.impl.tree.TreeFixture.CSE;
import static org.example.mgmtobj.impl.tree.TreeFixture.T0;
import static org.example.mgmtobj.impl.tree.TreeFixture.attributes;
import static org.example.mgmtobj.impl.tree.TreeFixture.et;
import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.example.mgmtobj.impl.store.MVStoreResourceStore;
import org.example.mgmtobj.impl.store.ResourceStore;
import org.example.mgmtobj.impl.store.StoredResource;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonParser;

/**
 * Resources stored before every resource had an expirationTime, and schedules stored as one object, are brought to
 * today's form once, when the tree starts: the default lifetime from that start (TS-0001 9.6.1.3), the list form
 * of m2m:scheduleEntries. A second start changes nothing.
 */
public class StoredFormMigrationTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    /** A node and a dataCollection as an earlier version stored them: no et, rpsc as one object. */
    private static final List<StoredResource> EARLIER = List.of(
            StoredResource.fromJson("{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"urn:dev:1\",\"ty\":14,\"ri\":\"nod1\",\"pi\":\"in-cse\","
                    + "\"ct\":\"20291201T000000\",\"lt\":\"20291201T000000\"}}"),
            StoredResource.fromJson("{\"dcfg:datc\":{\"rn\":\"dc\",\"mgd\":1021,\"cntp\":\"/in-cse/in-name/ae1/cnt1\","
                    + "\"rpsc\":{\"sce\":[\"0 0 * * * * *\"]},\"ty\":13,\"ri\":\"mgo1\",\"pi\":\"nod1\","
                    + "\"ct\":\"20291201T000000\",\"lt\":\"20291201T000000\"}}"));

    private final MutableClock clock = new MutableClock(T0);

    private ResourceTreeEngine start(ResourceStore store) {
        return new ResourceTreeEngine(new TreeConfig("in-cse", "in-name", Set.of(TreeFixture.ADMIN)), store, events -> { }, clock);
    }

    private static String etOf(ResourceTreeEngine engine, String to) {
        return attributes(engine.handle(RequestPrimitive.of(Operation.RETRIEVE, to).from(TreeFixture.ADMIN).requestId("rq").build()))
                .get("et").getAsString();
    }

    private static RecordingStore storeWithEarlierResources() {
        RecordingStore store = new RecordingStore();
        store.write(EARLIER, List.of());
        return store;
    }

    @Test
    public void resourcesStoredWithoutExpirationTimeGetTheDefaultLifetimeAtStart_TS0001_9_6_1_3() {
        ResourceTreeEngine engine = start(storeWithEarlierResources());
        assertEquals(et(T0.plus(TreeConfig.DEFAULT_LIFETIME)), etOf(engine, CSE + "/dev1"));
        assertEquals(et(T0.plus(TreeConfig.DEFAULT_LIFETIME)), etOf(engine, CSE + "/dev1/dc"));
    }

    @Test
    public void theMigrationIsWrittenToTheStoreAsOneBatch_TS0001_9_6_1_3() {
        RecordingStore store = storeWithEarlierResources();
        int before = store.writes.get();
        start(store);
        assertEquals(before + 1, store.writes.get());
        for (StoredResource r : store.loadAll()) {
            assertEquals(r.resourceId(), T0.plus(TreeConfig.DEFAULT_LIFETIME), r.expirationTime());
        }
    }

    @Test
    public void aSecondStartChangesNothing_TS0001_9_6_1_3() {
        RecordingStore store = storeWithEarlierResources();
        start(store);
        int afterFirstStart = store.writes.get();
        clock.advance(Duration.ofDays(30));
        ResourceTreeEngine again = start(store);
        assertEquals("a second start writes nothing", afterFirstStart, store.writes.get());
        assertEquals("the default is given once, from the first start", et(T0.plus(TreeConfig.DEFAULT_LIFETIME)), etOf(again, CSE + "/dev1"));
    }

    @Test
    public void aResourceStoredWithAnExpirationTimeKeepsIt_TS0001_9_6_1_3() {
        RecordingStore store = new RecordingStore();
        store.write(List.of(StoredResource.fromJson("{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"n\",\"ty\":14,\"ri\":\"nod1\",\"pi\":\"in-cse\","
                + "\"ct\":\"20291201T000000\",\"lt\":\"20291201T000000\",\"et\":\"20300601T000000\"}}")), List.of());
        int before = store.writes.get();
        assertEquals("20300601T000000", etOf(start(store), CSE + "/dev1"));
        assertEquals("nothing to migrate, nothing written", before, store.writes.get());
    }

    @Test
    public void aScheduleStoredAsOneObjectIsStoredAsAListAfterStart() {
        RecordingStore store = storeWithEarlierResources();
        start(store);
        StoredResource dc = store.loadAll().stream().filter(r -> r.resourceId().equals("mgo1")).findFirst().orElseThrow();
        assertEquals(JsonParser.parseString("[{\"sce\":[\"0 0 * * * * *\"]}]"), dc.attributes().get("rpsc"));
    }

    @Test
    public void theMigrationIsDurable_TS0001_9_6_1_3() {
        Path file = folder.getRoot().toPath().resolve("tree.mv.db");
        MVStoreResourceStore earlier = new MVStoreResourceStore(file);
        earlier.write(EARLIER, List.of());
        earlier.close();
        MVStoreResourceStore first = new MVStoreResourceStore(file);
        start(first);
        first.close();

        clock.advance(Duration.ofDays(30));
        MVStoreResourceStore second = new MVStoreResourceStore(file);
        try {
            assertEquals(et(T0.plus(TreeConfig.DEFAULT_LIFETIME)), etOf(start(second), CSE + "/dev1/dc"));
        } finally {
            second.close();
        }
    }
}
