package org.example.mgmtobj.impl.tree;

import static org.example.mgmtobj.impl.tree.TreeFixture.T0;
import static org.example.mgmtobj.impl.tree.TreeFixture.attributes;
import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Set;

import org.example.mgmtobj.impl.store.StoredResource;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.junit.Test;

/**
 * A file written before names were checked against expired siblings may hold an expired and a live resource of one
 * name; whichever order the store gives them in, the name finds the live one (TS-0001 9.3.1: names are unique among
 * the resources that exist, and an expired one no longer does).
 */
public class LoadOrderTest {
    private static final String NODE = "{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"urn:dev:1\",\"ty\":14,\"ri\":\"nod1\",\"pi\":\"in-cse\","
            + "\"ct\":\"20291201T000000\",\"lt\":\"20291201T000000\",\"et\":\"20391201T000000\"}}";

    private static StoredResource dataCollection(String ri, String et) {
        return StoredResource.fromJson("{\"dcfg:datc\":{\"rn\":\"dc\",\"mgd\":1021,\"cntp\":\"/in-cse/in-name/ae1/cnt1\",\"ty\":13,"
                + "\"ri\":\"" + ri + "\",\"pi\":\"nod1\",\"ct\":\"20291201T000000\",\"lt\":\"20291201T000000\",\"et\":\"" + et + "\"}}");
    }

    private static String resourceIdByName(List<StoredResource> stored) {
        RecordingStore store = new RecordingStore();
        store.write(stored, List.of());
        ResourceTreeEngine engine = new ResourceTreeEngine(new TreeConfig("in-cse", "in-name", Set.of(TreeFixture.ADMIN)), store,
                events -> { }, new MutableClock(T0));
        return attributes(engine.handle(RequestPrimitive.of(Operation.RETRIEVE, "/in-cse/in-name/dev1/dc").from(TreeFixture.ADMIN)
                .requestId("rq").build())).get("ri").getAsString();
    }

    @Test
    public void theLiveResourceLoadedFirstKeepsItsNameBeforeAnExpiredOne_TS0001_9_3_1() {
        StoredResource node = StoredResource.fromJson(NODE);
        assertEquals("mgoLive", resourceIdByName(List.of(node, dataCollection("mgoLive", "20391201T000000"),
                dataCollection("mgoOld", "20000101T000000"))));
    }

    @Test
    public void theLiveResourceLoadedLastKeepsItsNameBeforeAnExpiredOne_TS0001_9_3_1() {
        StoredResource node = StoredResource.fromJson(NODE);
        assertEquals("mgoLive", resourceIdByName(List.of(node, dataCollection("mgoOld", "20000101T000000"),
                dataCollection("mgoLive", "20391201T000000"))));
    }
}
