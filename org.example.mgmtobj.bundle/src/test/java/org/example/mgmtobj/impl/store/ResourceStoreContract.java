package org.example.mgmtobj.impl.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.google.gson.JsonObject;

/**
 * What every {@link ResourceStore} does, as the resource tree relies on it: {@link ResourceStore#loadAll()} gives
 * back what was written, and {@link ResourceStore#write} applies its puts and removals as one change. A subclass per
 * implementation says how to make one; {@link DurableResourceStoreContract} adds what a durable one must keep.
 */
public abstract class ResourceStoreContract {
    protected ResourceStore store;

    protected abstract ResourceStore newStore() throws Exception;

    @Before
    public void openStore() throws Exception {
        store = newStore();
    }

    @After
    public void closeStore() {
        if (store != null) store.close();
    }

    /** A &lt;node&gt; (ty 14) under the CSEBase, as the tree stores it. */
    static StoredResource node(String ri, String name, String nodeId) {
        JsonObject a = new JsonObject();
        a.addProperty("ri", ri);
        a.addProperty("pi", "cb1");
        a.addProperty("rn", name);
        a.addProperty("ty", 14);
        a.addProperty("ni", nodeId);
        return new StoredResource("m2m:nod", a);
    }

    /** A &lt;mgmtObj&gt; (ty 13) with an expirationTime. */
    static StoredResource mgmtObj(String ri, String parent, String et) {
        JsonObject a = new JsonObject();
        a.addProperty("ri", ri);
        a.addProperty("pi", parent);
        a.addProperty("rn", "mef-" + ri);
        a.addProperty("ty", 13);
        a.addProperty("mgd", 1026);
        a.addProperty("fqdn", "mef.example.com");
        a.addProperty("et", et);
        return new StoredResource("dcfg:mefcr", a);
    }

    /** resourceId -> the JSON the store gives back, so that two loads compare by content. */
    static Map<String, String> byId(Collection<StoredResource> resources) {
        Map<String, String> m = new TreeMap<>();
        for (StoredResource r : resources) assertEquals("one resource per resourceId", null, m.put(r.resourceId(), r.toJson()));
        return m;
    }

    Map<String, String> loaded() { return byId(store.loadAll()); }

    static List<String> none() { return List.of(); }

    @Test
    public void aNewStoreLoadsNothing() {
        assertTrue(store.loadAll().isEmpty());
    }

    @Test
    public void aWrittenResourceIsLoadedBackWithItsWrapperAndAttributes() {
        StoredResource n = node("nod1", "dev1", "urn:dev:1");
        store.write(List.of(n), none());
        Collection<StoredResource> all = store.loadAll();
        assertEquals(1, all.size());
        StoredResource read = all.iterator().next();
        assertEquals("m2m:nod", read.wrapper());
        assertEquals(n.attributes(), read.attributes());
        assertEquals("cb1", read.parentId());
        assertEquals(14, read.resourceType());
    }

    @Test
    public void theExpirationTimeOfAResourceIsLoadedBack() {
        store.write(List.of(mgmtObj("mo1", "nod1", "20300101T000000")), none());
        StoredResource read = store.loadAll().iterator().next();
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), read.expirationTime());
        assertTrue(read.expiredAt(Instant.parse("2030-01-01T00:00:00Z")));
    }

    @Test
    public void writingAResourceWithAnExistingResourceIdReplacesIt() {
        store.write(List.of(node("nod1", "dev1", "urn:dev:1")), none());
        StoredResource renamed = node("nod1", "dev1", "urn:dev:2");
        store.write(List.of(renamed), none());
        assertEquals(Map.of("nod1", renamed.toJson()), loaded());
    }

    @Test
    public void aRemovedResourceIsNotLoaded() {
        store.write(List.of(node("nod1", "dev1", "urn:dev:1"), node("nod2", "dev2", "urn:dev:2")), none());
        store.write(List.of(), List.of("nod1"));
        assertEquals(List.of("nod2"), new ArrayList<>(loaded().keySet()));
    }

    @Test
    public void removingAnUnknownResourceIdChangesNothingAndDoesNotFail() {
        store.write(List.of(node("nod1", "dev1", "urn:dev:1")), none());
        Map<String, String> before = loaded();
        store.write(List.of(), List.of("never-stored"));
        assertEquals(before, loaded());
    }

    @Test
    public void theOnlyResourceOfAStoreCanBeRemovedSoThatItLoadsNothing() {
        store.write(List.of(node("nod1", "dev1", "urn:dev:1")), none());
        store.write(List.of(), List.of("nod1"));
        assertTrue(store.loadAll().isEmpty());
    }

    @Test
    public void thePutsAndRemovalsOfOneWriteAreAppliedTogether() {
        store.write(List.of(node("nod1", "dev1", "urn:dev:1"), mgmtObj("mo1", "nod1", "20300101T000000")), none());
        StoredResource replacement = node("nod2", "dev2", "urn:dev:2");
        StoredResource child = mgmtObj("mo2", "nod2", "20300101T000000");
        store.write(List.of(replacement, child), List.of("nod1", "mo1"));
        assertEquals(Map.of("nod2", replacement.toJson(), "mo2", child.toJson()), loaded());
    }

    @Test
    public void aWriteThatFailsPartWayChangesNothing() {
        StoredResource kept = node("nod1", "dev1", "urn:dev:1");
        store.write(List.of(kept), none());
        writeAPutThatCannotBeStored();
        assertEquals(Map.of("nod1", kept.toJson()), loaded());
    }

    @Test
    public void aStoreStillTakesWritesAfterAFailedWrite() {
        store.write(List.of(node("nod1", "dev1", "urn:dev:1")), none());
        writeAPutThatCannotBeStored();
        store.write(List.of(node("nod3", "dev3", "urn:dev:3")), none());
        assertEquals(2, store.loadAll().size());
    }

    /** A write of nod2, a put that cannot be stored and the removal of nod1, which must fail as a whole. */
    private void writeAPutThatCannotBeStored() {
        try {
            // the second put cannot be stored: the first must not be either, nor the removal
            store.write(Arrays.asList(node("nod2", "dev2", "urn:dev:2"), null), List.of("nod1"));
            fail("a write with a put that cannot be stored must fail");
        } catch (RuntimeException expected) {
            assertNotNull(expected);
        }
    }

    @Test
    public void whatLoadAllReturnedDoesNotChangeWithLaterWrites() {
        store.write(List.of(node("nod1", "dev1", "urn:dev:1")), none());
        Collection<StoredResource> snapshot = store.loadAll();
        store.write(List.of(node("nod2", "dev2", "urn:dev:2")), List.of("nod1"));
        assertEquals(List.of("nod1"), new ArrayList<>(byId(snapshot).keySet()));
    }

    @Test
    public void concurrentWritesAreAllApplied() throws Exception {
        int threads = 8;
        int writesPerThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < writesPerThread; i++) {
                        String ri = "nod-" + thread + "-" + i;
                        store.write(List.of(node(ri, ri, "urn:" + ri), mgmtObj("mo-" + thread + "-" + i, ri, "20300101T000000")), none());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * writesPerThread * 2, loaded().size());
    }

    @Test
    public void theLocationIsNamed() {
        assertFalse(store.location().isBlank());
    }

    @Test
    public void closingTwiceIsHarmless() {
        store.close();
        store.close();
        store = null;
    }
}
