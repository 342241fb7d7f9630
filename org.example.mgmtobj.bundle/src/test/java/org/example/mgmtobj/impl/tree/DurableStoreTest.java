package org.example.mgmtobj.impl.tree;

import org.example.onem2m.primitive.ResponseStatusCode;

import static org.example.onem2m.primitive.ResponseStatusCode.*;
import static org.example.mgmtobj.impl.tree.TreeFixture.CSE;
import static org.example.mgmtobj.impl.tree.TreeFixture.ri;
import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.mgmtobj.impl.store.MVStoreResourceStore;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The resource tree survives a restart: what was acknowledged is read back from the MVStore file. */
public class DurableStoreTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private ResourceTreeEngine open(Path file) {
        return new ResourceTreeEngine(new TreeConfig("/in-cse", "in-name", Set.of("CAdmin")), new MVStoreResourceStore(file),
                events -> { }, new MutableClock(TreeFixture.T0));
    }

    @Test
    public void acknowledgedResourcesAreThereAfterTheStoreIsReopened() throws Exception {
        Path file = folder.getRoot().toPath().resolve("tree.mv.db");
        MVStoreResourceStore store = new MVStoreResourceStore(file);
        ResourceTreeEngine before = new ResourceTreeEngine(new TreeConfig("in-cse", "in-name", Set.of("CAdmin")), store,
                events -> { }, new MutableClock(TreeFixture.T0));
        String node = ri(before.handle(create(CSE, 14, "{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"urn:dev:1\"}}")));
        String mo = ri(before.handle(create(CSE + "/dev1", 13, DeviceConfigurationLifecycleTest.EXAMPLES.get(
                org.example.mgmtobj.api.Specialization.MEF_CLIENT_REG_CFG))));
        String gone = ri(before.handle(create(CSE + "/dev1", 13, DeviceConfigurationLifecycleTest.EXAMPLES.get(
                org.example.mgmtobj.api.Specialization.TRUST_ANCHOR_CRED))));
        assertEquals(DELETED, before.handle(RequestPrimitive.of(Operation.DELETE, "/in-cse/" + gone).from("CAdmin").build()).status());
        store.close();

        ResourceTreeEngine after = open(file);
        assertEquals(2, after.size());
        assertEquals(List.of(mo), after.mgmtObjsOf(node).stream().map(m -> m.resourceId()).collect(java.util.stream.Collectors.toList()));
        assertEquals("mef.example.com", after.mgmtObj(mo).orElseThrow().stringAttribute("fqdn").orElseThrow());
        assertEquals(OK, after.handle(RequestPrimitive.of(Operation.RETRIEVE, CSE + "/dev1/mef").from("CAdmin").build()).status());
        assertEquals(NOT_FOUND, after.handle(RequestPrimitive.of(Operation.RETRIEVE, "/in-cse/" + gone).from("CAdmin").build()).status());
    }

    private static RequestPrimitive create(String to, int ty, String json) {
        return RequestPrimitive.of(Operation.CREATE, to).from("CAdmin").requestId("1").resourceType(ty).content(json).build();
    }
}
