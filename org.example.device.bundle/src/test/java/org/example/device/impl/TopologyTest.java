package org.example.device.impl;

import static org.example.mgmtobj.api.Specialization.AUTHENTICATION_PROFILE;
import static org.example.mgmtobj.api.Specialization.DATA_COLLECTION;
import static org.example.mgmtobj.api.Specialization.MEF_CLIENT_REG_CFG;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.example.mef.api.EnrolmentStatus;
import org.example.mef.api.MoState;
import org.example.mgmtobj.api.MgmtLink;
import org.junit.Test;

/** The graph rules of TS-0003 8.3.9.9.2 and the targetIDs of 8.3.9.9.4, on a fake tree; and enrolment:status. */
public class TopologyTest {
    private final FakeTree tree = new FakeTree();

    private void graph(String containerPath, List<Long> suites) {
        tree.objs.put("cfg", FakeTree.mo("cfg", MEF_CLIENT_REG_CFG, null, List.of(), Map.of("fqdn", "mef.example.com", "adfq", "sp.example.com")));
        tree.objs.put("dc", FakeTree.mo("dc", DATA_COLLECTION, null, List.of(new MgmtLink("authProfile", AUTHENTICATION_PROFILE.mgd(), "ap")),
                Map.of("cntp", containerPath)));
        tree.objs.put("ap", FakeTree.mo("ap", AUTHENTICATION_PROFILE, null, List.of(new MgmtLink(null, MEF_CLIENT_REG_CFG.mgd(), "cfg")),
                Map.of("suid", 23L, "mkrd", "PT2H", "tlscs", suites)));
    }

    @Test
    public void aDataCollectionParentGivesTheCseIdOfItsContainerPath_8_3_9_9_4() throws Exception {
        graph("//sp.example.com/cse-gw/base/cnt", List.of());
        Topology.Resolved r = new Topology(tree).resolve(tree.objs.get("ap"), 23);
        assertEquals(List.of("//sp.example.com/cse-gw"), r.targetIds);
        assertEquals("cfg", r.serverCfg.resourceId());
        assertEquals(Optional.of("/cse-gw"), Topology.cseIdOf("/cse-gw/base/cnt"));
        assertEquals(Optional.empty(), Topology.cseIdOf("base/cnt"));
    }

    @Test
    public void aCseRelativeContainerPathIsInconsistentConfig_8_3_9_9_4() {
        graph("base/cnt", List.of());
        MoFailure f = assertThrows(MoFailure.class, () -> new Topology(tree).resolve(tree.objs.get("ap"), 23));
        assertEquals(MoFailure.INCONSISTENT_CONFIG, f.statusCode);
    }

    @Test
    public void suid21And22NeedAMandatoryPskSuite_8_3_9_9_2() {
        graph("/cse-gw/cnt", List.of(0xC023L)); // a certificate suite only
        MoFailure f = assertThrows(MoFailure.class, () -> new Topology(tree).resolve(tree.objs.get("ap"), 21));
        assertEquals(MoFailure.INCONSISTENT_CONFIG, f.statusCode);
        // the suite is what fails it (the parent, a dataCollection, is checked after the profile's own attributes)
        assertTrue(f.getMessage(), f.getMessage().contains("0x00AE"));
    }

    @Test
    public void theShellCommandPrintsEveryState() {
        MoState s = MoState.failed("ap", "authenticationProfile", "broken", 304, Instant.EPOCH);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new EnrolmentStatusCommands(new EnrolmentStatus() {
            @Override public List<MoState> states() { return List.of(s); }
            @Override public Optional<MoState> state(String ri) { return Optional.of(s); }
        }, new PrintStream(bytes, true)).status();
        assertTrue(bytes.toString(), bytes.toString().contains("authenticationProfile ap FAILED: broken (304)"));
    }

    @Test
    public void theShellCommandSaysWhenTheDeviceSideIsNotConfigured() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new EnrolmentStatusCommands(null, new PrintStream(bytes, true)).status();
        assertTrue(bytes.toString(), bytes.toString().contains("PID org.example.mef.device"));
    }
}
