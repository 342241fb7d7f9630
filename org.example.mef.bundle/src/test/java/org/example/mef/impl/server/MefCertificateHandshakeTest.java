package org.example.mef.impl.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientBuilder;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.ProvisionedCertificate;
import org.example.mef.impl.client.MefClientFactoryComponent;
import org.example.mef.impl.client.MefClientFactoryConfiguration;
import org.example.mef.impl.est.CertSubject;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.testsupport.Configs;
import org.example.tef.api.Hex;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.client.DistributedKey;
import org.example.tef.client.KeyRequest;
import org.example.tef.client.Registration;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The certificate-based MEF Handshake (TS-0003 8.3.5.2.2) with the certificate the MEF's own EST server issued
 * (8.3.6.2, CERT_PROV 8.3.9.7): with EST on, the MEF's port accepts its CA's certificates, the certSubjectID being the MEF
 * Client ID; a MEF Client with {@code certificateHandshake} uses the certificate it holds for its own ID, and exports the
 * Enrolment Key from that session as from a PSK one (8.3.2.1 NOTE 3).
 */
public class MefCertificateHandshakeTest {
    private static final Instant LATER = Instant.now().plus(Duration.ofDays(1));
    private static final CertSubject OWN = new CertSubject(CertSubject.Type.CSE, EstFixture.ENROLEE);

    @Rule public final TemporaryFolder folder = new TemporaryFolder();
    private EstFixture mef;
    private final List<MefClient> clients = new ArrayList<>();

    @Before
    public void startAMefWithItsEstServer() throws IOException {
        mef = new EstFixture(folder.getRoot().toPath());
    }

    @After
    public void stop() throws IOException {
        clients.forEach(MefClient::close);
        mef.close();
    }

    private MefClientConfig config() throws IOException {
        return MefClientConfig.withPsk(EstFixture.MEF, "127.0.0.1", mef.server.address().getPort(), EstFixture.ENROLEE, EstFixture.KPM_ID,
                Hex.decode(EstFixture.KPM)).withCertificateDirectory(folder.newFolder().toPath());
    }

    private MefClient client(MefClientConfig config) {
        MefClient c = MefClientBuilder.create().build(config);
        clients.add(c);
        return c;
    }

    /** The stakeholder queues a CERT_PROV for the client, which registers (PSK: it holds nothing yet) and executes it. */
    private Registration provision(MefClient client, CertSubject subject) throws Exception {
        mef.server.queueCertProv(EstFixture.ENROLEE, subject);
        Registration r = client.register(EstFixture.SP, LATER, List.of());
        client.processCommands(r.registrationId);
        List<String> commands = mef.server.commands(r.registrationId);
        assertTrue(commands.toString(), commands.get(commands.size() - 1).contains("\"status\":\"OK\""));
        assertEquals(subject.id(), client.provisionedCertificates().get(0).certSubjectId);
        return r;
    }

    /** De-registers and registers again (one registration per stakeholder): a new session, a new handshake. */
    private Registration registerAgain(MefClient client, Registration before) throws Exception {
        client.deregister(before.registrationId);
        return client.register(EstFixture.SP, LATER, List.of());
    }

    private String lastMefSession() {
        List<String> seen = mef.mefSessions();
        return seen.get(seen.size() - 1);
    }

    @Test
    public void aMefClientRegistersWithItsEstCertificateInACertificateBasedMefHandshake_8_3_5_2_2() throws Exception {
        MefClient client = client(config().withCertificateHandshake());
        Registration first = provision(client, OWN);
        assertEquals("before the certificate, the Kpm", "PSK " + EstFixture.ENROLEE, mef.mefSessions().get(0));

        registerAgain(client, first);
        assertEquals("CERTIFICATE " + EstFixture.ENROLEE, lastMefSession());
        assertEquals("the registry holds the client ID the certSubjectID named", 1, mef.registry.clientRegistrationCount());
        assertTrue(mef.server.clients().toString(), mef.server.clients().get(0).contains(EstFixture.ENROLEE));
    }

    @Test
    public void theEnrolmentKeyIsExportedFromTheCertificateSessionAsWithPsk_8_3_2_1_note3() throws Exception {
        MefClient client = client(config().withCertificateHandshake());
        Registration again = registerAgain(client, provision(client, OWN));
        assertEquals("CERTIFICATE " + EstFixture.ENROLEE, lastMefSession());
        String keId = client.enrolmentKey().orElseThrow().keId();
        assertEquals("the MEF stored the Ke of that handshake for the client", EstFixture.ENROLEE,
                mef.server.enrolmentKeys().byKeId(keId).orElseThrow().enroleeId());
        // a key registered with the session's exported value (8.3.5.2.7), in a certificate session too
        DistributedKey key = client.registerKey(KeyRequest.exported(EstFixture.SP, LATER, 21, List.of(EstFixture.OTHER), List.of()));
        assertEquals("CERTIFICATE " + EstFixture.ENROLEE, lastMefSession());
        assertEquals(1, mef.registry.keyRegistrationCount());
        assertTrue(key.keyIdentifier.endsWith("@" + EstFixture.MEF));
        client.deregister(again.registrationId);
    }

    @Test
    public void withoutTheOptionTheMefClientStaysWithItsPsk_8_3_5_2_2() throws Exception {
        MefClient client = client(config());
        registerAgain(client, provision(client, OWN));
        assertEquals("PSK " + EstFixture.ENROLEE, lastMefSession());
    }

    @Test
    public void theFactoryConfigurationTurnsTheCertificateHandshakeOn_8_3_5_2_2() throws Exception {
        MefClientFactoryComponent factory = new MefClientFactoryComponent(mef.channels, mef.transport, Configs.of(MefClientFactoryConfiguration.class,
                "certificateDirectory", folder.newFolder().toString(), "certificateHandshake", true));
        MefClient client = factory.create(MefClientConfig.withPsk(EstFixture.MEF, "127.0.0.1", mef.server.address().getPort(),
                EstFixture.ENROLEE, EstFixture.KPM_ID, Hex.decode(EstFixture.KPM)));
        clients.add(client);
        registerAgain(client, provision(client, OWN));
        assertEquals("CERTIFICATE " + EstFixture.ENROLEE, lastMefSession());
    }

    @Test
    public void aCertificateTheMefCaIssuedForAnotherSubjectDoesNotAuthenticateAsThisClient_8_3_5_2_2() throws Exception {
        MefClient client = client(config().withCertificateHandshake());
        registerAgain(client, provision(client, EstFixture.CSE));
        assertEquals("the client holds no certificate for its own ID: the Kpm", "PSK " + EstFixture.ENROLEE, lastMefSession());
        // presented by hand, it authenticates nobody on the MEF's port: it was issued to ENROLEE, not to its subject
        assertHandshakeRefused(client.provisionedCertificates().get(0));
        assertEquals("only the client's own registration", 1, mef.registry.clientRegistrationCount());
    }

    /**
     * Review finding: a CERT_PROV queued for ENROLEE naming another MEF Client (OTHER, pre-authorised by the same
     * stakeholder) as its subject gives ENROLEE a certificate with OTHER's ID; on the MEF's port it must not log in as
     * OTHER (its registrations, commands and keys): a certificate authenticates only the client it was issued to.
     */
    @Test
    public void aCertificateForAnotherMefClientsIdDoesNotLogInAsThatClient_8_3_5_2_2() throws Exception {
        MefClient client = client(config().withCertificateHandshake());
        provision(client, new CertSubject(CertSubject.Type.CSE, EstFixture.OTHER));
        assertHandshakeRefused(client.provisionedCertificates().get(0));
        assertTrue("OTHER has no registration", mef.registry.clientRegistrationsOf(EstFixture.OTHER).isEmpty());
    }

    private void assertHandshakeRefused(ProvisionedCertificate certificate) {
        IOException refused = assertThrows(IOException.class, () -> mef.channels.connect(TlsClientConfig.builder("127.0.0.1",
                mef.server.address().getPort(), EstFixture.MEF).certificate(certificate.credential(), certificate.caCertificates()).build()).close());
        assertTrue(refused.getMessage(), refused.getMessage().contains("access_denied"));
    }

    @Test
    public void aMefWithoutEstRefusesCertificatesItHasNoAnchorsFor_8_3_5_2_2() throws Exception {
        MefClient client = client(config());
        provision(client, OWN);
        ProvisionedCertificate own = client.provisionedCertificates().get(0);
        Path registryFile = folder.getRoot().toPath().resolve("plain-registry.mv.db");
        try (org.example.mef.api.MefServer plain = org.example.mef.api.MefServerBuilder.create(EstFixture.MEF).port(0)
                .dataDirectory(registryFile.getParent().resolve("plain")).start()) {
            assertThrows(IOException.class, () -> TefStandalone.secureChannels().connect(TlsClientConfig.builder("127.0.0.1",
                    plain.address().getPort(), EstFixture.MEF).certificate(own.credential(), own.caCertificates()).build()).close());
        }
    }
}
