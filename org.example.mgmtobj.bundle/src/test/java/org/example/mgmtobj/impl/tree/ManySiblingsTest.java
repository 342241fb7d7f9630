package org.example.mgmtobj.impl.tree;

import static org.example.mgmtobj.impl.tree.DeviceConfigurationLifecycleTest.EXAMPLES;
import static org.example.mgmtobj.impl.tree.TreeFixture.CSE;
import static org.example.mgmtobj.impl.tree.TreeFixture.attributes;
import static org.example.mgmtobj.impl.tree.TreeFixture.ri;
import static org.example.onem2m.primitive.ResponseStatusCode.CONFLICT;
import static org.example.onem2m.primitive.ResponseStatusCode.CREATED;
import static org.example.onem2m.primitive.ResponseStatusCode.NOT_FOUND;
import static org.example.onem2m.primitive.ResponseStatusCode.OK;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.mgmtobj.api.Specialization;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Addressing and the rules with many siblings: a name, a resourceID and the 0..1-per-node rule are found by
 * look-up, not by scanning, and still give the answers they gave with a few. (Cost is the benchmarks' to measure;
 * these tests show that the right resource is found and the rules still hold.)
 */
public class ManySiblingsTest {
    private static final int SIBLINGS = 10_000;
    /** One tree of 10,000 trustAnchorCreds under dev1, built once: the tests below do not change what is there. */
    private static TreeFixture shared;
    private static String dev1;

    private static String trustAnchor(String rn) {
        return EXAMPLES.get(Specialization.TRUST_ANCHOR_CRED).replace("\"rn\":\"ta\"", "\"rn\":\"" + rn + "\"");
    }

    @BeforeClass
    public static void tenThousandSiblings() {
        shared = new TreeFixture();
        dev1 = ri(shared.createNode("dev1"));
        for (int i = 0; i < SIBLINGS; i++) ri(shared.createMo("dev1", trustAnchor("ta" + i)));
    }

    @Test
    public void eachOf10000SiblingsIsFoundByItsName_TS0001_9_3_1() {
        for (int i : new int[] {0, 1, 4999, 9998, 9999}) {
            assertEquals("ta" + i, attributes(shared.retrieve(CSE + "/dev1/ta" + i)).get("rn").getAsString());
        }
        assertEquals(NOT_FOUND, shared.retrieve(CSE + "/dev1/ta" + SIBLINGS).status());
    }

    @Test
    public void aSiblingWithTheSameNameIsAConflictAmong10000Siblings_TS0001_9_3_1() {
        shared.refusedWithoutChange(() -> shared.createMo("dev1", trustAnchor("ta7777")), CONFLICT, "'ta7777' already exists");
        shared.refusedWithoutChange(() -> shared.createMo("dev1", trustAnchor("ta0")), CONFLICT, "'ta0' already exists");
    }

    @Test
    public void aSecondMefClientRegCfgIsAConflictAmong10000Siblings_TS0001_9_6_18() {
        TreeFixture tree = shared; // adds a MEFClientRegCfg under dev1 and a node dev2, which no other test looks at
        ri(tree.createMo("dev1", EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG)));
        tree.refusedWithoutChange(() -> tree.createMo("dev1", EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG).replace("\"rn\":\"mef\"", "\"rn\":\"mef2\"")),
                CONFLICT, "already has a MEFClientRegCfg");
        ri(tree.createNode("dev2"));
        assertEquals("the rule is per node", CREATED, tree.createMo("dev2", EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG)).status());
    }

    @Test
    public void anUnstructuredAddressFindsOneOf10000Siblings_TS0001_9_3_1() {
        // dev1's, by its resourceID: another test adds mgmtObjs under a node dev2, which a random one could be under
        String ri = shared.engine.mgmtObjsOf(dev1).get(1234).resourceId();
        assertEquals(ri, attributes(shared.retrieve("/in-cse/" + ri)).get("ri").getAsString());
    }

    @Test
    public void anExpiredSiblingIsInvisibleAtOnceAmongManySiblings() {
        TreeFixture tree = new TreeFixture();
        ri(tree.createNode("dev1"));
        String et = TreeFixture.et(TreeFixture.T0.plus(Duration.ofMinutes(1)));
        for (int i = 0; i < 1000; i++) {
            String json = i == 500 ? trustAnchor("ta" + i).replace("\"mgd\"", "\"et\":\"" + et + "\",\"mgd\"") : trustAnchor("ta" + i);
            ri(tree.createMo("dev1", json));
        }
        assertEquals(OK, tree.retrieve(CSE + "/dev1/ta500").status());
        tree.clock.advance(Duration.ofMinutes(1));
        assertEquals("gone before any sweep", NOT_FOUND, tree.retrieve(CSE + "/dev1/ta500").status());
        assertEquals(OK, tree.retrieve(CSE + "/dev1/ta499").status());
        assertEquals(999, tree.engine.mgmtObjsOf(tree.engine.allMgmtObjs().get(0).nodeId()).size());
    }

    @Test
    public void anExpiredResourcesNameMayBeTakenAndTheExpiredOneIsReportedAndRemoved() {
        TreeFixture tree = new TreeFixture();
        ri(tree.createNode("dev1"));
        String et = TreeFixture.et(TreeFixture.T0.plus(Duration.ofMinutes(1)));
        String old = ri(tree.createMo("dev1", trustAnchor("ta").replace("\"mgd\"", "\"et\":\"" + et + "\",\"mgd\"")));
        tree.clock.advance(Duration.ofMinutes(1));
        tree.events.clear();
        String renewed = ri(tree.createMo("dev1", trustAnchor("ta")));
        assertEquals(List.of(MgmtObjEvent.Kind.EXPIRED, MgmtObjEvent.Kind.CREATED),
                tree.events.stream().map(MgmtObjEvent::kind).collect(Collectors.toList()));
        assertEquals(old, tree.events.get(0).mgmtObj().resourceId());
        assertEquals(renewed, attributes(tree.retrieve(CSE + "/dev1/ta")).get("ri").getAsString());
        assertTrue("the expired one is not stored any more", tree.store.loadAll().stream().noneMatch(r -> r.resourceId().equals(old)));
        assertEquals("nothing left for the sweep", 0, tree.engine.expireDue());
    }

    @Test
    public void anExpiredMefClientRegCfgsPlaceMayBeTakenBeforeTheSweep_TS0001_9_6_18() {
        TreeFixture tree = new TreeFixture();
        ri(tree.createNode("dev1"));
        String et = TreeFixture.et(TreeFixture.T0.plus(Duration.ofMinutes(1)));
        String old = ri(tree.createMo("dev1", EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG).replace("\"mgd\"", "\"et\":\"" + et + "\",\"mgd\"")));
        tree.clock.advance(Duration.ofMinutes(1));
        ri(tree.createMo("dev1", EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG).replace("\"rn\":\"mef\"", "\"rn\":\"mef2\"")));
        assertTrue(tree.store.loadAll().stream().noneMatch(r -> r.resourceId().equals(old)));
        tree.refusedWithoutChange(() -> tree.createMo("dev1", EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG).replace("\"rn\":\"mef\"", "\"rn\":\"mef3\"")),
                CONFLICT, "already has a MEFClientRegCfg");
    }

    @Test
    public void deletingANodeWithManyChildrenRemovesThemAll() {
        TreeFixture tree = new TreeFixture();
        ri(tree.createNode("dev1"));
        for (int i = 0; i < 2000; i++) ri(tree.createMo("dev1", trustAnchor("ta" + i)));
        tree.events.clear();
        assertEquals(org.example.onem2m.primitive.ResponseStatusCode.DELETED, tree.delete(CSE + "/dev1").status());
        assertEquals(2000, tree.events.size());
        assertEquals(0, tree.engine.size());
        assertTrue(tree.store.loadAll().isEmpty());
        assertEquals(NOT_FOUND, tree.retrieve(CSE + "/dev1/ta5").status());
        assertEquals("the name is free again", CREATED, tree.createNode("dev1").status());
    }
}
