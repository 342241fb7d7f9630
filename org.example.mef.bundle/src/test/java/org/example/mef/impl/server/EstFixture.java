package org.example.mef.impl.server;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.example.mef.impl.commands.InMemoryCommandStore;
import org.example.mef.impl.enrolment.InMemoryEnrolmentKeyStore;
import org.example.mef.impl.est.CertSubject;
import org.example.mef.impl.est.EstEndpoint;
import org.example.mef.impl.server.config.MefPskClientComponent;
import org.example.mef.impl.server.config.MefPskClientConfiguration;
import org.example.mef.impl.server.config.MefStakeholderComponent;
import org.example.mef.impl.server.config.MefStakeholderConfiguration;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.testsupport.Configs;
import org.example.tef.api.Hex;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.api.wire.HttpRequestMessage;
import org.example.tef.api.wire.HttpResponseMessage;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.spi.RegistrationStore;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A MEF with its EST server on a free port for the EST tests (TS-0003 8.3.6.2): one stakeholder, one Enrolee with a
 * Kpm ({@link #ENROLEE}), a second one ({@link #OTHER}); the MEF Client's side of a registration and of a Command
 * Retrieve over the MEF's port, and plain HTTP over a PSK session to the EST port (tef's transport).
 */
final class EstFixture implements AutoCloseable {
    static final String MEF = "mef.example.com";
    static final String SP = "sp.example.com";
    static final String ENROLEE = "//sp.example.com/cse-a";
    static final String KPM_ID = "kpm-cse-a@mef.example.com";
    static final String KPM = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    static final String OTHER = "//sp.example.com/cse-b";
    static final String OTHER_KPM_ID = "kpm-cse-b@mef.example.com";
    static final String OTHER_KPM = "0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a090807060504030201000";
    static final CertSubject CSE = new CertSubject(CertSubject.Type.CSE, "/id-mn-cse-1");

    /** Who the MEF's port ("MEF") and the EST port ("EST") authenticated, in order: e.g. "MEF CERTIFICATE //sp.example.com/cse-a". */
    final List<String> sessions = new java.util.concurrent.CopyOnWriteArrayList<>();
    final SecureChannels channels = recording(TefStandalone.secureChannels(), sessions);
    final PrimitiveTransport transport = TefStandalone.primitiveTransport();
    final RegistrationStore registry = TefStandalone.registrationStores().inMemory();
    final Path caDirectory;
    final MefServerComponent server;

    /** A MEF with {@code estPort 0} and its CA in {@code directory}/ca, plus {@code settings} (name, value, ...). */
    EstFixture(Path directory, Object... settings) throws IOException {
        caDirectory = directory.resolve("ca");
        List<Object> values = new ArrayList<>(List.of("fqdn", MEF, "port", 0, "estPort", 0, "caDirectory", caDirectory.toString()));
        values.addAll(List.of(settings));
        try {
            server = new MefServerComponent(channels, transport, registry, Configs.of(MefServerConfiguration.class, values.toArray()),
                    new InMemoryEnrolmentKeyStore(), new InMemoryCommandStore(), Clock.systemUTC());
        } catch (IOException | RuntimeException e) {
            registry.close();
            throw e;
        }
        server.addStakeholder(new MefStakeholderComponent(Configs.of(MefStakeholderConfiguration.class, "adminFqdn", SP,
                "preAuthorizedClients", new String[] {ENROLEE, OTHER})));
        server.addPskClient(new MefPskClientComponent(Configs.of(MefPskClientConfiguration.class, "kpmId", KPM_ID, "kpm", KPM, "clientId", ENROLEE)));
        server.addPskClient(new MefPskClientComponent(Configs.of(MefPskClientConfiguration.class, "kpmId", OTHER_KPM_ID, "kpm", OTHER_KPM,
                "clientId", OTHER)));
    }

    /** Records each accepted session's listener, authentication and peer before it is served. */
    private static SecureChannels recording(SecureChannels channels, List<String> seen) {
        return new SecureChannels() {
            @Override
            public Server listen(org.example.tef.api.channel.TlsServerConfig config, org.example.tef.api.channel.SessionHandler handler)
                    throws IOException {
                String listener = config.exporterLabels.isEmpty() ? "EST" : "MEF"; // only the MEF's port exports (8.3.2.1)
                return channels.listen(config, session -> {
                    seen.add(listener + " " + session.authentication() + " " + session.peerId().orElse("?"));
                    handler.serve(session);
                });
            }

            @Override
            public SecureSession connect(TlsClientConfig config) throws IOException { return channels.connect(config); }
        };
    }

    /** The sessions the MEF's port authenticated, as {@link #sessions} records them. */
    List<String> mefSessions() {
        return sessions.stream().filter(s -> s.startsWith("MEF ")).map(s -> s.substring(4)).collect(java.util.stream.Collectors.toList());
    }

    EstEndpoint est() { return server.est(); }

    int estPort() { return server.est().address().getPort(); }

    /** A session to the MEF's own port (its handshake establishes an Enrolment Key, as every Enrolee handshake there). */
    SecureSession mefSession(String identity, String key) throws IOException {
        return channels.connect(TlsClientConfig.builder("127.0.0.1", server.address().getPort(), MEF)
                .psk(new PskCredential(identity, Hex.decode(key), null)).build());
    }

    /** A certificate-less mutually authenticated session to the EST port (RFC 7030 3.3.3). */
    SecureSession estSession(String identity, String key) throws IOException {
        return channels.connect(TlsClientConfig.builder("127.0.0.1", estPort(), MEF).psk(new PskCredential(identity, Hex.decode(key), null)).build());
    }

    private ResponsePrimitive send(SecureSession session, Operation op, String to, String content) throws IOException {
        return transport.client(session).send(RequestPrimitive.of(op, to).from("informational").requestId(UUID.randomUUID().toString())
                .content(content).build());
    }

    /** The Enrolee's MEF Client Registration (8.3.5.2.3); its MEFClientRegID. */
    String register(String identity, String key) throws IOException {
        try (SecureSession session = mefSession(identity, key)) {
            ResponsePrimitive r = send(session, Operation.CREATE, "/" + MEF + "/mefBase",
                    "{\"sec:mefClientReg\":{\"et\":\"20991231T000000\",\"adminFQDN\":\"" + SP + "\"}}");
            assertEquals(r.toString(), ResponseStatusCode.CREATED, r.status());
            return JsonParser.parseString(r.content()).getAsJsonObject().getAsJsonObject("sec:mefClientReg").get("mefClientRegID").getAsString();
        }
    }

    /** The MEF Client's Command Retrieve (8.3.9.2): the command the MEF hands out now. */
    JsonObject retrieveCommand(String identity, String key, String regId) throws IOException {
        try (SecureSession session = mefSession(identity, key)) {
            ResponsePrimitive r = send(session, Operation.RETRIEVE, "/" + MEF + "/mefBase/regs/" + regId + "/cmd", null);
            assertEquals(r.toString(), ResponseStatusCode.OK, r.status());
            return JsonParser.parseString(r.content()).getAsJsonObject().getAsJsonObject("sec:mefClientCmd");
        }
    }

    /** The MEF Client's Command Update (8.3.9.3) reporting {@code status} on {@code cmdId}. */
    void reportCommand(String identity, String key, String regId, String cmdId, int status) throws IOException {
        try (SecureSession session = mefSession(identity, key)) {
            ResponsePrimitive r = send(session, Operation.UPDATE, "/" + MEF + "/mefBase/regs/" + regId + "/cmd",
                    "{\"sec:mefClientCmd\":{\"cmdID\":\"" + cmdId + "\",\"cmdStatusCode\":" + status + "}}");
            assertEquals(r.toString(), ResponseStatusCode.UPDATED, r.status());
        }
    }

    /**
     * The stakeholder queues a CERT_PROV for the ENROLEE's registration ({@code mef:certprov}) and the client retrieves it
     * (ISSUED): what authorises an enrolment for {@code subject}. Returns the registration ID.
     */
    String pendingCertProv(CertSubject subject) throws IOException {
        return pendingCertProv(register(KPM_ID, KPM), subject);
    }

    /** {@link #pendingCertProv(CertSubject)} for a registration that exists already (a command after an earlier one). */
    String pendingCertProv(String regId, CertSubject subject) throws IOException {
        String cmdId = server.queueCertProv(regId, subject);
        JsonObject issued = retrieveCommand(KPM_ID, KPM, regId);
        assertEquals(cmdId, issued.get("cmdID").getAsString());
        assertEquals("MEF_CLIENT_CMD_ISSUED", 10, issued.get("cmdStatusCode").getAsInt());
        return regId;
    }

    /** One plain HTTP request on a new PSK session to the EST port. */
    HttpResponseMessage est(String identity, String key, HttpRequestMessage request) throws IOException {
        try (PrimitiveTransport.HttpClient client = transport.httpClient(estSession(identity, key))) {
            return client.send(request);
        }
    }

    /** POST of a CSR to an enrolment operation, as RFC 7030 4.2.1 writes it: base64 of the DER, application/pkcs10. */
    static HttpRequestMessage enrol(String operation, PKCS10CertificationRequest csr) throws IOException {
        return HttpRequestMessage.of("POST", "/.well-known/est/" + operation, Base64.getMimeEncoder().encode(csr.getEncoded()))
                .withHeader("Content-Type", "application/pkcs10").withHeader("Content-Transfer-Encoding", "base64");
    }

    List<X509Certificate> issued() throws IOException {
        return server.est().ca().issued();
    }

    @Override
    public void close() throws IOException {
        try {
            server.deactivate();
        } finally {
            registry.close();
        }
    }
}
