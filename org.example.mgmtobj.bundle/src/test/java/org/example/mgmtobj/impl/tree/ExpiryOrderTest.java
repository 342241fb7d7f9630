package org.example.mgmtobj.impl.tree;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.example.mgmtobj.impl.store.StoredResource;
import org.junit.Test;

import com.google.gson.JsonObject;

/** The sweep's order of resources by expirationTime: what is due at a time, and nothing else, however many there are. */
public class ExpiryOrderTest {
    private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");

    private static StoredResource resource(String ri, String et) {
        JsonObject a = new JsonObject();
        a.addProperty("ri", ri);
        a.addProperty("rn", ri);
        a.addProperty("pi", "in-cse");
        a.addProperty("ty", 14);
        if (et != null) a.addProperty("et", et);
        return new StoredResource("m2m:nod", a);
    }

    private static List<String> ids(List<StoredResource> rs) {
        return rs.stream().map(StoredResource::resourceId).collect(Collectors.toList());
    }

    @Test
    public void onlyWhatHasExpiredIsDueEarliestFirst() {
        ExpiryOrder order = new ExpiryOrder();
        order.add(resource("later", "20300101T000010"));
        order.add(resource("first", "20291231T235959"));
        order.add(resource("now", "20300101T000000"));
        order.add(resource("never", null));
        assertEquals(List.of("first", "now"), ids(order.dueAt(T)));
        assertEquals(Instant.parse("2029-12-31T23:59:59Z").toEpochMilli(), order.earliestMillis());
    }

    @Test
    public void resourcesOfTheSameMillisecondAreAllKept() {
        ExpiryOrder order = new ExpiryOrder();
        order.add(resource("a", "20291231T235959"));
        order.add(resource("b", "20291231T235959"));
        order.add(resource("c", "20291231T235959"));
        order.remove(resource("b", "20291231T235959"));
        assertEquals(List.of("a", "c"), ids(order.dueAt(T)));
    }

    @Test
    public void manyResourcesOfOneSecondAreRemovedOneByOne() {
        // expirationTimes have whole seconds: a default lifetime gives everything created in one second the same
        ExpiryOrder order = new ExpiryOrder();
        for (int i = 0; i < 10_000; i++) order.add(resource("r" + i, "20291231T235959"));
        for (int i = 0; i < 10_000; i += 2) order.remove(resource("r" + i, "20291231T235959"));
        List<String> due = ids(order.dueAt(T));
        assertEquals(5_000, due.size());
        assertEquals("r1", due.get(0));
        assertEquals("r9999", due.get(4_999));
    }

    @Test
    public void aRemovedResourceIsNoLongerDueAndTheEarliestMovesOn() {
        ExpiryOrder order = new ExpiryOrder();
        order.add(resource("a", "20291231T235959"));
        order.add(resource("b", "20300101T000010"));
        order.remove(resource("a", "20291231T235959"));
        assertEquals(List.of(), ids(order.dueAt(T)));
        assertEquals(Instant.parse("2030-01-01T00:00:10Z").toEpochMilli(), order.earliestMillis());
        order.remove(resource("b", "20300101T000010"));
        assertEquals(Long.MAX_VALUE, order.earliestMillis());
    }

    @Test
    public void anUpdatedExpirationTimeMovesTheResourceInTheWritersIndex() {
        ResourceIndex writers = new ResourceIndex(new TreeConfig("in-cse", "in-name", java.util.Set.of("CAdmin")),
                java.time.Clock.fixed(T, java.time.ZoneOffset.UTC), true);
        writers.put(resource("n1", "20291231T235959"));
        assertEquals(List.of("n1"), ids(writers.expiredAt(T)));
        writers.put(resource("n1", "20310101T000000")); // an UPDATE of et
        assertEquals(List.of(), ids(writers.expiredAt(T)));
        assertEquals(false, writers.mayHaveExpiredAt(T));
    }
}
