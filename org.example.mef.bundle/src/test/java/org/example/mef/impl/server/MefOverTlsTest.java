package org.example.mef.impl.server;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.example.mef.impl.enrolment.MVStoreEnrolmentKeyStore;
import org.example.mef.impl.server.config.MefPskClientComponent;
import org.example.mef.impl.server.config.MefPskClientConfiguration;
import org.example.mef.impl.server.config.MefStakeholderComponent;
import org.example.mef.impl.server.config.MefStakeholderConfiguration;
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
import org.example.tef.spi.RegistrationStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The MEF server over real TLS-PSK sessions on loopback: an Enrolee's MEF Handshake with its KpmID/Kpm (TS-0003
 * 8.3.5.2.2) establishes the Enrolment Key both sides derive (10.3.1), the shared procedures answer with the MEF's names
 * (8.3.5.2.3), and an Enrolment Target fetches the credential of 10.3.7 (8.3.2.1 f), or is refused with nothing changed.
 */
public class MefOverTlsTest {
    static final String MEF = "mef.example.com";
    static final String SP = "sp.example.com";
    static final String ENROLEE = "//sp.example.com/cse-a";
    static final String KPM_ID = "kpm-cse-a@mef.example.com";
    static final String KPM = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    static final String MAF = "maf.example.com";
    static final String MAF_PSK_ID = "maf@mef.example.com";
    static final String MAF_PSK = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

    @Rule public final TemporaryFolder folder = new TemporaryFolder();

    private final SecureChannels channels = TefStandalone.secureChannels();
    private final PrimitiveTransport transport = TefStandalone.primitiveTransport();
    private RegistrationStore registry;
    private MefServerComponent server;

    @Before
    public void startAMefWithOneEnroleeAndOneEnrolmentTarget() throws IOException {
        registry = TefStandalone.registrationStores().openDurable(folder.getRoot().toPath().resolve("mef-registry.mv.db"));
        server = new MefServerComponent(channels, transport, registry, Configs.of(MefServerConfiguration.class, "fqdn", MEF, "port", 0,
                "enrolmentTargets", new String[] {MAF + "=21", "maf2.example.com=21"}),
                new MVStoreEnrolmentKeyStore(folder.getRoot().toPath().resolve("mef-enrolment.mv.db")),
                new org.example.mef.impl.commands.InMemoryCommandStore(), Clock.systemUTC());
        server.addStakeholder(new MefStakeholderComponent(Configs.of(MefStakeholderConfiguration.class, "adminFqdn", SP,
                "preAuthorizedClients", new String[] {ENROLEE})));
        server.addPskClient(new MefPskClientComponent(Configs.of(MefPskClientConfiguration.class, "kpmId", KPM_ID, "kpm", KPM, "clientId", ENROLEE,
                "enrolmentTargets", new String[] {MAF})));
        server.addPskClient(new MefPskClientComponent(Configs.of(MefPskClientConfiguration.class, "kpmId", "maf2@" + MEF, "kpm", MAF_PSK,
                "clientId", "maf2.example.com")));
        server.addPskClient(new MefPskClientComponent(Configs.of(MefPskClientConfiguration.class, "kpmId", MAF_PSK_ID, "kpm", MAF_PSK, "clientId", MAF)));
    }

    @After
    public void stop() throws IOException {
        if (server != null) server.deactivate();
        if (registry != null) registry.close();
    }

    private SecureSession connect(String identity, String key, String label) throws IOException {
        return channels.connect(TlsClientConfig.builder("127.0.0.1", server.address().getPort(), MEF)
                .psk(new PskCredential(identity, Hex.decode(key), null)).exporterLabels(List.of(label)).build());
    }

    private ResponsePrimitive send(SecureSession session, Operation op, String to, String content) throws IOException {
        return transport.client(session).send(RequestPrimitive.of(op, to).from("informational").requestId(UUID.randomUUID().toString())
                .content(content).build());
    }

    /** The Enrolee's side of an enrolment: its handshake, a registration on that session, and the Ke it derived. */
    private EnrolmentKey enrol() throws IOException {
        try (SecureSession session = connect(KPM_ID, KPM, KeyExport.BOOTSTRAP_LABEL)) {
            ResponsePrimitive r = send(session, Operation.CREATE, "/" + MEF + "/mefBase",
                    "{\"sec:mefClientReg\":{\"et\":\"20991231T000000\",\"adminFQDN\":\"" + SP + "\"}}");
            assertEquals(r.toString(), ResponseStatusCode.CREATED, r.status());
            return EnrolmentKey.fromBootstrapExport(session.exported(KeyExport.BOOTSTRAP_LABEL), MEF);
        }
    }

    @Test
    public void theEnroleesHandshakeEstablishesTheKeBothSidesDerive_8_3_2_1_10_3_1() throws Exception {
        EnrolmentKey enrolee = enrol();
        EnrolmentKey stored = server.enrolmentKeys().byKeId(enrolee.keId()).orElseThrow().key();
        assertArrayEquals(enrolee.value(), stored.value());
        assertEquals(ENROLEE, server.enrolmentKeys().byKeId(enrolee.keId()).orElseThrow().enroleeId());
        assertTrue(enrolee.keId(), enrolee.keId().matches("[0-9a-f]{32}@mef\\.example\\.com"));
    }

    @Test
    public void aRegistrationThroughTheMefAnswersWithItsNames_8_3_5_2_3() throws Exception {
        try (SecureSession session = connect(KPM_ID, KPM, KeyExport.BOOTSTRAP_LABEL)) {
            ResponsePrimitive r = send(session, Operation.CREATE, "/" + MEF + "/mefBase",
                    "{\"sec:mefClientReg\":{\"et\":\"20991231T000000\",\"adminFQDN\":\"" + SP + "\"}}");
            JsonObject body = JsonParser.parseString(r.content()).getAsJsonObject().getAsJsonObject("sec:mefClientReg");
            assertTrue(body.get("mefClientRegID").getAsString().startsWith("mfr-"));
            assertEquals(ENROLEE, body.get("mefClientID").getAsString());
        }
        assertEquals(1, registry.clientRegistrationCount());
    }

    @Test
    public void anEnrolmentTargetFetchesTheUsageConstrainedKeyOfTheKeId_8_3_2_1_10_3_7() throws Exception {
        EnrolmentKey enrolee = enrol();
        try (SecureSession maf = connect(MAF_PSK_ID, MAF_PSK, KeyExport.CONNECTION_LABEL)) {
            ResponsePrimitive r = send(maf, Operation.RETRIEVE, "/fetchCredentials/" + enrolee.keId() + "/21", null);
            assertEquals(r.toString(), ResponseStatusCode.OK, r.status());
            JsonObject body = JsonParser.parseString(r.content()).getAsJsonObject().getAsJsonObject("sec:credentials");
            assertTrue(body.get("status").getAsBoolean());
            assertEquals(ENROLEE, body.get("enroleeID").getAsString());
            Mac mac = Mac.getInstance("HmacSHA256"); // computed here from the Enrolee's own Ke, not by the product's code
            mac.init(new SecretKeySpec(enrolee.value(), "HmacSHA256"));
            byte[] expected = mac.doFinal(("oneM2M Enrolment Key to Usage-Constrained Symmetric Key derivation21" + MAF).getBytes(StandardCharsets.UTF_8));
            assertArrayEquals(expected, Base64.getDecoder().decode(body.get("credential").getAsString()));
        }
        assertEquals("a target's session establishes no Enrolment Key", 1, server.enrolmentKeys().count());
    }

    @Test
    public void refusedFetchesAreOneM2mErrorsAndChangeNothing_8_3_2_1_f_vii() throws Exception {
        EnrolmentKey enrolee = enrol();
        try (SecureSession maf = connect(MAF_PSK_ID, MAF_PSK, KeyExport.CONNECTION_LABEL)) {
            assertRefused(send(maf, Operation.RETRIEVE, "/fetchCredentials/" + enrolee.keId() + "/22", null),
                    ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "not an Enrolment Target allowed to fetch credentials with SUID 22");
            assertRefused(send(maf, Operation.RETRIEVE, "/fetchCredentials/00ff@" + MEF + "/21", null),
                    ResponseStatusCode.NOT_FOUND, "no live Enrolment Key 00ff@mef.example.com");
            assertRefused(send(maf, Operation.RETRIEVE, "/fetchCredentials/" + enrolee.keId() + "/twenty-one", null),
                    ResponseStatusCode.BAD_REQUEST, "is a SUID");
            assertRefused(send(maf, Operation.DELETE, "/fetchCredentials/" + enrolee.keId() + "/21", null),
                    ResponseStatusCode.OPERATION_NOT_ALLOWED, "an Enrolment Target RETRIEVEs");
        }
        try (SecureSession other = connect(KPM_ID, KPM, KeyExport.BOOTSTRAP_LABEL)) {
            assertRefused(send(other, Operation.RETRIEVE, "/fetchCredentials/" + enrolee.keId() + "/21", null),
                    ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, ENROLEE + " is not an Enrolment Target");
        }
        assertEquals("the enrolment and the second session's, nothing else", 2, server.enrolmentKeys().count());
    }

    @Test
    public void aQueuedCommandIsRetrievedAndItsStatusReachesTheStakeholder_8_3_9_2_8_3_9_3() throws Exception {
        try (SecureSession session = connect(KPM_ID, KPM, KeyExport.BOOTSTRAP_LABEL)) {
            ResponsePrimitive reg = send(session, Operation.CREATE, "/" + MEF + "/mefBase",
                    "{\"sec:mefClientReg\":{\"et\":\"20991231T000000\",\"adminFQDN\":\"" + SP + "\"}}");
            String regId = JsonParser.parseString(reg.content()).getAsJsonObject().getAsJsonObject("sec:mefClientReg").get("mefClientRegID").getAsString();
            String cmdId = server.enqueue(regId, "{\"cmdClassID\":2,\"cmdArgs\":{\"devCfgCmdArgs\":{\"deviceConfigURI\":\"1:https://" + MEF + "/dm\"}}}");
            String cmd = "/" + MEF + "/mefBase/regs/" + regId + "/cmd";

            JsonObject issued = JsonParser.parseString(send(session, Operation.RETRIEVE, cmd, null).content()).getAsJsonObject().getAsJsonObject("sec:mefClientCmd");
            assertEquals(cmdId, issued.get("cmdID").getAsString());
            assertEquals("MEF_CLIENT_CMD_ISSUED", 10, issued.get("cmdStatusCode").getAsInt());
            ResponsePrimitive updated = send(session, Operation.UPDATE, cmd, "{\"sec:mefClientCmd\":{\"cmdID\":\"" + cmdId + "\",\"cmdStatusCode\":20}}");
            assertEquals(updated.toString(), ResponseStatusCode.UPDATED, updated.status());
            JsonObject next = JsonParser.parseString(updated.content()).getAsJsonObject().getAsJsonObject("sec:mefClientCmd");
            assertEquals("nothing more queued: NO_MORE_COMMANDS (8.3.9.6)", 0, next.getAsJsonObject("cmdDescription").get("cmdClassID").getAsInt());

            String seen = server.commands(regId).get(0);
            assertTrue(seen, seen.contains("\"status\":\"OK\""));

            assertEquals(ResponseStatusCode.DELETED, send(session, Operation.DELETE, "/" + MEF + "/mefBase/regs/" + regId, null).status());
            assertTrue("a de-registered client's commands go with it (8.3.9.1)", server.commands(regId).isEmpty());
        }
    }

    /**
     * A command for a MEF Client ID this MEF does not know (a typo, an empty ID) would wait for good in the store: it is
     * refused, saying so, and nothing is queued; a malformed description is refused in the stakeholder's terms.
     */
    @Test
    public void aCommandForAClientTheMefDoesNotKnowIsRefused_8_3_4_6() {
        String json = "{\"cmdClassID\":2,\"cmdArgs\":{\"devCfgCmdArgs\":{\"deviceConfigURI\":\"1:https://" + MEF + "/dm\"}}}";
        for (String unknown : List.of("", "   ", "nonsense", "//sp.example.com/cse-nobody")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> server.enqueueForClient(unknown, json));
            assertTrue(e.getMessage(), e.getMessage().contains("is known to this MEF") && e.getMessage().contains("mef:clients"));
            assertEquals(List.of(), server.commands(unknown));
        }
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class, () -> server.enqueueForClient(ENROLEE, "not json"));
        assertEquals("not a sec:cmdDescription (TS-0003 12.4.4): not well-formed JSON", notJson.getMessage());
        assertEquals("1", server.enqueueForClient(ENROLEE, json));
        assertEquals("a client's commands include those waiting for its next registration", 1, server.commands(ENROLEE).size());
    }

    @Test
    public void aCommandQueuedBeforeRegistrationIsPointedAtByTheRegistrationAnswer_8_3_4_6() throws Exception {
        String pending = server.enqueueForClient(ENROLEE, "{\"cmdClassID\":2,\"cmdArgs\":{\"devCfgCmdArgs\":{\"deviceConfigURI\":\"1:https://" + MEF + "/dm\"}}}");
        assertEquals("1", pending);
        try (SecureSession session = connect(KPM_ID, KPM, KeyExport.BOOTSTRAP_LABEL)) {
            ResponsePrimitive reg = send(session, Operation.CREATE, "/" + MEF + "/mefBase",
                    "{\"sec:mefClientReg\":{\"et\":\"20991231T000000\",\"adminFQDN\":\"" + SP + "\"}}");
            JsonObject body = JsonParser.parseString(reg.content()).getAsJsonObject().getAsJsonObject("sec:mefClientReg");
            String regId = body.get("mefClientRegID").getAsString();
            String cmd = "/" + MEF + "/mefBase/regs/" + regId + "/cmd";
            assertEquals("childResource names the <mefClientCmd>", cmd, body.getAsJsonArray("ch").get(0).getAsJsonObject().get("val").getAsString());
            JsonObject issued = JsonParser.parseString(send(session, Operation.RETRIEVE, cmd, null).content()).getAsJsonObject().getAsJsonObject("sec:mefClientCmd");
            assertEquals(2, issued.getAsJsonObject("cmdDescription").get("cmdClassID").getAsInt());
            send(session, Operation.UPDATE, cmd, "{\"sec:mefClientCmd\":{\"cmdID\":\"" + issued.get("cmdID").getAsString() + "\",\"cmdStatusCode\":20}}");
            ResponsePrimitive update = send(session, Operation.UPDATE, "/" + MEF + "/mefBase/regs/" + regId, "{\"sec:mefClientReg\":{\"lbl\":[\"x\"]}}");
            assertEquals(update.toString(), ResponseStatusCode.UPDATED, update.status());
            assertFalse("no command waits any more: no reference", update.content().contains("\"ch\""));
        }
    }

    @Test
    public void aRegistrationWithNothingQueuedCarriesNoChildResource_8_3_4_6() throws Exception {
        try (SecureSession session = connect(KPM_ID, KPM, KeyExport.BOOTSTRAP_LABEL)) {
            ResponsePrimitive reg = send(session, Operation.CREATE, "/" + MEF + "/mefBase",
                    "{\"sec:mefClientReg\":{\"et\":\"20991231T000000\",\"adminFQDN\":\"" + SP + "\"}}");
            assertFalse(reg.content(), JsonParser.parseString(reg.content()).getAsJsonObject().getAsJsonObject("sec:mefClientReg").has("ch"));
        }
    }

    @Test
    public void theStakeholderListsTheEnroleesTheirRegistrationsAndWaitingCommands() throws Exception {
        enrol();
        List<String> clients = server.clients();
        assertEquals(clients.toString(), 1, clients.size());
        JsonObject enrolee = JsonParser.parseString(clients.get(0)).getAsJsonObject();
        assertEquals(ENROLEE, enrolee.get("mefClientID").getAsString());
        assertEquals(KPM_ID, enrolee.getAsJsonArray("kpmIDs").get(0).getAsString());
        JsonObject reg = enrolee.getAsJsonArray("registrations").get(0).getAsJsonObject();
        assertEquals(0, reg.get("waitingCommands").getAsInt());
        server.enqueue(reg.get("mefClientRegID").getAsString(), "{\"cmdClassID\":2,\"cmdArgs\":{\"devCfgCmdArgs\":{\"deviceConfigURI\":\"1:https://" + MEF + "/dm\"}}}");
        JsonObject after = JsonParser.parseString(server.clients().get(0)).getAsJsonObject();
        assertEquals(1, after.getAsJsonArray("registrations").get(0).getAsJsonObject().get("waitingCommands").getAsInt());
        assertFalse("keys never listed", server.clients().get(0).contains(KPM));
    }

    @Test
    public void aCommandForAnUnknownRegistrationIsRefused_8_3_9() {
        try {
            server.enqueue("mfr-unknown", "{\"cmdClassID\":2,\"cmdArgs\":{\"devCfgCmdArgs\":{\"deviceConfigURI\":\"1:https://" + MEF + "/dm\"}}}");
            fail("no live registration: nothing may be queued");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("no live MEF Client Registration mfr-unknown"));
        }
    }

    @Test
    public void aTargetTheEnroleeIsNotMeantForIsRefusedItsCredential_8_3_2_1_f_ii() throws Exception {
        EnrolmentKey enrolee = enrol();
        try (SecureSession maf2 = connect("maf2@" + MEF, MAF_PSK, KeyExport.CONNECTION_LABEL)) {
            assertRefused(send(maf2, Operation.RETRIEVE, "/fetchCredentials/" + enrolee.keId() + "/21", null),
                    ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "maf2.example.com is not an Enrolment Target of the Enrolee of " + enrolee.keId());
        }
    }

    @Test
    public void aWrongKpmFailsTheHandshakeAndEstablishesNoKey_8_3_5_2_2() throws Exception {
        try (SecureSession s = connect(KPM_ID, MAF_PSK, KeyExport.BOOTSTRAP_LABEL)) {
            fail("a wrong Kpm must fail the MEF Handshake");
        } catch (IOException expected) {
            assertFalse(expected.getMessage().isEmpty());
        }
        assertEquals(0, server.enrolmentKeys().count());
    }

    private static void assertRefused(ResponsePrimitive r, ResponseStatusCode status, String because) {
        assertEquals(r.toString(), status, r.status());
        assertTrue("'" + r.debugMessage() + "' should say '" + because + "'", r.debugMessage().contains(because));
    }
}
