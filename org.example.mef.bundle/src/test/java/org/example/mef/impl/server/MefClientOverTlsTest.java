package org.example.mef.impl.server;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientBuilder;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.MefCommand;
import org.example.mef.api.MefCommandExecutor;
import org.example.mef.api.MefException;
import org.example.mef.impl.commands.InMemoryCommandStore;
import org.example.mef.impl.enrolment.InMemoryEnrolmentKeyStore;
import org.example.mef.impl.server.config.MefPskClientComponent;
import org.example.mef.impl.server.config.MefPskClientConfiguration;
import org.example.mef.impl.server.config.MefStakeholderComponent;
import org.example.mef.impl.server.config.MefStakeholderConfiguration;
import org.example.onem2m.testsupport.Configs;
import org.example.tef.api.EnrolmentKey;
import org.example.tef.api.Hex;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.client.DistributedKey;
import org.example.tef.client.KeyRequest;
import org.example.tef.client.Registration;
import org.example.tef.spi.RegistrationStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The MEF Client against a real MEF server on loopback (TLS-PSK with KpmID/Kpm, TS-0003 8.3.5.2.2): registration and
 * the Enrolment Key its handshake established (10.3.1), MEF Client Commands queued by the stakeholder through
 * {@link org.example.mef.api.MefAdministration}, processed by the client (8.3.9.2 step 5) and seen reported, and key
 * registration by one Enrolee for another (8.3.5.2.7, 8.3.5.2.8, 8.3.4.3).
 */
public class MefClientOverTlsTest {
    static final String MEF = "mef.example.com";
    static final String SP = "sp.example.com";
    static final String SOURCE = "//sp.example.com/cse-a";
    static final String TARGET = "//sp.example.com/cse-b";
    static final String SOURCE_KPM_ID = "kpm-cse-a@mef.example.com";
    static final String TARGET_KPM_ID = "kpm-cse-b@mef.example.com";
    static final String SOURCE_KPM = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    static final String TARGET_KPM = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
    static final String DEV_CFG = "{\"cmdClassID\":2,\"cmdArgs\":{\"devCfgCmdArgs\":{\"deviceConfigURI\":\"%d:%s\"}}}";
    static final Instant LATER = Instant.now().plus(Duration.ofDays(1));

    @Rule public final TemporaryFolder folder = new TemporaryFolder();

    private RegistrationStore registry;
    private MefServerComponent server;
    private final List<MefClient> clients = new ArrayList<>();
    /** What the DEV_CFG executor was given, and the devMgmtIDs it accepts. */
    private final List<MefCommand> executed = new CopyOnWriteArrayList<>();
    private final MefCommandExecutor omaDm13 = new MefCommandExecutor() {
        @Override public int cmdClassId() { return 2; }
        @Override public boolean accepts(MefCommand c) { return c.devMgmtId().orElse(-1) == 1; }
        @Override public int execute(MefCommand c) { executed.add(c); return 20; }
    };

    @Before
    public void startAMef() throws IOException {
        registry = TefStandalone.registrationStores().openDurable(folder.getRoot().toPath().resolve("mef-registry.mv.db"));
        server = new MefServerComponent(TefStandalone.secureChannels(), TefStandalone.primitiveTransport(), registry,
                Configs.of(MefServerConfiguration.class, "fqdn", MEF, "port", 0, "noMoreCommandsRetrySeconds", 90L),
                new InMemoryEnrolmentKeyStore(), new InMemoryCommandStore(), Clock.systemUTC());
        server.addStakeholder(new MefStakeholderComponent(Configs.of(MefStakeholderConfiguration.class, "adminFqdn", SP,
                "preAuthorizedClients", new String[] {SOURCE, TARGET})));
        server.addPskClient(new MefPskClientComponent(Configs.of(MefPskClientConfiguration.class, "kpmId", SOURCE_KPM_ID, "kpm", SOURCE_KPM, "clientId", SOURCE)));
        server.addPskClient(new MefPskClientComponent(Configs.of(MefPskClientConfiguration.class, "kpmId", TARGET_KPM_ID, "kpm", TARGET_KPM, "clientId", TARGET)));
    }

    @After
    public void stop() throws IOException {
        clients.forEach(MefClient::close);
        if (server != null) server.deactivate();
        if (registry != null) registry.close();
    }

    private MefClient client(String id, String kpmId, String kpm, Path stateFile) {
        MefClient c = MefClientBuilder.create().commandExecutor(omaDm13).build(MefClientConfig.withPsk(MEF, "127.0.0.1",
                server.address().getPort(), id, kpmId, Hex.decode(kpm)).withStateFile(stateFile));
        clients.add(c);
        return c;
    }

    private MefClient source() { return client(SOURCE, SOURCE_KPM_ID, SOURCE_KPM, null); }

    private MefClient target(Path stateFile) { return client(TARGET, TARGET_KPM_ID, TARGET_KPM, stateFile); }

    private String lastStatus(String registrationId) {
        List<String> commands = server.commands(registrationId);
        return commands.get(commands.size() - 1);
    }

    // --- 8.3.9: commands queued by the stakeholder, processed by the client ---

    @Test
    public void aCommandQueuedBeforeTheClientRegisteredIsProcessedAfterItsRegistration_8_3_4_6() throws Exception {
        server.enqueueForClient(SOURCE, String.format(DEV_CFG, 1, "https://" + MEF + "/dm"));
        MefClient client = source();
        String reg = client.register(SP, LATER, List.of()).registrationId; // its answer carries the childResource reference
        client.processCommands(reg);
        assertEquals(1, executed.size());
        assertTrue(lastStatus(reg), lastStatus(reg).contains("\"status\":\"OK\""));
    }

    @Test
    public void aClientThatProcessesItsCommandsByItselfDoesSoRightAfterRegistering_8_3_4_6() throws Exception {
        server.enqueueForClient(SOURCE, String.format(DEV_CFG, 1, "https://" + MEF + "/dm"));
        MefClient client = MefClientBuilder.create().commandExecutor(omaDm13).build(MefClientConfig.withPsk(MEF, "127.0.0.1",
                server.address().getPort(), SOURCE, SOURCE_KPM_ID, Hex.decode(SOURCE_KPM)).withAutomaticCommands());
        clients.add(client);
        String reg = client.register(SP, LATER, List.of()).registrationId; // no processCommands call from here on
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!lastStatus(reg).contains("\"status\":\"OK\"") && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue("processed on the client's own thread within 10 s: " + lastStatus(reg), lastStatus(reg).contains("\"status\":\"OK\""));
        assertEquals(1, executed.size());
    }

    @Test
    public void aQueuedDevCfgCommandIsReportedOk_8_3_9_8() throws Exception {
        MefClient client = source();
        String reg = client.register(SP, LATER, List.of()).registrationId;
        String cmdId = server.enqueue(reg, String.format(DEV_CFG, 1, "https://" + MEF + "/dm"));

        assertEquals(Duration.ofSeconds(90), client.processCommands(reg));
        assertEquals(1, executed.size());
        assertEquals(cmdId, executed.get(0).cmdId());
        assertEquals("https://mef.example.com/dm", executed.get(0).serverUri().orElseThrow().toString());
        assertTrue(lastStatus(reg), lastStatus(reg).contains("\"status\":\"OK\""));
    }

    @Test
    public void aDevCfgCommandForAProtocolNoExecutorHandlesIsUnacceptable_8_3_9_8() throws Exception {
        MefClient client = source();
        String reg = client.register(SP, LATER, List.of()).registrationId;
        server.enqueue(reg, String.format(DEV_CFG, 3, "coaps://" + MEF + ":5684"));
        client.processCommands(reg);
        assertTrue("no LwM2M executor", executed.isEmpty());
        assertTrue(lastStatus(reg), lastStatus(reg).contains("\"status\":\"UNACCEPTABLE_ARGUMENTS\""));
    }

    @Test
    public void anUnsupportedClassIsReported_8_3_9_2_5c() throws Exception {
        MefClient client = source();
        String reg = client.register(SP, LATER, List.of()).registrationId;
        server.enqueue(reg, "{\"cmdClassID\":1,\"cmdArgs\":{\"certProvCmdArgs\":{\"certProvProtocolID\":1,\"URI\":\"https://" + MEF
                + "/.well-known/est\",\"certSubjectType\":2,\"certSubjectID\":\"/cse-a\"}}}");
        server.enqueue(reg, "{\"cmdClassID\":3,\"cmdArgs\":{\"MONodeCmdArgs\":{\"objectPath\":\"/cse-a/node/ap1\",\"objectTypeID\":2}}}");
        client.processCommands(reg);
        List<String> commands = server.commands(reg);
        assertEquals(2, commands.size());
        for (String c : commands) assertTrue(c, c.contains("\"status\":\"CLASS_NOT_SUPPORTED\""));
    }

    @Test
    public void noMoreCommandsReturnsItsRetryDuration_8_3_9_6() throws Exception {
        MefClient client = source();
        String reg = client.register(SP, LATER, List.of()).registrationId;
        MefCommand none = client.retrieveCommand(reg);
        assertEquals(0, none.cmdClassId());
        assertEquals(Duration.ofSeconds(90), none.retryDuration().orElseThrow());
        assertEquals("nothing queued, nothing executed or reported", Duration.ofSeconds(90), client.processCommands(reg));
        assertTrue(server.commands(reg).isEmpty());
    }

    @Test
    public void aReportOfAStatusTheMefAssignsIsNotSent_8_3_9_3() throws Exception {
        MefClient client = source();
        String reg = client.register(SP, LATER, List.of()).registrationId;
        MefException e = assertThrows(MefException.class, () -> client.reportCommand(reg, "1", 11));
        assertEquals(4000, e.rsc());
        assertTrue(e.getMessage(), e.getMessage().contains("nothing was sent"));
    }

    // --- 8.3.2.1, 10.3.1: the Enrolment Key ---

    @Test
    public void theClientsEnrolmentKeyIsTheOneTheMefStored_10_3_1() throws Exception {
        MefClient client = source();
        assertFalse(client.enrolmentKey().isPresent());
        client.register(SP, LATER, List.of());
        EnrolmentKey first = client.enrolmentKey().orElseThrow();
        assertArrayEquals(server.enrolmentKeys().byKeId(first.keId()).orElseThrow().key().value(), first.value());

        client.deregister(client.registrations().get(0).registrationId); // one registration per stakeholder
        client.register(SP, LATER, List.of());
        EnrolmentKey second = client.enrolmentKey().orElseThrow();
        assertNotEquals("the latest registration's handshake replaces it", first.keId(), second.keId());
        assertArrayEquals(server.enrolmentKeys().byKeId(second.keId()).orElseThrow().key().value(), second.value());
    }

    @Test
    public void theEnrolmentKeySurvivesARestartOfTheClient_8_3_2_1() throws Exception {
        Path state = folder.getRoot().toPath().resolve("mef-client.mv.db");
        MefClient before = target(state);
        Registration reg = before.register(SP, LATER, List.of("device"));
        EnrolmentKey ke = before.enrolmentKey().orElseThrow();
        before.close();

        MefClient after = target(state);
        assertEquals(ke, after.enrolmentKey().orElseThrow());
        assertEquals(server.enrolmentKeys().byKeId(ke.keId()).orElseThrow().key(), after.enrolmentKey().orElseThrow());
        assertEquals(List.of(reg.registrationId), after.registrations().stream().map(r -> r.registrationId).toList());
        assertEquals(List.of("device"), after.registrations().get(0).labels);
        assertEquals("the restarted client goes on with its registration", Duration.ofSeconds(90), after.processCommands(reg.registrationId));
    }

    @Test
    public void aDeRegistrationForgetsTheRegistration_8_3_5_2_6() throws Exception {
        MefClient client = source();
        String reg = client.register(SP, LATER, List.of()).registrationId;
        client.deregister(reg);
        assertTrue(client.registrations().isEmpty());
        assertEquals(4004, assertThrows(MefException.class, () -> client.retrieveCommand(reg)).rsc());
    }

    // --- 8.3.5.2.7, 8.3.5.2.8, 8.3.4.3: keys ---

    private DistributedKey keyForTheTarget(MefClient source) throws MefException {
        source.register(SP, LATER, List.of());
        return source.registerKey(KeyRequest.exported(SP, Instant.now().plus(Duration.ofHours(1)), 21, List.of(TARGET), List.of()));
    }

    @Test
    public void aKeyRegisteredByOneClientIsRetrievedByTheListedTarget_8_3_5_2_8() throws Exception {
        MefClient source = source();
        DistributedKey registered = keyForTheTarget(source);
        assertTrue(registered.keyIdentifier, registered.keyIdentifier.endsWith("@" + MEF));
        assertEquals(32, registered.value().length);

        MefClient target = target(null);
        target.register(SP, LATER, List.of());
        DistributedKey retrieved = target.retrieveKey(registered.keyIdentifier);
        assertArrayEquals("the exported key both sides derived (10.3.1)", registered.value(), retrieved.value());
        assertEquals(SOURCE, retrieved.sourceClientId);
    }

    @Test
    public void aHeldKeyIsNotRetrievedAgain_8_3_4_3() throws Exception {
        MefClient source = source();
        DistributedKey registered = keyForTheTarget(source);
        Path state = folder.getRoot().toPath().resolve("target.mv.db");
        MefClient target = target(state);
        target.register(SP, LATER, List.of());
        target.retrieveKey(registered.keyIdentifier);

        source.deregisterKey(registered.relativeKeyId); // the MEF would now answer 4004
        assertArrayEquals(registered.value(), target.retrieveKey(registered.keyIdentifier).value());
        target.close();
        MefClient restarted = target(state);
        assertArrayEquals("held across a restart", registered.value(), restarted.retrieveKey(registered.keyIdentifier).value());
    }

    @Test
    public void aKeyNotHeldIsRetrievedFromTheMefAndARefusalCarriesItsCode_8_3_5_2_8() throws Exception {
        MefClient source = source();
        DistributedKey registered = keyForTheTarget(source);
        source.deregisterKey(registered.relativeKeyId);
        MefClient target = target(null);
        assertEquals(4004, assertThrows(MefException.class, () -> target.retrieveKey(registered.keyIdentifier)).rsc());
    }

    @Test
    public void aKeyIdentifierOfAnotherFqdnIsNotSentToTheMef_8_3_4_3() {
        MefClient target = target(null);
        MefException e = assertThrows(MefException.class, () -> target.retrieveKey("00ff@maf.example.com"));
        assertEquals(4000, e.rsc());
        assertTrue(e.getMessage(), e.getMessage().contains("is not distributed by mef.example.com (TS-0003 8.3.5.2.8)"));
    }
}
