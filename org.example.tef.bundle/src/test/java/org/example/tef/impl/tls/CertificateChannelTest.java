package org.example.tef.impl.tls;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.tls.CipherSuite;
import org.example.onem2m.testsupport.TestPki;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.CertificateCredential;
import org.example.tef.api.channel.ClientCertificates;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.channel.TlsServerConfig;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Certificate-based MAF Handshake (TS-0003 8.8.2.2): ECDHE_ECDSA (10.2.3), the MAF's FQDN certificate checked by
 * the client (10.1.3), the client's certificate checked against the client trust anchors and the provisioned
 * client certificate information (8.1.2.5).
 */
public class CertificateChannelTest extends TlsTestSupport {
    private static final String CSE_ID = "/id-mn-cse-7";
    private static final List<String> LABELS = List.of(KeyExport.CONNECTION_LABEL);

    private static TestPki pki;
    private static TestPki otherPki;
    private static CertificateCredential mafCertificate;
    private static CertificateCredential clientCertificate;

    @BeforeClass
    public static void issueCertificates() throws Exception {
        pki = new TestPki("oneM2M test CA");
        otherPki = new TestPki("another CA");
        mafCertificate = pki.server(MAF_FQDN).as(CertificateCredential::new);
        clientCertificate = pki.clientWithUri("mn-cse-7", "urn:onem2m:cse:" + CSE_ID).as(CertificateCredential::new);
    }

    /** The provisioned client information of the tests: the CSE-ID from a SAN URI urn:onem2m:cse:<id>. */
    private static final ClientCertificates CSE_ID_FROM_SAN_URI = chain -> sanUri(chain.get(0))
        .filter(uri -> uri.startsWith("urn:onem2m:cse:"))
        .map(uri -> uri.substring("urn:onem2m:cse:".length()));

    private TlsListener listen(RecordingHandler handler, ClientCertificates clientCertificates) throws IOException {
        TlsServerConfig config = TlsServerConfig.builder(MAF_FQDN)
            .certificate(mafCertificate, List.of(pki.ca), clientCertificates).exporterLabels(LABELS)
            .handshakeTimeoutMillis(15_000).idleTimeoutMillis(15_000).build();
        return track((TlsListener) channels.listen(config, handler));
    }

    private static TlsClientConfig client(TlsListener server, String serverName, CertificateCredential credential,
                                          X509Certificate serverTrustAnchor) {
        return TlsClientConfig.builder("127.0.0.1", server.address().getPort(), serverName)
            .certificate(credential, List.of(serverTrustAnchor)).exporterLabels(LABELS)
            .connectTimeoutMillis(15_000).readTimeoutMillis(15_000).build();
    }

    @Test
    public void certificateHandshakeAuthenticatesTheClientAsWhatClientCertificatesSays_8_8_2_2() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        TlsListener server = listen(handler, CSE_ID_FROM_SAN_URI);
        try (SecureSession session = channels.connect(client(server, MAF_FQDN, clientCertificate, pki.ca))) {
            RecordingHandler.Seen onServer = handler.next();

            assertEquals(SecureSession.Authentication.CERTIFICATE, onServer.authentication);
            assertEquals(Optional.of(CSE_ID), onServer.peerId);
            assertEquals("CN=mn-cse-7", onServer.peerCredential);
            assertEquals(MAF_FQDN, onServer.serverName);
            assertTrue(Suites.hex(onServer.cipherSuite), List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256).contains(onServer.cipherSuite));

            assertEquals(SecureSession.Authentication.CERTIFICATE, session.authentication());
            assertEquals("CN=" + MAF_FQDN, session.peerCredential());
            assertEquals(Optional.empty(), session.peerId());
            assertEquals(onServer.cipherSuite, session.cipherSuite());
            assertArrayEquals(onServer.exported.get(0), session.exported(KeyExport.CONNECTION_LABEL));
            PskChannelTest.assertEchoes(session, 5_000);
            System.out.println("ECDHE_ECDSA suite negotiated with the default offer: " + Suites.hex(session.cipherSuite()));
        }
    }

    @Test
    public void mandatorySuiteTlsEcdheEcdsaWithAes128CbcSha256WorksAlone_10_2_3() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        TlsListener server = listen(handler, CSE_ID_FROM_SAN_URI);
        int[] onlyMandatory = {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256};
        try (SecureSession session = channels.connect(client(server, MAF_FQDN, clientCertificate, pki.ca), onlyMandatory, true)) {
            assertEquals(0xC023, session.cipherSuite());
            assertEquals(0xC023, handler.next().cipherSuite);
        }
    }

    @Test
    public void aClientCertificateFromAnotherCaIsRefused_8_1_2_5() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        TlsListener server = listen(handler, CSE_ID_FROM_SAN_URI);
        CertificateCredential stranger = otherPki.clientWithUri("mn-cse-7", "urn:onem2m:cse:" + CSE_ID).as(CertificateCredential::new);

        IOException e = assertThrows(IOException.class, () -> channels.connect(client(server, MAF_FQDN, stranger, pki.ca)));
        assertTrue(e.getMessage(), e.getMessage().contains("bad_certificate"));
        assertTrue(eventually(() -> !server.handshakeFailures().isEmpty()));
        assertTrue(server.handshakeFailures().get(0), server.handshakeFailures().get(0).contains("does not validate"));
        assertEquals(0, handler.calls());
    }

    @Test
    public void aServerCertificateWhoseDnsNameIsNotTheServerNameIsRefusedByTheClient_10_1_3() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        TlsServerConfig config = TlsServerConfig.builder("mef.example.com")
            .certificate(mafCertificate, List.of(pki.ca), CSE_ID_FROM_SAN_URI).build();
        TlsListener server = track((TlsListener) channels.listen(config, handler));

        IOException e = assertThrows(IOException.class,
            () -> channels.connect(client(server, "mef.example.com", clientCertificate, pki.ca)));
        assertTrue(e.getMessage(), e.getMessage().contains("bad_certificate"));
        assertTrue(e.getMessage(), e.getMessage().contains("names maf.example.com, not mef.example.com"));
        assertEquals(0, handler.calls());
    }

    /**
     * A client certificate of the same CA whose CN is the server's name but whose subjectAltName is a URI (what an
     * enrolled client could ask a CA for) does not pass as the server's: a certificate with a subjectAltName is not read
     * by its CN (RFC 6125 6.4.4).
     */
    @Test
    public void aCertificateWithAUriSubjectAltNameDoesNotPassAsTheServerByItsCn_10_1_3() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        CertificateCredential impostor = pki.clientWithUri(MAF_FQDN, "urn:onem2m:cse:/id-impostor").as(CertificateCredential::new);
        TlsServerConfig config = TlsServerConfig.builder(MAF_FQDN).certificate(impostor, List.of(pki.ca), CSE_ID_FROM_SAN_URI).build();
        TlsListener server = track((TlsListener) channels.listen(config, handler));

        IOException e = assertThrows(IOException.class, () -> channels.connect(client(server, MAF_FQDN, clientCertificate, pki.ca)));
        assertTrue(e.getMessage(), e.getMessage().contains("has a subjectAltName but no dNSName"));
        assertEquals(0, handler.calls());
    }

    @Test
    public void aServerCertificateFromAnUntrustedCaIsRefusedByTheClient_8_8_2_2() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        TlsListener server = listen(handler, CSE_ID_FROM_SAN_URI);

        IOException e = assertThrows(IOException.class,
            () -> channels.connect(client(server, MAF_FQDN, clientCertificate, otherPki.ca)));
        assertTrue(e.getMessage(), e.getMessage().contains("does not validate against the trust anchors"));
        assertEquals(0, handler.calls());
    }

    @Test
    public void aValidClientCertificateThatIsNotProvisionedIsRefusedWithAccessDenied_8_1_2_5() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        TlsListener server = listen(handler, chain -> Optional.empty());

        IOException e = assertThrows(IOException.class, () -> channels.connect(client(server, MAF_FQDN, clientCertificate, pki.ca)));
        assertTrue(e.getMessage(), e.getMessage().contains("access_denied"));
        assertTrue(eventually(() -> !server.handshakeFailures().isEmpty()));
        assertTrue(server.handshakeFailures().get(0), server.handshakeFailures().get(0).contains("not provisioned"));
        assertEquals(0, handler.calls());
    }

    @Test
    public void aServerConfiguredForBothAcceptsPskAndCertificateClients_10_2() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        TlsServerConfig config = TlsServerConfig.builder(MAF_FQDN).psk(kmTable())
            .certificate(mafCertificate, List.of(pki.ca), CSE_ID_FROM_SAN_URI).exporterLabels(LABELS).build();
        TlsListener server = track((TlsListener) channels.listen(config, handler));

        try (SecureSession viaCertificate = channels.connect(client(server, MAF_FQDN, clientCertificate, pki.ca))) {
            RecordingHandler.Seen seen = handler.next();
            assertEquals(SecureSession.Authentication.CERTIFICATE, seen.authentication);
            assertEquals(Optional.of(CSE_ID), seen.peerId);
            assertTrue(Suites.isEcdheEcdsa(viaCertificate.cipherSuite()));
        }
        TlsClientConfig pskClient = TlsClientConfig.builder("127.0.0.1", server.address().getPort(), MAF_FQDN)
            .psk(new PskCredential(KM_ID, KM, null)).exporterLabels(LABELS).build();
        try (SecureSession viaPsk = channels.connect(pskClient)) {
            RecordingHandler.Seen seen = handler.next();
            assertEquals(SecureSession.Authentication.PSK, seen.authentication);
            assertEquals(Optional.of(ENTITY_ID), seen.peerId);
            assertTrue(Suites.isPsk(viaPsk.cipherSuite()));
            assertArrayEquals(seen.exported.get(0), viaPsk.exported(KeyExport.CONNECTION_LABEL));
        }
    }

    private static Optional<String> sanUri(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) return Optional.empty();
            return names.stream().filter(n -> ((Integer) n.get(0)) == 6).map(n -> (String) n.get(1)).findFirst();
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
    }
}
