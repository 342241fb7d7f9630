package org.example.mgmtobj.impl.tree;

import static org.example.mgmtobj.impl.tree.DeviceConfigurationLifecycleTest.EXAMPLES;
import static org.example.mgmtobj.impl.tree.TreeFixture.CSE;
import static org.example.mgmtobj.impl.tree.TreeFixture.ri;
import static org.example.onem2m.primitive.ResponseStatusCode.DELETED;
import static org.example.onem2m.primitive.ResponseStatusCode.INTERNAL_SERVER_ERROR;
import static org.example.onem2m.primitive.ResponseStatusCode.NOT_FOUND;
import static org.example.onem2m.primitive.ResponseStatusCode.OK;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.mgmtobj.api.Specialization;
import org.example.mgmtobj.impl.store.MVStoreResourceStore;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.testsupport.TemporaryValue;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A DELETE or an expiry removes a subtree in parts of {@link SubtreeRemoval#perChange} resources (3 here), each a change
 * of its own for the store, the deepest first: a node of 10 mgmtObjs is 11 resources, 4 parts.
 */
public class SubtreeRemovalTest {
    private static final int MOS = 10;
    @Rule public TemporaryFolder folder = new TemporaryFolder();
    @Rule public final TemporaryValue<Integer> partsOfThree = TemporaryValue.of(() -> SubtreeRemoval.perChange, v -> SubtreeRemoval.perChange = v, 3);

    private static String trustAnchor(int i) {
        return EXAMPLES.get(Specialization.TRUST_ANCHOR_CRED).replace("\"rn\":\"ta\"", "\"rn\":\"ta" + i + "\"");
    }

    private static List<String> nodeWithMos(TreeFixture tree, String node) {
        ri(tree.createNode(node));
        List<String> mos = new ArrayList<>();
        for (int i = 0; i < MOS; i++) mos.add(ri(tree.createMo(node, trustAnchor(i))));
        return mos;
    }

    /** dev1, expiring at T0 + 1 min, with its mgmtObjs; the clock then at T0 + 2 min. @return the mgmtObjs */
    private static List<String> expiredNodeWithMos(TreeFixture tree) {
        ri(tree.create(CSE, 14, "{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"urn:dev:1\",\"et\":\""
                + TreeFixture.et(TreeFixture.T0.plus(Duration.ofMinutes(1))) + "\"}}"));
        List<String> mos = new ArrayList<>();
        for (int i = 0; i < MOS; i++) mos.add(ri(tree.createMo("dev1", trustAnchor(i))));
        tree.clock.advance(Duration.ofMinutes(2));
        return mos;
    }

    private static Set<String> removedBy(TreeFixture tree, MgmtObjEvent.Kind kind) {
        return tree.events.stream().filter(e -> e.kind() == kind).map(e -> e.mgmtObj().resourceId()).collect(Collectors.toSet());
    }

    @Test
    public void aNodeOfMoreResourcesThanOnePartIsDeletedWholeAndAnsweredOnce() {
        TreeFixture tree = new TreeFixture();
        List<String> mos = nodeWithMos(tree, "dev1");
        int writes = tree.store.writes.get();

        assertEquals(DELETED, tree.delete(CSE + "/dev1").status());
        assertEquals("11 resources in parts of 3", writes + 4, tree.store.writes.get());
        assertEquals(NOT_FOUND, tree.retrieve(CSE + "/dev1").status());
        for (String mo : mos) assertEquals(NOT_FOUND, tree.retrieve("/in-cse/" + mo).status());
        assertEquals("a DELETED event for each mgmtObj", new HashSet<>(mos), removedBy(tree, MgmtObjEvent.Kind.DELETED));
    }

    @Test
    public void aPartThatFailsAfterOthersWereStoredIsAnswered5000SayingWhatWasDeletedAndTheRestStaysWhole() {
        TreeFixture tree = new TreeFixture();
        List<String> mos = nodeWithMos(tree, "dev1");
        tree.store.writesBeforeFailure.set(1);
        tree.store.failNextWrite = new IllegalStateException("disk full");

        ResponsePrimitive answer = tree.delete(CSE + "/dev1");
        assertEquals(INTERNAL_SERVER_ERROR, answer.status());
        assertTrue(answer.content(), answer.content().contains("3 of the 11 resources of this subtree were deleted, the deepest first"));
        assertTrue(answer.content(), answer.content().contains("DELETE it again"));
        assertEquals("the node is still there", OK, tree.retrieve(CSE + "/dev1").status());
        String node = TreeFixture.attributes(tree.retrieve(CSE + "/dev1")).get("ri").getAsString();
        List<String> left = tree.engine.mgmtObjsOf(node).stream().map(m -> m.resourceId()).collect(Collectors.toList());
        assertEquals("7 of the 10 mgmtObjs stay, each under the node", MOS - 3, left.size());
        assertEquals("a DELETED event for each of the 3 removed, none for the rest", 3, removedBy(tree, MgmtObjEvent.Kind.DELETED).size());

        assertEquals("sent again, it removes the rest", DELETED, tree.delete(CSE + "/dev1").status());
        for (String mo : mos) assertEquals(NOT_FOUND, tree.retrieve("/in-cse/" + mo).status());
        assertEquals(new HashSet<>(mos), removedBy(tree, MgmtObjEvent.Kind.DELETED));
    }

    @Test
    public void anExpiredNodeIsRemovedInPartsWithAnExpiredEventForEachMgmtObj() {
        TreeFixture tree = new TreeFixture();
        List<String> mos = expiredNodeWithMos(tree);
        int writes = tree.store.writes.get();

        assertEquals(MOS + 1, tree.engine.expireDue());
        assertEquals("11 resources in parts of 3", writes + 4, tree.store.writes.get());
        assertEquals(new HashSet<>(mos), removedBy(tree, MgmtObjEvent.Kind.EXPIRED));
    }

    @Test
    public void anExpiryWhosePartFailsRemovesWhatWasStoredAndTheNextSweepTheRest() {
        TreeFixture tree = new TreeFixture();
        List<String> mos = expiredNodeWithMos(tree);
        tree.store.writesBeforeFailure.set(1);
        tree.store.failNextWrite = new IllegalStateException("disk full");

        assertEquals("the first part of 3 was stored", 3, tree.engine.expireDue());
        assertEquals(3, removedBy(tree, MgmtObjEvent.Kind.EXPIRED).size());
        assertEquals("the next sweep removes the other 8", MOS + 1 - 3, tree.engine.expireDue());
        assertEquals(new HashSet<>(mos), removedBy(tree, MgmtObjEvent.Kind.EXPIRED));
        assertEquals(NOT_FOUND, tree.retrieve(CSE + "/dev1").status());
    }

    @Test
    public void aDeletionInPartsIsDurable() throws Exception {
        Path file = folder.getRoot().toPath().resolve("tree.mv.db");
        MVStoreResourceStore store = new MVStoreResourceStore(file);
        TreeFixture tree = new TreeFixture();
        ResourceTreeEngine before = tree.newEngine(store);
        before.handle(RequestPrimitive.of(Operation.CREATE, CSE).from("CAdmin").requestId("1").resourceType(14)
                .content("{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"urn:dev:1\"}}").build());
        before.handle(RequestPrimitive.of(Operation.CREATE, CSE).from("CAdmin").requestId("2").resourceType(14)
                .content("{\"m2m:nod\":{\"rn\":\"dev2\",\"ni\":\"urn:dev:2\"}}").build());
        for (int i = 0; i < MOS; i++) {
            before.handle(RequestPrimitive.of(Operation.CREATE, CSE + "/dev1").from("CAdmin").requestId("3").resourceType(13).content(trustAnchor(i)).build());
        }
        assertEquals(DELETED, before.handle(RequestPrimitive.of(Operation.DELETE, CSE + "/dev1").from("CAdmin").requestId("4").build()).status());
        store.close();

        ResourceTreeEngine after = tree.newEngine(new MVStoreResourceStore(file));
        assertEquals("dev2 alone is left", 1, after.size());
        assertEquals(NOT_FOUND, after.handle(RequestPrimitive.of(Operation.RETRIEVE, CSE + "/dev1").from("CAdmin").requestId("5").build()).status());
    }

    /**
     * A mgmtObj due before its node is the first root of the sweep: its subtree goes after the node's start all the
     * same, so that no part removes the node while one of its mgmtObjs stays (parts of one resource here).
     */
    @Test
    public void anExpiryWhoseRootsOverlapRemovesNoResourceBeforeItsDescendants() {
        SubtreeRemoval.perChange = 1;
        TreeFixture tree = new TreeFixture();
        String node = ri(tree.create(CSE, 14, "{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"urn:dev:1\",\"et\":\""
                + TreeFixture.et(TreeFixture.T0.plus(Duration.ofMinutes(2))) + "\"}}"));
        String early = ri(tree.createMo("dev1", trustAnchor(0).replace("\"rn\":\"ta0\"", "\"rn\":\"ta0\",\"et\":\""
                + TreeFixture.et(TreeFixture.T0.plus(Duration.ofMinutes(1))) + "\"")));
        String late = ri(tree.createMo("dev1", trustAnchor(1)));
        tree.clock.advance(Duration.ofMinutes(3));
        int before = tree.store.removals.size();

        assertEquals(3, tree.engine.expireDue());
        List<List<String>> parts = tree.store.removals.subList(before, tree.store.removals.size());
        assertEquals(List.of(List.of(late), List.of(early), List.of(node)).stream().map(HashSet::new).collect(Collectors.toSet()),
                parts.stream().map(HashSet::new).collect(Collectors.toSet()));
        assertEquals("the node goes last, after both of its mgmtObjs", List.of(node), parts.get(parts.size() - 1));
        assertEquals(Set.of(early, late), removedBy(tree, MgmtObjEvent.Kind.EXPIRED));
    }
}
