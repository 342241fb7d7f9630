package org.example.mef.impl.server;

import static org.example.mef.impl.est.CsrFixtures.csr;
import static org.example.mef.impl.est.CsrFixtures.ec;
import static org.example.mef.impl.server.EstFixture.CSE;
import static org.example.mef.impl.server.EstFixture.ENROLEE;
import static org.example.mef.impl.server.EstFixture.KPM;
import static org.example.mef.impl.server.EstFixture.KPM_ID;
import static org.example.mef.impl.server.EstFixture.MEF;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.est.AttrOrOID;
import org.bouncycastle.asn1.est.CsrAttrs;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.est.CACertsResponse;
import org.bouncycastle.est.CSRAttributesResponse;
import org.bouncycastle.est.ESTException;
import org.bouncycastle.est.ESTService;
import org.bouncycastle.est.EnrollmentResponse;
import org.bouncycastle.est.jcajce.JsseESTServiceBuilder;
import org.bouncycastle.est.jcajce.SSLSocketFactoryCreator;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.example.mef.impl.est.CertSubject;
import org.example.mef.impl.est.CsrFixtures;
import org.example.mef.impl.server.config.MefCertificateClientComponent;
import org.example.mef.impl.server.config.MefCertificateClientConfiguration;
import org.example.onem2m.testsupport.Configs;
import org.example.onem2m.testsupport.TestPki;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Bouncy Castle's own EST client (bcpkix {@link JsseESTServiceBuilder}, over BC's JSSE provider) against the MEF's EST
 * server with certificate-based mutual TLS (RFC 7030 3.3.2, TS-0003 8.3.6.2.2 pre-condition B.ii): the MEF Client's
 * third-party certificate (provisioned, as on the MEF's port) for cacerts, csrattrs, simpleenroll and serverkeygen, and
 * then the EST client certificate the MEF CA issued for simplereenroll (8.3.6.2.3). What it gets chains to the MEF CA and
 * names the subject the CERT_PROV command asked for.
 */
public class EstBouncyCastleInteropTest {
    @Rule public final TemporaryFolder folder = new TemporaryFolder();
    private final TestPki pki;
    private final TestPki.Issued mefCertificate;
    private final TestPki.Issued enroleeCertificate;
    private EstFixture mef;
    private KeyPair p256;

    public EstBouncyCastleInteropTest() throws Exception {
        pki = new TestPki("oneM2M MEF test CA");
        mefCertificate = pki.server(MEF);
        enroleeCertificate = pki.client("cse-a", ENROLEE);
    }

    @Before
    public void start() throws Exception {
        Path dir = folder.getRoot().toPath();
        mef = new EstFixture(dir,
                "certificateChainFile", TestPki.pem(dir.resolve("chain.pem"), "CERTIFICATE", mefCertificate.certificate().getEncoded()).toString(),
                "privateKeyFile", TestPki.pem(dir.resolve("key.pem"), "PRIVATE KEY", mefCertificate.privateKey().getEncoded()).toString(),
                "clientTrustAnchorsFile", TestPki.pem(dir.resolve("anchors.pem"), "CERTIFICATE", pki.ca.getEncoded()).toString());
        mef.server.addCertificateClient(new MefCertificateClientComponent(Configs.of(MefCertificateClientConfiguration.class, "clientId", ENROLEE,
                "certificateFile", TestPki.pem(dir.resolve("enrolee.pem"), "CERTIFICATE", enroleeCertificate.certificate().getEncoded()).toString())));
        p256 = ec("secp256r1");
    }

    @After
    public void stop() throws IOException {
        mef.close();
    }

    /** BC's EST client authenticating with {@code key}/{@code chain} and trusting {@code anchors} for the MEF's certificate. */
    private ESTService est(PrivateKey key, List<X509Certificate> chain, X509Certificate... anchors) {
        return new JsseESTServiceBuilder(MEF + ":" + mef.estPort(), new SSLSocketFactoryCreator() {
            @Override
            public SSLSocketFactory createFactory() throws Exception {
                char[] password = "test".toCharArray();
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", key, password, chain.toArray(X509Certificate[]::new));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, password);
                KeyStore trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                for (int i = 0; i < anchors.length; i++) trusted.setCertificateEntry("anchor" + i, anchors[i]);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
                tmf.init(trusted);
                SSLContext tls = SSLContext.getInstance("TLSv1.2", new BouncyCastleJsseProvider(CsrFixtures.BC));
                tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
                return new LoopbackSni(tls.getSocketFactory(), mef.estPort());
            }

            @Override
            public boolean isTrusted() { return true; }
        }).withTimeout(10_000).build();
    }

    private ESTService asEnrolee() {
        return est(enroleeCertificate.privateKey(), enroleeCertificate.chain(), pki.ca);
    }

    private static X509Certificate only(org.bouncycastle.util.Store<X509CertificateHolder> store) throws Exception {
        X509CertificateHolder[] certificates = ESTService.storeToArray(store);
        assertEquals(1, certificates.length);
        return new JcaX509CertificateConverter().getCertificate(certificates[0]);
    }

    private static Set<String> uriSans(X509Certificate certificate) throws Exception {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        return names.stream().filter(n -> (Integer) n.get(0) == 6).map(n -> (String) n.get(1)).collect(Collectors.toSet());
    }

    /** Chains to the MEF CA, names {@code subject} only, is a TLS client certificate, and was recorded by the CA. */
    private void assertIssuedFor(X509Certificate certificate, CertSubject subject) throws Exception {
        X509Certificate ca = mef.est().ca().caCertificate();
        certificate.verify(ca.getPublicKey());
        assertEquals(ca.getSubjectX500Principal(), certificate.getIssuerX500Principal());
        assertEquals(Set.of(subject.uri()), uriSans(certificate));
        assertTrue(certificate.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"));
        assertTrue("recorded before the answer", mef.issued().contains(certificate));
    }

    @Test
    public void cacertsGivesBouncyCastleTheMefCa_RFC7030_4_1_TS0003_8_3_6_2_2_step1() throws Exception {
        CACertsResponse answer = asEnrolee().getCACerts();
        assertTrue(answer.hasCertificates());
        assertEquals(mef.est().ca().caCertificate(), only(answer.getCertificateStore()));
    }

    @Test
    public void csrattrsAskForP256EcdsaAndTheSubjectOfThePendingCommand_RFC7030_4_5_TS0003_8_3_6_2_2_step2() throws Exception {
        mef.pendingCertProv(CSE);
        CSRAttributesResponse attributes = asEnrolee().getCSRAttributes().getAttributesResponse();
        assertTrue(attributes.hasRequirement(X9ObjectIdentifiers.ecdsa_with_SHA256));
        assertTrue(attributes.isAttribute(X9ObjectIdentifiers.id_ecPublicKey));
        assertTrue(attributes.isAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest));
        for (AttrOrOID a : CsrAttrs.getInstance(attributes.getEncoded()).getAttrOrOIDs()) {
            if (!a.isOid() && a.getAttribute().getAttrType().equals(X9ObjectIdentifiers.id_ecPublicKey))
                assertEquals(SECObjectIdentifiers.secp256r1, a.getAttribute().getAttrValues().getObjectAt(0));
            if (!a.isOid() && a.getAttribute().getAttrType().equals(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
                ASN1Encodable value = a.getAttribute().getAttrValues().getObjectAt(0);
                GeneralNames san = GeneralNames.getInstance(Extensions.getInstance(value).getExtension(Extension.subjectAlternativeName).getParsedValue());
                assertEquals(CSE.subjectAltName(), san.getNames()[0]);
            }
        }
    }

    @Test
    public void simpleenrollIssuesACertificateOfTheMefCaForTheCommandsSubject_8_3_6_2_2_step3() throws Exception {
        mef.pendingCertProv(CSE);
        EnrollmentResponse answer = asEnrolee().simpleEnroll(false, csr(p256, CSE), null);
        assertTrue(answer.isCompleted());
        X509Certificate issued = only(answer.getStore());
        assertIssuedFor(issued, CSE);
        assertArrayEquals(p256.getPublic().getEncoded(), issued.getPublicKey().getEncoded());
    }

    @Test
    public void simplereenrollWithTheMefCaCertificateRenewsItWithoutACommand_8_3_6_2_3() throws Exception {
        String regId = mef.pendingCertProv(CSE);
        X509Certificate first = only(asEnrolee().simpleEnroll(false, csr(p256, CSE), null).getStore());
        mef.reportCommand(KPM_ID, KPM, regId, "1", 20); // the command is over: only the certificate authorises now
        KeyPair rekeyed = ec("secp256r1");
        ESTService renewing = est(p256.getPrivate(), List.of(first), pki.ca);
        X509Certificate second = only(renewing.simpleEnroll(true, csr(rekeyed, CSE), null).getStore());
        assertIssuedFor(second, CSE);
        assertNotEquals(first.getSerialNumber(), second.getSerialNumber());
        assertArrayEquals(rekeyed.getPublic().getEncoded(), second.getPublicKey().getEncoded());

        CertSubject other = new CertSubject(CertSubject.Type.CSE, "/id-mn-cse-2");
        int before = mef.issued().size();
        assertEquals("a MEF CA certificate renews its own subject only", 403, status(() -> renewing.simpleEnroll(true, csr(rekeyed, other), null)));
        assertEquals("and does not enrol afresh (RFC 7030 4.2.2)", 403, status(() -> renewing.simpleEnroll(false, csr(rekeyed, CSE), null)));
        assertEquals(before, mef.issued().size());
    }

    @Test
    public void aCertificateSupersededByItsRenewalRenewsNoMore_8_3_6_2_3() throws Exception {
        String regId = mef.pendingCertProv(CSE);
        X509Certificate first = only(asEnrolee().simpleEnroll(false, csr(p256, CSE), null).getStore());
        mef.reportCommand(KPM_ID, KPM, regId, "1", 20);
        KeyPair rekeyed = ec("secp256r1");
        X509Certificate second = only(est(p256.getPrivate(), List.of(first), pki.ca).simpleEnroll(true, csr(rekeyed, CSE), null).getStore());
        int before = mef.issued().size();
        // pre-condition B: "the certificate from the most recent such procedure"; else one certificate mints any number
        assertTrue(refusal(() -> est(p256.getPrivate(), List.of(first), pki.ca).simpleEnroll(true, csr(ec("secp256r1"), CSE), null))
                .contains("403 the certificate " + first.getSerialNumber().toString(16) + " for " + CSE.uri() + " was superseded by "
                        + second.getSerialNumber().toString(16)));
        assertEquals(before, mef.issued().size());
        X509Certificate third = only(est(rekeyed.getPrivate(), List.of(second), pki.ca).simpleEnroll(true, csr(ec("secp256r1"), CSE), null).getStore());
        assertIssuedFor(third, CSE);
    }

    @Test
    public void aSupersededCertificateWhoseClientHoldsANewCertProvEnrolsUnderIt_8_3_6_2_3_8_3_9_7() throws Exception {
        // the project's MEF Client renews with the certificate it holds even for a new CERT_PROV: when another enrolment
        // superseded that certificate, the command authorises it
        String regId = mef.pendingCertProv(CSE);
        X509Certificate first = only(asEnrolee().simpleEnroll(false, csr(p256, CSE), null).getStore());
        X509Certificate second = only(asEnrolee().simpleEnroll(false, csr(ec("secp256r1"), CSE), null).getStore()); // supersedes first
        mef.reportCommand(KPM_ID, KPM, regId, "1", 20);
        assertEquals("no command: the superseded certificate renews no more", 403,
                status(() -> est(p256.getPrivate(), List.of(first), pki.ca).simpleEnroll(true, csr(ec("secp256r1"), CSE), null)));
        mef.pendingCertProv(regId, CSE); // a new CERT_PROV for the same client
        X509Certificate third = only(est(p256.getPrivate(), List.of(first), pki.ca).simpleEnroll(true, csr(ec("secp256r1"), CSE), null).getStore());
        assertIssuedFor(third, CSE);
        assertNotEquals(second.getSerialNumber(), third.getSerialNumber());
    }

    @Test
    public void serverkeygenReturnsAKeyOfTheMefAndItsCertificate_RFC7030_4_4_TS0003_8_3_6_2_1() throws Exception {
        mef.pendingCertProv(CSE);
        EnrollmentResponse answer = asEnrolee().simpleEnrollWithServersideCreation(csr(p256, CSE), null);
        assertNotNull("the private key part (application/pkcs8)", answer.getPrivateKeyInfo());
        PrivateKey key = new JcaPEMKeyConverter().getPrivateKey(answer.getPrivateKeyInfo());
        X509Certificate issued = only(answer.getStore());
        assertIssuedFor(issued, CSE);
        assertNotEquals("a key the MEF generated, not the CSR's", p256.getPublic(), issued.getPublicKey());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(issued.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue("the key is the certificate's", verifier.verify(signature));
        byte[] generated = key.getEncoded();
        try (java.util.stream.Stream<java.nio.file.Path> files = Files.walk(mef.caDirectory)) { // the key's bytes, in no file of the CA
            assertTrue("the MEF keeps no generated key", files.filter(Files::isRegularFile).noneMatch(f -> contains(f, generated)));
        }
    }

    /** Whether {@code file} holds {@code bytes} (the DER of a key, or its base64 in a PEM file). */
    private static boolean contains(java.nio.file.Path file, byte[] bytes) {
        try {
            byte[] content = Files.readAllBytes(file);
            String pem = java.util.Base64.getEncoder().encodeToString(bytes);
            return indexOf(content, bytes) >= 0 || new String(content, java.nio.charset.StandardCharsets.US_ASCII).replaceAll("\\s", "").contains(pem);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    private interface Call {
        void run() throws Exception;
    }

    /** The refusal's status and text/plain body, "403 the certificate ...". */
    private static String refusal(Call call) throws Exception {
        try {
            call.run();
        } catch (ESTException e) {
            return e.getStatusCode() + " " + (e.getBody() == null ? "" : new String(e.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        throw new AssertionError("not refused");
    }

    private static int status(Call call) throws Exception {
        try {
            call.run();
        } catch (ESTException e) {
            return e.getStatusCode();
        }
        throw new AssertionError("not refused");
    }

    /**
     * Connects to the MEF's EST port on loopback whatever host the EST URL names, and names that host in SNI (TS-0003
     * 10.2.1): {@code mef.example.com} need not resolve.
     */
    private static final class LoopbackSni extends SSLSocketFactory {
        private final SSLSocketFactory tls;
        private final int port;

        LoopbackSni(SSLSocketFactory tls, int port) {
            this.tls = tls;
            this.port = port;
        }

        @Override
        public Socket createSocket(String host, int ignored) throws IOException {
            SSLSocket socket = (SSLSocket) tls.createSocket();
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            socket.setSSLParameters(parameters);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            return socket;
        }

        @Override public Socket createSocket(Socket s, String host, int p, boolean autoClose) throws IOException { return tls.createSocket(s, host, p, autoClose); }
        @Override public String[] getDefaultCipherSuites() { return tls.getDefaultCipherSuites(); }
        @Override public String[] getSupportedCipherSuites() { return tls.getSupportedCipherSuites(); }
        @Override public Socket createSocket(String host, int p, InetAddress local, int localPort) throws IOException { return createSocket(host, p); }
        @Override public Socket createSocket(InetAddress host, int p) throws IOException { return createSocket(host.getHostName(), p); }
        @Override public Socket createSocket(InetAddress host, int p, InetAddress local, int localPort) throws IOException { return createSocket(host.getHostName(), p); }
    }
}
