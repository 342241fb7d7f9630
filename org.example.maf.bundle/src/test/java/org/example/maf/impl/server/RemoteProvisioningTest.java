package org.example.maf.impl.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

import org.example.maf.impl.server.config.PskClientComponent;
import org.example.maf.impl.server.config.PskClientConfiguration;
import org.example.maf.impl.server.config.StakeholderComponent;
import org.example.maf.impl.server.config.StakeholderConfiguration;
import org.example.mef.api.MefServer;
import org.example.mef.api.MefServerBuilder;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.testsupport.Configs;
import org.example.tef.api.EnrolmentKey;
import org.example.tef.api.Hex;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.spi.ClientRegistration;
import org.example.tef.spi.RegistrationStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A MAF with remotely provisioned Km (TS-0003 8.8.2.3, 8.8.2.5 with 8.3.2.1 "Use of Remotely Provisioned Credential"),
 * end to end on loopback with a real MEF: the device enrols at the MEF (its Kpm), derives Ke and its KeID (10.3.1,
 * 10.3.4) and the usage-constrained key for SUID 21 and the MAF (10.3.7) itself; the MAF fetches the same key from the
 * MEF during the handshake, registers the device under its EnroleeID and assigns a KmID (10.6) that authenticates it
 * from then on.
 */
public class RemoteProvisioningTest {
    static final String MAF = "maf.example.com";
    static final String MEF = "mef.example.com";
    static final String SP = "sp.example.com";
    static final String DEVICE = "//sp.example.com/cse-device";
    static final String KPM_ID = "kpm-device@mef.example.com";
    static final String KPM = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    static final String MAF_AT_MEF = "maf@mef.example.com";
    static final String MAF_PSK = "404142434445464748494a4b4c4d4e4f";
    static final String BASE = "/" + MAF + "/mafBase";

    @Rule public final TemporaryFolder folder = new TemporaryFolder();

    private final SecureChannels channels = TefStandalone.secureChannels();
    private final PrimitiveTransport transport = TefStandalone.primitiveTransport();
    private MefServer mef;
    private RegistrationStore registry;
    private MafServerComponent maf;

    @Before
    public void startAMefAndAMafThatFetchesFromIt() throws IOException {
        // the MEF through its exported builder: one Enrolee with its KpmID/Kpm, the MAF as Enrolment Target for SUID 21
        mef = startMef(0);
        maf = startMaf(mef.address().getPort(), 10_000);
    }

    private static MefServer startMef(int port) throws IOException {
        return MefServerBuilder.create(MEF).port(port).pskClient(new PskCredential(KPM_ID, Hex.decode(KPM), DEVICE))
                .enrolmentTarget(MAF + "=21").pskClient(new PskCredential(MAF_AT_MEF, Hex.decode(MAF_PSK), MAF)).start();
    }

    @After
    public void stop() throws IOException {
        if (maf != null) maf.deactivate();
        if (registry != null) registry.close();
        if (mef != null) mef.close();
    }

    /** The MAF on its durable registry (reopened after a restart), fetching from the MEF at {@code mefPort}. */
    private MafServerComponent startMaf(int mefPort, long fetchTimeoutMillis) throws IOException {
        if (registry != null) registry.close();
        registry = Registries.durable(folder.getRoot().toPath());
        MafServerComponent m = new MafServerComponent(channels, transport, registry, Configs.of(MafServerConfiguration.class,
                "fqdn", MAF, "port", 0, "mefFqdn", MEF, "mefPort", mefPort, "mefPskIdentity", MAF_AT_MEF, "mefPsk", MAF_PSK,
                "mefFetchTimeoutMillis", fetchTimeoutMillis));
        m.addStakeholder(new StakeholderComponent(Configs.of(StakeholderConfiguration.class, "adminFqdn", SP,
                "preAuthorizedClients", new String[] {DEVICE})));
        return m;
    }

    private void restartMaf() throws IOException {
        maf.deactivate();
        maf = null;
        maf = startMaf(mef.address().getPort(), 10_000);
    }

    /** The Enrolee's MEF Handshake with its Kpm: the Ke both sides export (10.3.1); one request so that the MEF has stored it. */
    private EnrolmentKey enrol() throws IOException {
        TlsClientConfig config = TlsClientConfig.builder("127.0.0.1", mef.address().getPort(), MEF).psk(new PskCredential(KPM_ID, Hex.decode(KPM), null))
                .exporterLabels(List.of(KeyExport.BOOTSTRAP_LABEL)).build();
        try (SecureSession session = channels.connect(config)) {
            send(session, Operation.RETRIEVE, "/" + MEF + "/mefBase", null);
            return EnrolmentKey.fromBootstrapExport(session.exported(KeyExport.BOOTSTRAP_LABEL), MEF);
        }
    }

    /** The Km the device derives for this MAF: the usage-constrained key of 10.3.7 with SUID 21 (8.8.2.3). */
    private static byte[] km(EnrolmentKey ke) { return ke.usageConstrainedKey(21, MAF); }

    private SecureSession connectToMaf(String identity, byte[] key) throws IOException {
        return channels.connect(TlsClientConfig.builder("127.0.0.1", maf.address().getPort(), MAF)
                .psk(new PskCredential(identity, key, null)).exporterLabels(List.of(KeyExport.CONNECTION_LABEL)).build());
    }

    private ResponsePrimitive send(SecureSession session, Operation op, String to, String content) throws IOException {
        return transport.client(session).send(RequestPrimitive.of(op, to).from("informational").requestId(UUID.randomUUID().toString())
                .content(content).build());
    }

    private JsonObject register(SecureSession session) throws IOException {
        ResponsePrimitive r = send(session, Operation.CREATE, BASE, "{\"sec:mafClientReg\":{\"et\":\"20991231T000000\",\"adminFQDN\":\"" + SP + "\"}}");
        assertEquals(r.toString(), ResponseStatusCode.CREATED, r.status());
        return body(r, "sec:mafClientReg");
    }

    private static JsonObject body(ResponsePrimitive r, String wrapper) {
        return JsonParser.parseString(r.content()).getAsJsonObject().getAsJsonObject(wrapper);
    }

    /** Registers in a KeID session; returns the registration's answer. */
    private JsonObject registerWithKeId(EnrolmentKey ke) throws IOException {
        try (SecureSession session = connectToMaf(ke.keId(), km(ke))) {
            return register(session);
        }
    }

    private void assertHandshakeFails(String identity, byte[] key) {
        try (SecureSession s = connectToMaf(identity, key)) {
            fail("the MAF Handshake with " + identity + " must fail");
        } catch (IOException expected) {
            assertFalse(String.valueOf(expected.getMessage()).isEmpty());
        }
    }

    @Test
    public void aKeIdHandshakeFetchesKmFromTheMef_8_8_2_3() throws Exception {
        EnrolmentKey ke = enrol();
        JsonObject answer = registerWithKeId(ke);
        assertEquals("the client is the EnroleeID the MEF answered", DEVICE, answer.get("mafClientID").getAsString());
        ClientRegistration stored = registry.clientRegistration(answer.get("mafClientRegID").getAsString()).orElseThrow();
        assertEquals(DEVICE, stored.clientId());
        assertEquals("the registration records the KeID it was made with", ke.keId(), stored.credential());
    }

    @Test
    public void theRegistrationAnswersAnAssignedSymmKeyId_8_8_2_3() throws Exception {
        JsonObject answer = registerWithKeId(enrol());
        String kmId = answer.get("assignedSymmKeyID").getAsString();
        String registrationId = answer.get("mafClientRegID").getAsString();
        assertTrue(kmId, kmId.matches("[A-Za-z0-9._-]+@maf\\.example\\.com"));
        assertTrue("the KmID is the MAF's own (10.6): " + kmId, kmId.startsWith(registrationId + "."));
        assertEquals(kmId, registry.clientRegistration(registrationId).orElseThrow().assignedCredential().orElseThrow().identity());
    }

    @Test
    public void theAssignedKmIdAuthenticatesLater_8_8_2_3() throws Exception {
        EnrolmentKey ke = enrol();
        String kmId = registerWithKeId(ke).get("assignedSymmKeyID").getAsString();
        String differentCase = kmId.substring(0, kmId.indexOf('@')).toUpperCase() + kmId.substring(kmId.indexOf('@'));
        try (SecureSession session = connectToMaf(differentCase, km(ke))) {
            ResponsePrimitive r = send(session, Operation.CREATE, BASE, "{\"sec:symmKeyReg\":{\"et\":\"20991231T000000\",\"adminFQDN\":\""
                    + SP + "\",\"suid\":32,\"targetIDs\":[\"//sp.example.com/cse-b\"]}}");
            assertEquals(r.toString(), ResponseStatusCode.CREATED, r.status());
            assertEquals(DEVICE, body(r, "sec:symmKeyReg").get("sourceMafClientID").getAsString());
        }
    }

    @Test
    public void theAssignedKmIdSurvivesAMafRestartAndNeedsNoMef_8_8_2_3() throws Exception {
        EnrolmentKey ke = enrol();
        JsonObject answer = registerWithKeId(ke);
        mef.close();
        mef = null;
        maf.deactivate();
        maf = null;
        maf = startMaf(1, 500); // nothing listens on port 1
        try (SecureSession session = connectToMaf(answer.get("assignedSymmKeyID").getAsString(), km(ke))) {
            ResponsePrimitive r = send(session, Operation.UPDATE, BASE + "/regs/" + answer.get("mafClientRegID").getAsString(),
                    "{\"sec:mafClientReg\":{\"lbl\":[\"after-restart\"]}}");
            assertEquals(r.toString(), ResponseStatusCode.UPDATED, r.status());
            assertFalse("outside a KeID session no Km is provisioned (8.8.2.5)", body(r, "sec:mafClientReg").has("assignedSymmKeyID"));
        }
    }

    @Test
    public void aSecondKeIdHandshakeUsesTheCachedKmWithoutAskingTheMef_8_3_2_1() throws Exception {
        EnrolmentKey ke = enrol();
        try (SecureSession first = connectToMaf(ke.keId(), km(ke))) {
            assertTrue(first.isOpen());
        }
        mef.close();
        mef = null;
        JsonObject answer = registerWithKeId(ke);
        assertEquals(DEVICE, answer.get("mafClientID").getAsString());
    }

    @Test
    public void aFetchAfterTheMefClosedTheKeptSessionAsksOnANewOne_8_3_2_1() throws Exception {
        EnrolmentKey first = enrol();
        try (SecureSession s = connectToMaf(first.keId(), km(first))) { // the MAF keeps its session to the MEF for later fetches
            assertTrue(s.isOpen());
        }
        int port = mef.address().getPort();
        mef.close(); // closes that session too
        mef = null;
        mef = startMef(port);
        EnrolmentKey second = enrol();
        try (SecureSession s = connectToMaf(second.keId(), km(second))) {
            assertTrue("the fetch went on a new session", s.isOpen());
        }
    }

    @Test
    public void aKeIdTheMefRefusesFailsTheHandshakeAndLeavesNoRecord_8_8_2_2() throws Exception {
        enrol();
        assertHandshakeFails("00112233445566778899aabbccddeeff@" + MEF, new byte[32]);
        assertEquals(0, registry.clientRegistrationCount());
        assertEquals(0, registry.keyRegistrationCount());
    }

    @Test
    public void aWrongKmForAKnownKeIdFailsTheHandshake_8_8_2_2() throws Exception {
        EnrolmentKey ke = enrol();
        assertHandshakeFails(ke.keId(), ke.usageConstrainedKey(21, "other.example.com"));
        assertHandshakeFails(ke.keId().replace(MEF, "other-mef.example.com"), km(ke));
        assertEquals(0, registry.clientRegistrationCount());
    }

    @Test
    public void aMefThatDoesNotAnswerFailsTheHandshakeWithinTheTimeout_8_8_2_2() throws Exception {
        EnrolmentKey ke = enrol();
        try (ServerSocket silent = new ServerSocket(0)) { // accepts (backlog) and never answers
            maf.deactivate();
            maf = null;
            maf = startMaf(silent.getLocalPort(), 700);
            long start = System.nanoTime();
            assertHandshakeFails(ke.keId(), km(ke));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue("the handshake waited " + millis + " ms", millis < 5_000);
        }
        assertEquals(0, registry.clientRegistrationCount());
    }

    @Test
    public void anUpdateInAKeIdSessionProvisionsANewKm_8_8_2_5() throws Exception {
        EnrolmentKey first = enrol();
        JsonObject registered = registerWithKeId(first);
        String registrationId = registered.get("mafClientRegID").getAsString();
        String firstKmId = registered.get("assignedSymmKeyID").getAsString();

        EnrolmentKey second = enrol(); // the device enrols again: a new Ke, a new KeID, a new Km
        String secondKmId;
        try (SecureSession session = connectToMaf(second.keId(), km(second))) {
            ResponsePrimitive r = send(session, Operation.UPDATE, BASE + "/regs/" + registrationId, "{\"sec:mafClientReg\":{\"lbl\":[\"renewed\"]}}");
            assertEquals(r.toString(), ResponseStatusCode.UPDATED, r.status());
            secondKmId = body(r, "sec:mafClientReg").get("assignedSymmKeyID").getAsString();
        }
        assertNotEquals(firstKmId, secondKmId);
        try (SecureSession session = connectToMaf(secondKmId, km(second))) {
            assertEquals(ResponseStatusCode.UPDATED, send(session, Operation.UPDATE, BASE + "/regs/" + registrationId,
                    "{\"sec:mafClientReg\":{\"lbl\":[\"with the new KmID\"]}}").status());
        }
        assertHandshakeFails(firstKmId, km(first));
        assertEquals(1, registry.clientRegistrationCount());
    }

    @Test
    public void aDeRegistrationEndsTheAssignedKmId_8_8_2_6() throws Exception {
        EnrolmentKey ke = enrol();
        JsonObject answer = registerWithKeId(ke);
        String kmId = answer.get("assignedSymmKeyID").getAsString();
        try (SecureSession session = connectToMaf(kmId, km(ke))) {
            assertEquals(ResponseStatusCode.DELETED, send(session, Operation.DELETE, BASE + "/regs/" + answer.get("mafClientRegID").getAsString(), null).status());
        }
        assertHandshakeFails(kmId, km(ke));
    }

    @Test
    public void withoutAMefAKeIdIsAnUnknownIdentity_8_8_2_2() throws Exception {
        EnrolmentKey ke = enrol();
        maf.deactivate();
        maf = null;
        if (registry != null) registry.close();
        registry = Registries.durable(folder.getRoot().toPath());
        maf = new MafServerComponent(channels, transport, registry, Configs.of(MafServerConfiguration.class, "fqdn", MAF, "port", 0));
        maf.addPskClient(new PskClientComponent(Configs.of(PskClientConfiguration.class, "kmId", "km-x@" + MAF,
                "km", "0102030405060708090a0b0c0d0e0f10", "clientId", DEVICE)));
        assertHandshakeFails(ke.keId(), km(ke));
        assertEquals(0, registry.clientRegistrationCount());
    }
}
