package org.example.device.impl;

import static org.example.mgmtobj.api.Specialization.AUTHENTICATION_PROFILE;
import static org.example.mgmtobj.api.Specialization.MEF_CLIENT_REG_CFG;
import static org.example.mgmtobj.api.Specialization.REGISTRATION;
import static org.example.mgmtobj.api.Specialization.TRUST_ANCHOR_CRED;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientBuilder;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.MefCommand;
import org.example.mef.api.MefServer;
import org.example.mef.api.MefServerBuilder;
import org.example.mef.api.MoState;
import org.example.mgmtobj.api.MgmtLink;
import org.example.mgmtobj.api.MgmtObj;
import org.example.onem2m.testsupport.Configs;
import org.example.tef.api.Hex;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.client.DistributedKey;
import org.example.tef.core.Stakeholder;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The MO_NODE MEF Client Command (TS-0003 8.3.9.9.1, 8.3.9.9.2) queued by the stakeholder at a real MEF, retrieved by
 * the device's MEF Client (the one its MEFClientRegCfg made) and executed against the device's MOs.
 */
public class MoNodeCommandTest {
    private static final String MEF = "mef.example.com", SP = "sp.example.com";
    private static final String DEVICE = "//sp.example.com/cse-device", TARGET = "//sp.example.com/cse-target";
    private static final String DEVICE_KPM = "303132333435363738393a3b3c3d3e3f", TARGET_KPM = "404142434445464748494a4b4c4d4e4f";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private MefServer mef;
    private final FakeTree tree = new FakeTree();
    private EnrolmentEngine engine;
    private MefClient target;
    private String registrationId;

    @Before
    public void start() throws Exception {
        mef = MefServerBuilder.create(MEF).port(0).noMoreCommandsRetry(Duration.ofSeconds(1)) // the client asks again every second
                .stakeholder(new Stakeholder(SP, Set.of(DEVICE, TARGET), Duration.ofDays(1), Duration.ofDays(1), null))
                .pskClient(new PskCredential("device-kpm@" + MEF, Hex.decode(DEVICE_KPM), DEVICE))
                .pskClient(new PskCredential("target-kpm@" + MEF, Hex.decode(TARGET_KPM), TARGET)).start();
        engine = new EnrolmentEngine(tree, MefClientBuilder.create().buildFactory(), org.example.maf.api.MafClientBuilder.create().buildFactory(), Configs.of(DeviceEnrolmentConfiguration.class,
                "clientId", DEVICE, "kpmId", "device-kpm@" + MEF, "kpm", DEVICE_KPM, "mefHost", "127.0.0.1",
                "firstRetryMillis", 50L, "maxRetryMillis", 400L, "threads", 2, "moNodeTimeoutMillis", 10_000L), Clock.systemUTC());
        tree.listener = engine::mgmtObjChanged;
        tree.create(FakeTree.mo("mefcr1", MEF_CLIENT_REG_CFG, null, List.of(),
                Map.of("fqdn", MEF, "adfq", SP, "hprt", (long) mef.address().getPort())));
        registrationId = await("mefcr1", MoState.State.DONE).result().get();
    }

    @After
    public void stop() throws Exception {
        if (target != null) target.close();
        engine.deactivate();
        mef.close();
    }

    /**
     * A profile of SUID 22 (parent registration, child MEFClientRegCfg mefcr1) put into the tree without an event: only
     * the command processes it. Its resourceName differs from its resourceID, so that a structured path is told apart.
     */
    private void profileWithoutEvent(int suid) {
        tree.objs.put("reg1", FakeTree.mo("reg1", REGISTRATION, null, List.of(new MgmtLink("authProfile", AUTHENTICATION_PROFILE.mgd(), "ap1")),
                Map.of("csi", TARGET)));
        tree.objs.put("ap1", new MgmtObj("ap1", "prof1", FakeTree.NODE, AUTHENTICATION_PROFILE, null, List.of(),
                List.of(new MgmtLink(null, MEF_CLIENT_REG_CFG.mgd(), "mefcr1")),
                Map.of("suid", (long) suid, "mkrd", "PT1H", "mkrl", List.of("lbl1"), "tlscs", List.of(0xAEL)), "{}"));
    }

    private static String moNode(String objectPath, int objectTypeId, Integer suid) {
        return "{\"cmdClassID\":3,\"cmdArgs\":{\"MONodeCmdArgs\":{\"objectPath\":\"" + objectPath + "\",\"objectTypeID\":" + objectTypeId
                + (suid == null ? "" : ",\"objectTypeSpecificArgs\":{\"suid\":" + suid + "}") + "}}}";
    }

    /** The status the MEF records for the command, once the client has reported one (bounded). */
    private String reported(String cmdId) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        String last = null;
        while (System.nanoTime() < end) {
            for (String c : mef.commands(registrationId)) {
                JsonObject o = JsonParser.parseString(c).getAsJsonObject();
                if (!o.get("cmdID").getAsString().equals(cmdId)) continue;
                last = o.get("status").getAsString();
                if (!Set.of("QUEUED", "ISSUED", "REISSUED").contains(last)) return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("command " + cmdId + " not reported within " + WAIT + "; last status " + last);
    }

    private MoState await(String ri, MoState.State state) throws InterruptedException {
        return MoStates.await(engine, ri, MoStates.is(state));
    }

    @Test
    public void anMoNodeCommandProcessesTheNamedProfile_8_3_9_9_1() throws Exception {
        profileWithoutEvent(22);
        assertFalse("no key before the command", tree.objs.get("ap1").stringAttribute("symmKeyID").isPresent());
        String cmdId = mef.enqueue(registrationId, moNode("/in-cse/in-name/node1/prof1", 1, 22)); // SP-relative, structured
        assertEquals("OK", reported(cmdId));
        String keyId = tree.objs.get("ap1").stringAttribute("symmKeyID").orElseThrow(() -> new AssertionError("no symmKeyID written"));
        assertTrue(keyId, keyId.endsWith("@" + MEF));
        assertEquals("processed as the MO's creation, on its lane", keyId, engine.state("ap1").get().result().get());
        target = MefClientBuilder.create().build(MefClientConfig.withPsk(MEF, "127.0.0.1", mef.address().getPort(), TARGET,
                "target-kpm@" + MEF, Hex.decode(TARGET_KPM)));
        target.register(SP, Instant.now().plus(Duration.ofHours(1)), List.of());
        DistributedKey key = target.retrieveKey(keyId); // the MEF key is registered, for the registration's Registrar CSE
        assertEquals(List.of(TARGET), key.targetIds);
        assertEquals(DEVICE, key.sourceClientId);
    }

    @Test
    public void anUnstructuredResourceIdNamesTheProfileToo_8_3_9_9_1() throws Exception {
        profileWithoutEvent(22);
        String cmdId = mef.enqueue(registrationId, moNode("ap1", 1, 22)); // CSE-relative, unstructured: the resourceID
        assertEquals("OK", reported(cmdId));
        assertTrue(tree.objs.get("ap1").stringAttribute("symmKeyID").isPresent());
        assertEquals("/in-cse/ap1", tree.retrieves.get(0).to());
    }

    @Test
    public void anMoNodeCommandForAMissingMoIsNotFound_8_3_9_9_1() throws Exception {
        profileWithoutEvent(22);
        String cmdId = mef.enqueue(registrationId, moNode("in-name/node1/nothere", 1, 22)); // CSE-relative, structured
        assertEquals("MO_NODE_NOT_FOUND", reported(cmdId));
        assertEquals("/in-cse/in-name/node1/nothere", tree.retrieves.get(0).to());
        assertTrue("nothing written", tree.updates.isEmpty());
    }

    @Test
    public void aTypeConflictIsReported_8_3_9_9_1() throws Exception {
        String cmdId = mef.enqueue(registrationId, moNode("mefcr1", 1, 22)); // a MEFClientRegCfg, not an authenticationProfile
        assertEquals("MO_NODE_TYPE_CONFLICT", reported(cmdId));
        assertTrue("nothing written", tree.updates.isEmpty());
    }

    @Test
    public void aSuidMismatchIsUnacceptable_8_3_9_9_1() throws Exception {
        profileWithoutEvent(22);
        String cmdId = mef.enqueue(registrationId, moNode("/in-cse/in-name/node1/prof1", 1, 23));
        assertEquals("MO_NODE_UNACCEPTABLE_ARGS", reported(cmdId));
        assertTrue("nothing written", tree.updates.isEmpty());
        assertFalse("not processed", engine.state("ap1").isPresent());
    }

    @Test
    public void anInconsistentProfileIsReportedAsSuch_8_3_9_9_2() throws Exception {
        profileWithoutEvent(23); // SUID 23 wants a dataCollection parent; reg1 is a registration
        String cmdId = mef.enqueue(registrationId, moNode("/in-cse/ap1", 1, 23)); // SP-relative, unstructured
        assertEquals("MO_NODE_INCONSISTENT_CONFIG", reported(cmdId));
        assertEquals(MoFailure.INCONSISTENT_CONFIG, engine.state("ap1").get().statusCode());
        assertTrue("nothing written", tree.updates.isEmpty());
    }

    @Test
    public void aTrustAnchorCredWhoseCertificateCannotBeHadIsAnExecutionError_8_3_9_9_7() throws Exception {
        String unheld = "00".repeat(32); // a SHA-256 of no certificate held, and no URI to fetch one from
        tree.objs.put("tac1", FakeTree.mo("tac1", TRUST_ANCHOR_CRED, null, List.of(), Map.of("cfp", unheld)));
        String cmdId = mef.enqueue(registrationId, moNode("/in-cse/in-name/node1/tac1", 2, null));
        assertEquals("MO_NODE_EXECUTION_ERROR", reported(cmdId));
        MoState s = engine.state("tac1").get();
        assertTrue(s.toString(), s.reason().get().contains("8.3.9.9.7"));
    }

    @Test
    public void aProcessingThatDoesNotEndInTimeIsAnExecutionError_8_3_9_5_18() throws Exception {
        profileWithoutEvent(22);
        CompletableFuture<Optional<String>> never = new CompletableFuture<>();
        MoNodeExecutor executor = new MoNodeExecutor(tree, "in-cse", "CAdmin", mo -> never, Duration.ofMillis(200));
        long start = System.nanoTime();
        assertEquals(MoFailure.PROCESSING_FAILED, executor.execute(command(moNode("ap1", 1, 22))));
        assertTrue("bounded by the time-out", System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
        assertTrue("the queued processing is called off", never.isCancelled());
    }

    private static MefCommand command(String description) {
        return new MefCommand() {
            @Override public String cmdId() { return "cmd-1"; }
            @Override public int statusCode() { return 10; }
            @Override public int cmdClassId() { return 3; }
            @Override public String descriptionJson() { return description; }
            @Override public Optional<String> argumentFault() { return Optional.empty(); }
            @Override public Optional<String> targetId() { return Optional.empty(); }
            @Override public Optional<Duration> retryDuration() { return Optional.empty(); }
            @Override public OptionalInt devMgmtId() { return OptionalInt.empty(); }
            @Override public Optional<URI> serverUri() { return Optional.empty(); }
            // as the MEF Client reads MONodeCmdArgs (its ReceivedCommand); a description that is not MO_NODE gives none
            @Override public Optional<String> objectPath() { return moNodeArg("objectPath").map(JsonElement::getAsString); }
            @Override public OptionalInt objectTypeId() {
                return moNodeArg("objectTypeID").map(e -> OptionalInt.of(e.getAsInt())).orElse(OptionalInt.empty());
            }
            @Override public OptionalInt objectSuid() {
                return moNodeArg("objectTypeSpecificArgs").map(e -> OptionalInt.of(e.getAsJsonObject().get("suid").getAsInt())).orElse(OptionalInt.empty());
            }
            private Optional<JsonElement> moNodeArg(String name) {
                try {
                    JsonObject args = JsonParser.parseString(description).getAsJsonObject().getAsJsonObject("cmdArgs").getAsJsonObject("MONodeCmdArgs");
                    return Optional.ofNullable(args.get(name));
                } catch (RuntimeException notMoNode) {
                    return Optional.empty();
                }
            }
        };
    }
}
