package org.example.mef.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.example.maf.api.KeyRegistrationRequest;
import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafClientFactory;
import org.example.maf.api.MafException;
import org.example.maf.api.MafKey;
import org.example.mef.api.MefAdministration;
import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.MefClientFactory;
import org.example.mef.api.MefCommand;
import org.example.mef.api.MefCommandExecutor;
import org.example.onem2m.itests.Await;
import org.example.onem2m.itests.Framework;
import org.example.onem2m.itests.ItestOptions;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.api.EnrolmentKey;
import org.example.tef.api.Hex;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.client.Registration;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The MEF (TS-0003 8.3) in a real framework (Felix; Equinox in itests-equinox), next to a MAF that fetches remotely provisioned credentials from it
 * (8.8.2.3 with 8.3.2.1 f). Everything is configured through Configuration Admin: the MEF (PID {@value #MEF_PID}: free
 * loopback port, a durable data directory under target/ for its Enrolment Keys and commands, Enrolment Target
 * {@value #MAF}={@value #SUID_REMOTE}), its registry (factory PID {@value #STORE_FACTORY_PID}, name=mef), its stakeholder
 * and Kpms (one Enrolee per test, so that the tests do not depend on one another's registrations, and the MAF's own PSK
 * as Enrolment Target); the MAF (PID {@value #MAF_PID}, remote provisioning pointing at the MEF), its registry (name=maf),
 * stakeholder and one pre-provisioned client. The MEF Clients come from the {@link MefClientFactory} service, the MAF
 * Clients from the {@link MafClientFactory} service; the stakeholder is the {@link MefAdministration} service. Where no
 * exported client API says what the MEF or MAF answered (the credential fetch, the assignedSymmKeyID), the test speaks
 * raw primitives over tef's {@link SecureChannels} and {@link PrimitiveTransport} services.
 * <p>
 * "Restart" here is a <em>bundle</em> restart inside the running framework (org.example.mef and org.example.tef stopped
 * and started): Pax Exam runs the test inside the framework and cannot restart that framework under itself. The process
 * restart is the distribution module's business.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MefScenarioIT {
    static final String MEF_PID = MefConfigurations.MEF_PID;
    static final String MEF_STAKEHOLDER_FACTORY_PID = MefConfigurations.MEF_STAKEHOLDER_FACTORY_PID;
    static final String MEF_PSK_FACTORY_PID = MefConfigurations.MEF_PSK_FACTORY_PID;
    static final String MAF_PID = "org.example.maf.server";
    static final String MAF_STAKEHOLDER_FACTORY_PID = "org.example.maf.stakeholder";
    static final String MAF_PSK_FACTORY_PID = "org.example.maf.psk";
    static final String STORE_FACTORY_PID = MefConfigurations.STORE_FACTORY_PID;
    static final String MEF_BUNDLE = "org.example.mef";
    static final String TEF_BUNDLE = "org.example.tef";
    /** What the MEF keeps in its dataDirectory (MefServerComponent). */
    static final String ENROLMENT_FILE = "mef-enrolment.mv.db";
    static final String COMMANDS_FILE = "mef-commands.mv.db";

    static final String MEF = MefConfigurations.MEF;
    static final String MAF = "maf.example.com";
    static final String SP = MefConfigurations.SP;
    /** One Enrolee per test: MEF Client Registration of the same client for the same stakeholder is refused a second time. */
    static final Credential COMMANDED = new Credential("//sp.example.com/cse-commanded", "commanded-kpm@" + MEF, "000102030405060708090a0b0c0d0e0f");
    static final Credential REMOTE = new Credential("//sp.example.com/cse-remote", "remote-kpm@" + MEF, "101112131415161718191a1b1c1d1e1f");
    static final Credential RESTARTED = new Credential("//sp.example.com/cse-restarted", "restarted-kpm@" + MEF, "202122232425262728292a2b2c2d2e2f");
    /** The MAF's own PSK at the MEF, as Enrolment Target {@value #MAF} (8.3.2.1 f). */
    static final Credential MAF_AT_MEF = new Credential(MAF, "maf@" + MEF, "404142434445464748494a4b4c4d4e4f");
    /** A pre-provisioned MAF Client (configured Km), the Target of the remotely provisioned device's MAF key. */
    static final Credential TARGET = new Credential("//sp.example.com/cse-target", "target-km@" + MAF, "505152535455565758595a5b5c5d5e5f");
    /** "a symmetric key provisioned via an RSPF, intended to be shared with a MAF" (8.8.2.3). */
    static final int SUID_REMOTE = 21;
    static final int SUID_MAF_SAEF = 32;
    static final long NO_MORE_COMMANDS_RETRY_SECONDS = 120;
    static final int DEV_CFG = 2;
    static final String DEV_CFG_COMMAND = "{\"cmdClassID\":2,\"cmdArgs\":{\"devCfgCmdArgs\":{\"deviceConfigURI\":\"1:https://" + MEF + "/dm\"}}}";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private int mefPort;
    private int mafPort;
    private Path mefData;

    @Configuration
    public Option[] config() {
        return ItestOptions.container();
    }

    /**
     * Configures the MEF and the MAF once per container: stores, stakeholders and keys first, the servers last; then
     * waits until each answers over TLS.
     */
    @Before
    public void configureTheMefAndTheMaf() throws IOException, InvalidSyntaxException {
        if (configurationAdmin.listConfigurations("(service.pid=" + MEF_PID + ")") == null) {
            Path root = Framework.newDirectory("mef-itest-");
            int port = MefConfigurations.configureMef(configurationAdmin, root, List.of(COMMANDED.clientId, REMOTE.clientId, RESTARTED.clientId),
                    List.of(COMMANDED, REMOTE, RESTARTED, MAF_AT_MEF), java.util.Map.of("enrolmentTargets", new String[] {MAF + "=" + SUID_REMOTE},
                            "noMoreCommandsRetrySeconds", NO_MORE_COMMANDS_RETRY_SECONDS));
            Framework.createFactory(configurationAdmin, STORE_FACTORY_PID, "name", "maf", "dataDirectory", root.toString(), "file", "maf-registry.mv.db");
            Framework.createFactory(configurationAdmin, MAF_STAKEHOLDER_FACTORY_PID, "adminFqdn", SP, "preAuthorizedClients", new String[] {REMOTE.clientId, TARGET.clientId},
                    "maxRegistrationLifetimeSeconds", 86_400L, "maxKeyLifetimeSeconds", 3_600L);
            Framework.createFactory(configurationAdmin, MAF_PSK_FACTORY_PID, "kmId", TARGET.keyId, "km", TARGET.keyHex, "clientId", TARGET.clientId);

            Hashtable<String, Object> maf = new Hashtable<>();
            maf.put("fqdn", MAF);
            maf.put("host", "127.0.0.1");
            maf.put("port", ItestOptions.freeLocalPort());
            maf.put("store.target", "(name=maf)");
            maf.put("maxConnections", 32);
            maf.put("pskEnabled", true);
            maf.put("mefFqdn", MEF);
            maf.put("mefHost", "127.0.0.1");
            maf.put("mefPort", port);
            maf.put("mefPskIdentity", MAF_AT_MEF.keyId);
            maf.put("mefPsk", MAF_AT_MEF.keyHex);
            maf.put("remoteProvisioningSuid", SUID_REMOTE);
            maf.put("mefFetchTimeoutMillis", 15_000L);
            configurationAdmin.getConfiguration(MAF_PID, "?").update(maf);
        }
        Dictionary<String, Object> mef = configurationAdmin.getConfiguration(MEF_PID, "?").getProperties();
        mefPort = ((Number) mef.get("port")).intValue();
        mefData = Paths.get((String) mef.get("dataDirectory"));
        mafPort = ((Number) configurationAdmin.getConfiguration(MAF_PID, "?").getProperties().get("port")).intValue();
        awaitMefAnswers();
        awaitMafAnswers();
    }

    private final List<AutoCloseable> made = new ArrayList<>();

    @After
    public void closeTheTestsClients() throws Exception {
        for (AutoCloseable c : made) c.close();
        made.clear();
    }

    /**
     * TS-0003 8.3.9: a MEF Client registers (8.3.5.2.3), the stakeholder queues a DEV_CFG command through
     * {@link MefAdministration}, the client's Command Retrieve loop (8.3.9.2) gets it and reports, and the stakeholder
     * reads the reported status. Nothing in this container executes DM protocol 1 (no {@link MefCommandExecutor}
     * service), and the MEF Client's built-in DEV_CFG processing only checks the URI's FQDN (the MEF's, so accepted):
     * the class is supported but no executor accepts the protocol, so the product reports UNACCEPTABLE_ARGUMENTS (43,
     * 8.3.9.8 step 4), as MefCommandExecutor's contract says. A second command, with an executor registered as an
     * OSGi service (the factory's whiteboard), is executed and reported OK (20): so 43 is not all the client can say.
     */
    @Test
    public void aMefClientRegistersRetrievesAQueuedCommandAndTheStakeholderSeesItsStatus_8_3_9() throws Exception {
        MefClient client = mefClient(COMMANDED, null);
        Registration registration = client.register(SP, Instant.now().plus(Duration.ofHours(12)), List.of("itest"));
        assertEquals(COMMANDED.clientId, registration.clientId);
        assertTrue("the Enrolment Key of the registration's handshake", client.enrolmentKey().isPresent());

        String cmdId = administration().enqueue(registration.registrationId, DEV_CFG_COMMAND);
        assertEquals("queued, not yet retrieved", "QUEUED", command(registration.registrationId, cmdId).get("status").getAsString());

        Duration retry = client.processCommands(registration.registrationId);
        assertEquals("the loop ends with NO_MORE_COMMANDS and the configured retryDuration (8.3.9.6)",
                Duration.ofSeconds(NO_MORE_COMMANDS_RETRY_SECONDS), retry);
        JsonObject reported = command(registration.registrationId, cmdId);
        assertEquals(reported.toString(), "UNACCEPTABLE_ARGUMENTS", reported.get("status").getAsString());
        assertEquals(reported.toString(), List.of("ISSUED", "UNACCEPTABLE_ARGUMENTS"), history(reported));
        assertEquals("the description the stakeholder queued", 2, reported.getAsJsonObject("cmdDescription").get("cmdClassID").getAsInt());

        List<MefCommand> executed = new CopyOnWriteArrayList<>();
        ServiceRegistration<MefCommandExecutor> executor = context.registerService(MefCommandExecutor.class, new MefCommandExecutor() {
            @Override
            public int cmdClassId() { return DEV_CFG; }

            @Override
            public boolean accepts(MefCommand command) { return command.devMgmtId().orElse(-1) == 1; }

            @Override
            public int execute(MefCommand command) {
                executed.add(command);
                return 20;
            }
        }, null);
        try {
            String secondId = administration().enqueue(registration.registrationId, DEV_CFG_COMMAND);
            client.processCommands(registration.registrationId);
            JsonObject ok = command(registration.registrationId, secondId);
            assertEquals(ok.toString(), "OK", ok.get("status").getAsString());
            assertEquals("the executor ran the second command once", List.of(secondId),
                    executed.stream().map(MefCommand::cmdId).collect(Collectors.toList()));
            assertEquals("https://" + MEF + "/dm", executed.get(0).serverUri().orElseThrow().toString());
            assertEquals("the first command keeps its status", "UNACCEPTABLE_ARGUMENTS",
                    command(registration.registrationId, cmdId).get("status").getAsString());
        } finally {
            executor.unregister();
        }
    }

    /**
     * TS-0003 8.8.2.3 with 8.3.2.1 f: a device enrols at the MEF (MEF Client Registration; its handshake establishes Ke),
     * then connects to the MAF with psk_identity = KeID and psk = the 10.3.7 key for SUID 21 and the MAF's FQDN; the MAF
     * fetches the same key from the MEF during the handshake, accepts the registration with the Enrolee the MEF named
     * as MAF Client, and answers assignedSymmKeyID. With that KmID the device registers a MAF key (8.8.2.7) for a
     * pre-provisioned MAF Client, which retrieves the same value (8.8.2.8).
     * <p>
     * The registration at the MAF is a raw primitive: ClientRegistrationInfo of this branch's MAF API does not carry
     * assignedSymmKeyID.
     */
    @Test
    public void aMafClientRegistersWithAKmRemotelyProvisionedByTheMef_8_8_2_3() throws Exception {
        MefClient device = mefClient(REMOTE, null);
        device.register(SP, Instant.now().plus(Duration.ofHours(12)), List.of("itest"));
        EnrolmentKey ke = device.enrolmentKey().orElseThrow(() -> new AssertionError("no Enrolment Key after a MEF Client Registration"));
        assertTrue(ke.keId(), ke.keId().endsWith("@" + MEF));
        byte[] km = ke.usageConstrainedKey(SUID_REMOTE, MAF);

        String assigned;
        try (SecureSession session = connect(mafPort, MAF, ke.keId(), km, KeyExport.CONNECTION_LABEL)) {
            ResponsePrimitive answer = send(session, REMOTE.clientId, Operation.CREATE, "/" + MAF + "/mafBase",
                    "{\"sec:mafClientReg\":{\"et\":\"20991231T000000\",\"adminFQDN\":\"" + SP + "\",\"lbl\":[\"itest\"]}}");
            assertEquals(answer.toString(), ResponseStatusCode.CREATED, answer.status());
            JsonObject reg = JsonParser.parseString(answer.content()).getAsJsonObject().getAsJsonObject("sec:mafClientReg");
            assertEquals("the MAF Client is the Enrolee the MEF named: " + reg, REMOTE.clientId, reg.get("mafClientID").getAsString());
            assertTrue("assignedSymmKeyID answered: " + reg, reg.has("assignedSymmKeyID"));
            assigned = reg.get("assignedSymmKeyID").getAsString();
        }
        assertTrue("a KmID of this MAF (10.6): " + assigned, assigned.endsWith("@" + MAF));
        assertTrue("not the KeID: " + assigned, !assigned.equalsIgnoreCase(ke.keId()));

        MafClient remote = mafClient(REMOTE.clientId, assigned, km);
        MafKey registered = remote.registerKey(KeyRegistrationRequest.exported(SP, Instant.now().plus(Duration.ofMinutes(30)),
                SUID_MAF_SAEF, List.of(TARGET.clientId), List.of("itest")));
        assertEquals("the key's Source is the device", REMOTE.clientId, registered.sourceClientId);

        MafClient target = mafClient(TARGET.clientId, TARGET.keyId, Hex.decode(TARGET.keyHex));
        String targetRegistration = target.register(SP, Instant.now().plus(Duration.ofHours(1)), List.of("itest")).registrationId;
        try {
            MafKey retrieved = target.retrieveKey(registered.keyIdentifier);
            assertArrayEquals("the pre-provisioned Target holds the value the remotely provisioned Source holds",
                    registered.value(), retrieved.value());
            assertEquals(REMOTE.clientId, retrieved.sourceClientId);
        } finally {
            target.deregister(targetRegistration);
        }
    }

    /**
     * TS-0003 8.3.2.1 (the Enrolment Key a MEF stores) and 8.3.9 (command status) across a bundle restart of
     * org.example.mef and org.example.tef: the MEF's stores are closed and reopened from its data directory. After it:
     * the Enrolment Target fetches the device's credential (the MEF still has its Ke, and derives the value the device
     * derives), a new MEF Client on the same state file still holds that Ke and its registration, the stakeholder still
     * reads the reported command's status, and a command queued but not retrieved before the restart is retrieved after it.
     */
    @Test
    public void enrolmentAndCommandStatusSurviveARestartOfTheMefAndTefBundles_8_3_2_1() throws Exception {
        Path stateFile = Framework.newDirectory("mef-client-").resolve("state.mv.db");
        MefClient before = mefClient(RESTARTED, stateFile);
        Registration registration = before.register(SP, Instant.now().plus(Duration.ofHours(12)), List.of("itest"));
        EnrolmentKey ke = before.enrolmentKey().orElseThrow(() -> new AssertionError("no Enrolment Key after a MEF Client Registration"));
        String reportedId = administration().enqueue(registration.registrationId, DEV_CFG_COMMAND);
        before.processCommands(registration.registrationId);
        assertEquals("UNACCEPTABLE_ARGUMENTS", command(registration.registrationId, reportedId).get("status").getAsString());
        String queuedId = administration().enqueue(registration.registrationId, DEV_CFG_COMMAND);
        // The state file is open in one client at a time: close this one before another opens it.
        before.close();

        restartMefBundles();

        ResponsePrimitive fetched = fetchCredentials(ke.keId(), SUID_REMOTE);
        assertEquals("the MEF still has the Enrolment Key " + ke.keId() + ": " + fetched, ResponseStatusCode.OK, fetched.status());
        JsonObject credentials = JsonParser.parseString(fetched.content()).getAsJsonObject().getAsJsonObject("sec:credentials");
        assertArrayEquals("the 10.3.7 key of the stored Ke for " + MAF, ke.usageConstrainedKey(SUID_REMOTE, MAF),
                Base64.getDecoder().decode(credentials.get("credential").getAsString()));
        assertEquals(RESTARTED.clientId, credentials.get("enroleeID").getAsString());

        MefClient after = mefClient(RESTARTED, stateFile);
        assertEquals("the client's state file kept the Enrolment Key", Optional.of(ke), after.enrolmentKey());
        assertEquals("and the registration", List.of(registration.registrationId),
                after.registrations().stream().map(r -> r.registrationId).collect(Collectors.toList()));

        JsonObject reported = command(registration.registrationId, reportedId);
        assertEquals("the reported status survived: " + reported, "UNACCEPTABLE_ARGUMENTS", reported.get("status").getAsString());
        assertEquals("QUEUED", command(registration.registrationId, queuedId).get("status").getAsString());
        assertEquals(Duration.ofSeconds(NO_MORE_COMMANDS_RETRY_SECONDS), after.processCommands(registration.registrationId));
        JsonObject queued = command(registration.registrationId, queuedId);
        assertEquals("the command queued before the restart was retrieved and reported after it: " + queued,
                List.of("ISSUED", "UNACCEPTABLE_ARGUMENTS"), history(queued));
    }

    // ---- the MEF and the MAF ----

    private <S> S service(Class<S> type) { return Framework.service(context, type, READY_TIMEOUT); }

    private MefAdministration administration() {
        return service(MefAdministration.class);
    }

    private MefClient mefClient(Credential c, Path stateFile) {
        MefClient client = service(MefClientFactory.class).create(MefClientConfig.withPsk(MEF, "127.0.0.1", mefPort, c.clientId, c.keyId,
                Hex.decode(c.keyHex)).withStateFile(stateFile));
        made.add(client);
        return client;
    }

    private MafClient mafClient(String clientId, String kmId, byte[] km) {
        MafClient client = service(MafClientFactory.class).create(MafClientConfig.withPsk(MAF, "127.0.0.1", mafPort, clientId, kmId, km));
        made.add(client);
        return client;
    }

    /** The stakeholder's view of one command (MefAdministration.commands). */
    private JsonObject command(String registrationId, String cmdId) {
        List<String> all = administration().commands(registrationId);
        return all.stream().map(s -> JsonParser.parseString(s).getAsJsonObject()).filter(o -> cmdId.equals(o.get("cmdID").getAsString()))
                .findFirst().orElseThrow(() -> new AssertionError("no command " + cmdId + " of " + registrationId + " in " + all));
    }

    private static List<String> history(JsonObject command) {
        List<String> statuses = new ArrayList<>();
        for (JsonElement step : command.getAsJsonArray("history")) statuses.add(step.getAsJsonObject().get("status").getAsString());
        return statuses;
    }

    /** The Enrolment Target's credential fetch (8.3.2.1 f), in a session of the MAF's own PSK at the MEF. */
    private ResponsePrimitive fetchCredentials(String keId, int suid) throws IOException {
        try (SecureSession session = connect(mefPort, MEF, MAF_AT_MEF.keyId, Hex.decode(MAF_AT_MEF.keyHex), KeyExport.CONNECTION_LABEL)) {
            return send(session, MAF, Operation.RETRIEVE, "/fetchCredentials/" + keId + "/" + suid, null);
        }
    }

    private SecureSession connect(int port, String sni, String identity, byte[] key, String label) throws IOException {
        return service(SecureChannels.class).connect(TlsClientConfig.builder("127.0.0.1", port, sni).psk(new PskCredential(identity, key, null))
                .exporterLabels(List.of(label)).connectTimeoutMillis(5_000).readTimeoutMillis(20_000).build()); // above the MAF's 15 s MEF fetch
    }

    private ResponsePrimitive send(SecureSession session, String from, Operation op, String to, String content) throws IOException {
        // The transport's client is not closed here: closing it closes the session, which its caller closes.
        return service(PrimitiveTransport.class).client(session)
                .send(RequestPrimitive.of(op, to).from(from).requestId(UUID.randomUUID().toString()).content(content).build());
    }

    /**
     * Waits for the MEF's components, then until it answers its Enrolment Target over TLS: a credential fetch of a KeID
     * nobody has is 4004 (8.3.2.1 f i) and changes nothing; an Enrolment Target's session stores no Enrolment Key.
     */
    private void awaitMefAnswers() {
        Await.until("the MEF components (server, 1 stakeholder, 4 PSKs)", READY_TIMEOUT, () ->
                Framework.services(context, MefAdministration.class.getName()) >= 1
                        && Framework.services(context, "org.example.mef.impl.server.config.MefStakeholderComponent") >= 1
                        && Framework.services(context, "org.example.mef.impl.server.config.MefPskClientComponent") >= 4 ? Boolean.TRUE : null,
                () -> "server " + Framework.services(context, MefAdministration.class.getName()) + ", stakeholders "
                        + Framework.services(context, "org.example.mef.impl.server.config.MefStakeholderComponent") + ", PSKs "
                        + Framework.services(context, "org.example.mef.impl.server.config.MefPskClientComponent"));
        String[] last = {"nothing yet"};
        Await.until("the MEF on 127.0.0.1:" + mefPort + " to answer its Enrolment Target", READY_TIMEOUT, () -> {
            try {
                ResponsePrimitive answer = fetchCredentials("00000000000000000000000000000000@" + MEF, SUID_REMOTE);
                last[0] = answer.toString();
                return answer.status() == ResponseStatusCode.NOT_FOUND ? Boolean.TRUE : null;
            } catch (IOException e) {
                last[0] = e.toString();
                return null;
            }
        }, () -> last[0]);
    }

    /** As MafScenarioIT: a Key Retrieval of a key that does not exist gets a MAF status once the MAF answers. */
    private void awaitMafAnswers() {
        String[] last = {"nothing yet"};
        Await.until("the MAF on 127.0.0.1:" + mafPort + " to answer a MAF Client", READY_TIMEOUT, () -> {
            MafClient probe = mafClient(TARGET.clientId, TARGET.keyId, Hex.decode(TARGET.keyHex));
            try {
                probe.retrieveKey("readiness-probe@" + MAF);
                return Boolean.TRUE;
            } catch (MafException e) {
                last[0] = e.rsc() + " " + e.getMessage();
                return e.rsc() != 0 ? Boolean.TRUE : null;
            } finally {
                made.remove(probe);
                probe.close();
            }
        }, () -> last[0]);
    }

    /**
     * A bundle restart of the MEF inside this framework (not a process restart, which Pax Exam cannot do to the
     * framework it runs in): stop org.example.mef and org.example.tef (the MEF's component closes its Enrolment Key and
     * command stores, tef's store component its registry), check the files are on disk, start both.
     */
    private void restartMefBundles() throws BundleException {
        Bundle mef = Framework.bundle(context, MEF_BUNDLE);
        Bundle tef = Framework.bundle(context, TEF_BUNDLE);
        mef.stop();
        tef.stop();
        assertEquals(Bundle.RESOLVED, mef.getState());
        assertEquals(Bundle.RESOLVED, tef.getState());
        assertEquals("nobody serves the MEF while its bundles are stopped", 0, Framework.services(context, MefAdministration.class.getName()));
        for (String file : List.of(ENROLMENT_FILE, COMMANDS_FILE)) {
            assertTrue("the MEF's " + mefData.resolve(file), Files.isRegularFile(mefData.resolve(file)));
        }
        tef.start();
        mef.start();
        awaitMefAnswers();
    }

    // ---- helpers ----

    static final class Credential {
        final String clientId;
        /** KpmID at the MEF, or KmID at the MAF. */
        final String keyId;
        final String keyHex;

        Credential(String clientId, String keyId, String keyHex) {
            this.clientId = clientId;
            this.keyId = keyId;
            this.keyHex = keyHex;
        }
    }
}
