package org.example.mef.impl.server;

import static org.example.mef.impl.est.CsrFixtures.csr;
import static org.example.mef.impl.est.CsrFixtures.ec;
import static org.example.mef.impl.est.CsrFixtures.rsa;
import static org.example.mef.impl.server.EstFixture.CSE;
import static org.example.mef.impl.server.EstFixture.ENROLEE;
import static org.example.mef.impl.server.EstFixture.KPM;
import static org.example.mef.impl.server.EstFixture.KPM_ID;
import static org.example.mef.impl.server.EstFixture.MEF;
import static org.example.mef.impl.server.EstFixture.OTHER;
import static org.example.mef.impl.server.EstFixture.OTHER_KPM;
import static org.example.mef.impl.server.EstFixture.OTHER_KPM_ID;
import static org.example.mef.impl.server.EstFixture.enrol;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.example.mef.impl.est.CertSubject;
import org.example.tef.api.wire.HttpRequestMessage;
import org.example.tef.api.wire.HttpResponseMessage;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What the MEF's EST server refuses (TS-0003 8.3.6.2, 8.3.9.7, RFC 7030 3.3, 4.2.3), each with its status and a
 * text/plain reason, and with nothing issued: CSRs that fail their checks, clients without a pending CERT_PROV command
 * or with one for another subject, HTTP-based authentication, unknown operations, and TLS clients that do not
 * authenticate (their handshake fails).
 */
public class EstRefusalsTest {
    @Rule public final TemporaryFolder folder = new TemporaryFolder();
    private EstFixture mef;
    private KeyPair p256;
    private int issuedBefore;

    @Before
    public void start() throws Exception {
        mef = new EstFixture(folder.getRoot().toPath());
        p256 = ec("secp256r1");
        issuedBefore = mef.issued().size(); // the EST server's own certificate
    }

    @After
    public void stop() throws IOException {
        mef.close();
    }

    /** The answer has {@code status}, a text/plain reason containing {@code reason}, and nothing more was issued. */
    private void assertRefused(HttpResponseMessage answer, int status, String reason) throws IOException {
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        assertEquals(text, status, answer.status());
        assertTrue(answer.toString(), answer.header("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(text, text.contains(reason));
        assertEquals("nothing issued", issuedBefore, mef.issued().size());
    }

    private HttpResponseMessage enrolAsEnrolee(PKCS10CertificationRequest csr) throws IOException {
        return mef.est(KPM_ID, KPM, enrol("simpleenroll", csr));
    }

    @Test
    public void aGoodCsrWithAPendingCommandIsIssued_controlForTheRefusals_8_3_6_2_2() throws Exception {
        mef.pendingCertProv(CSE);
        HttpResponseMessage answer = enrolAsEnrolee(csr(p256, CSE));
        assertEquals(new String(answer.body(), StandardCharsets.UTF_8), 200, answer.status());
        assertEquals(issuedBefore + 1, mef.issued().size());
    }

    @Test
    public void aPendingCommandAllowsThreeCertificatesNotMore_8_3_9_7() throws Exception {
        mef.pendingCertProv(CSE);
        for (int i = 0; i < 3; i++) assertEquals(200, enrolAsEnrolee(csr(p256, CSE)).status()); // an answer lost twice: enrolled again
        assertEquals(issuedBefore + 3, mef.issued().size());
        issuedBefore = mef.issued().size();
        assertRefused(enrolAsEnrolee(csr(p256, CSE)), 403, "has issued 3 certificate(s) for CERT_PROV command");
        assertRefused(mef.est(KPM_ID, KPM, enrol("serverkeygen", csr(p256, CSE))), 403, "certificatesPerCommand");
    }

    @Test
    public void aCsrWhoseSignatureDoesNotVerifyIsRefused_RFC7030_4_2_1() throws Exception {
        mef.pendingCertProv(CSE);
        CertificationRequest good = csr(p256, CSE).toASN1Structure();
        byte[] signature = good.getSignature().getBytes();
        signature[signature.length / 2] ^= 0x01;
        PKCS10CertificationRequest tampered = new PKCS10CertificationRequest(new CertificationRequest(good.getCertificationRequestInfo(),
                good.getSignatureAlgorithm(), new DERBitString(signature)));
        assertRefused(enrolAsEnrolee(tampered), 400, "signature");
    }

    @Test
    public void serverkeygenAskingForTheKeyEncryptedIsRefused_RFC7030_4_4_1_1() throws Exception {
        mef.pendingCertProv(CSE);
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(CSE.subjectAltName()));
        PKCS10CertificationRequest asksEncrypted = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x"), p256.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .addAttribute(PKCSObjectIdentifiers.id_aa.branch("37"), new DEROctetString("no-such-key".getBytes(StandardCharsets.US_ASCII)))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(p256.getPrivate()));
        assertRefused(mef.est(KPM_ID, KPM, enrol("serverkeygen", asksEncrypted)), 400, "DecryptKeyIdentifier");
        PKCS10CertificationRequest asksAsymmetric = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x"), p256.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .addAttribute(PKCSObjectIdentifiers.id_aa.branch("54"), new DEROctetString("no-such-key".getBytes(StandardCharsets.US_ASCII)))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(p256.getPrivate()));
        assertRefused(mef.est(KPM_ID, KPM, enrol("serverkeygen", asksAsymmetric)), 400, "AsymmetricDecryptKeyIdentifier");
        assertEquals("the command was not used up", 200, mef.est(KPM_ID, KPM, enrol("serverkeygen", csr(p256, CSE))).status());
    }

    @Test
    public void aCsrSignedOverSha1IsRefused_RFC7030_4_5() throws Exception {
        mef.pendingCertProv(CSE);
        assertRefused(enrolAsEnrolee(org.example.mef.impl.est.CsrFixtures.csr(p256, CSE, "SHA1withECDSA")), 400, "signature algorithm");
    }

    @Test
    public void aCsrWithAWeakKeyIsRefused_10_1_4_10_2_3() throws Exception {
        mef.pendingCertProv(CSE);
        assertRefused(enrolAsEnrolee(csr(rsa(1024), CSE)), 400, "1024 bits");
        assertRefused(enrolAsEnrolee(csr(ec("secp192r1"), CSE)), 400, "P-256");
    }

    @Test
    public void aCsrWithoutTheSubjectAltNameOrNotACsrIsRefused_10_1_4() throws Exception {
        mef.pendingCertProv(CSE);
        assertRefused(enrolAsEnrolee(csr(p256, "CN=cse-1")), 400, "no subjectAltName");
        assertRefused(mef.est(KPM_ID, KPM, HttpRequestMessage.of("POST", "/.well-known/est/simpleenroll", "bm90IGEgQ1NS".getBytes(StandardCharsets.US_ASCII))
                .withHeader("Content-Type", "application/pkcs10")), 400, "not a base64 DER PKCS#10");
        assertRefused(mef.est(KPM_ID, KPM, HttpRequestMessage.of("POST", "/.well-known/est/simpleenroll", csr(p256, CSE).getEncoded())
                .withHeader("Content-Type", "application/octet-stream")), 415, "application/pkcs10");
    }

    @Test
    public void aClientWithNoPendingCommandIsRefused_8_3_9_7() throws Exception {
        assertRefused(enrolAsEnrolee(csr(p256, CSE)), 403, "no pending CERT_PROV command for MEF Client " + ENROLEE);
        mef.register(KPM_ID, KPM);
        assertRefused(enrolAsEnrolee(csr(p256, CSE)), 403, "no pending CERT_PROV command");
        assertRefused(mef.est(KPM_ID, KPM, enrol("serverkeygen", csr(p256, CSE))), 403, "no pending CERT_PROV command");
        assertRefused(mef.est(KPM_ID, KPM, enrol("simplereenroll", csr(p256, CSE))), 403, "no pending CERT_PROV command");
    }

    @Test
    public void aCommandQueuedButNotYetRetrievedDoesNotAuthorise_8_3_9_2() throws Exception {
        String regId = mef.register(KPM_ID, KPM);
        mef.server.queueCertProv(regId, CSE);
        assertRefused(enrolAsEnrolee(csr(p256, CSE)), 403, "no pending CERT_PROV command");
    }

    @Test
    public void aCommandReportedOnNoLongerAuthorises_8_3_9_3() throws Exception {
        String regId = mef.pendingCertProv(CSE);
        mef.reportCommand(KPM_ID, KPM, regId, "1", 20);
        assertRefused(enrolAsEnrolee(csr(p256, CSE)), 403, "no pending CERT_PROV command");
    }

    @Test
    public void aCsrForAnotherSubjectIsRefused_8_3_6_2() throws Exception {
        mef.pendingCertProv(CSE);
        assertRefused(enrolAsEnrolee(csr(p256, new CertSubject(CertSubject.Type.CSE, "/id-mn-cse-2"))), 403, "/id-mn-cse-2");
        assertRefused(enrolAsEnrolee(csr(p256, new CertSubject(CertSubject.Type.AE, "/id-mn-cse-1"))), 400, "not in the name form of a CSE");
    }

    /**
     * The refusal's INFO line quotes the CSR's subjectAltName; a CR or LF in it is written as an escape, so that an
     * enrolee cannot start a forged line in the operator's log (slf4j-simple, the tests' binding, writes to
     * System.err as it is when the line is written).
     */
    @Test
    public void aRefusalQuotingTheCsrIsLoggedOnOneLine_8_3_6_2() throws Exception {
        mef.pendingCertProv(CSE);
        CertSubject forged = new CertSubject(CertSubject.Type.CSE, "/id-mn-cse-2\r\n2030-01-01 INFO forged");
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            assertRefused(enrolAsEnrolee(csr(p256, "CN=x", forged.subjectAltName())), 403, "/id-mn-cse-2");
        } finally {
            System.setErr(before);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text, text.contains("refused (403)") && text.contains("/id-mn-cse-2\\u000d\\u000a2030-01-01 INFO forged"));
        assertTrue("no line starts with what the enrolee sent: " + text, !text.contains("\n2030-01-01 INFO forged"));
    }

    @Test
    public void oneClientsCommandDoesNotAuthoriseAnotherClient_8_3_6_2_2_step3d() throws Exception {
        mef.pendingCertProv(CSE);
        mef.register(OTHER_KPM_ID, OTHER_KPM);
        assertRefused(mef.est(OTHER_KPM_ID, OTHER_KPM, enrol("simpleenroll", csr(p256, CSE))), 403, "no pending CERT_PROV command for MEF Client " + OTHER);
    }

    @Test
    public void httpBasicCredentialsAreRefusedEvenWithAPendingCommand_8_3_6_2_1() throws Exception {
        mef.pendingCertProv(CSE);
        assertRefused(mef.est(KPM_ID, KPM, enrol("simpleenroll", csr(p256, CSE)).withHeader("Authorization", "Basic dXNlcjpwYXNzd29yZA==")),
                403, "HTTP-based client authentication is not used");
        assertRefused(mef.est(KPM_ID, KPM, HttpRequestMessage.of("GET", "/.well-known/est/cacerts", null).withHeader("Authorization", "Basic eDp5")),
                403, "TS-0003 8.3.6.2.1");
    }

    @Test
    public void anUnknownOperationIs404AndAWrongMethod405_RFC7030_3_2_2() throws Exception {
        assertRefused(mef.est(KPM_ID, KPM, HttpRequestMessage.of("GET", "/.well-known/est/fullcmc", null)), 404, "no EST operation");
        assertRefused(mef.est(KPM_ID, KPM, HttpRequestMessage.of("GET", "/~/mef.example.com/mefBase", null)), 404, "no EST operation");
        HttpResponseMessage wrong = mef.est(KPM_ID, KPM, HttpRequestMessage.of("POST", "/.well-known/est/cacerts", new byte[1]));
        assertRefused(wrong, 405, "GET only");
        assertEquals("GET", wrong.header("Allow").orElseThrow());
        assertRefused(mef.est(KPM_ID, KPM, HttpRequestMessage.of("GET", "/.well-known/est/simpleenroll", null)), 405, "POST only");
    }

    @Test
    public void aPskClientTheMefDoesNotKnowFailsTheHandshake_RFC7030_3_3_3() {
        assertThrows(IOException.class, () -> mef.estSession("stranger@mef.example.com", KPM).close());
        assertThrows(IOException.class, () -> mef.estSession(KPM_ID, OTHER_KPM).close());
    }

    @Test
    public void aTlsClientWithoutCertificateOrPskFailsTheHandshake_RFC7030_3_3_2() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLSv1.2");
        tls.init(null, new TrustManager[] {new X509TrustManager() { // the server's certificate is not what is tested here
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), mef.estPort())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(MEF)));
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(10_000);
            assertThrows(IOException.class, () -> {
                socket.startHandshake();
                socket.getOutputStream().write("GET /.well-known/est/cacerts HTTP/1.1\r\nHost: mef.example.com\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                if (socket.getInputStream().read() < 0) throw new IOException("closed without an answer");
            });
        }
    }

    @Test
    public void aScepCommandOrAnotherServersUriIsNotQueued_8_3_9_7() throws Exception {
        String regId = mef.register(KPM_ID, KPM);
        String scep = "{\"cmdClassID\":1,\"cmdArgs\":{\"certProvCmdArgs\":{\"certProvProtocolID\":2,\"URI\":\"https://" + MEF
                + "/scep\",\"certSubjectType\":2,\"certSubjectID\":\"/id-mn-cse-1\"}}}";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> mef.server.enqueue(regId, scep)).getMessage().contains("SCEP"));
        String foreign = "{\"cmdClassID\":1,\"cmdArgs\":{\"certProvCmdArgs\":{\"certProvProtocolID\":1,\"URI\":\"https://ca.example.org/.well-known/est/\","
                + "\"certSubjectType\":2,\"certSubjectID\":\"/id-mn-cse-1\"}}}";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> mef.server.enqueue(regId, foreign)).getMessage().contains("must be this MEF's FQDN"));
        assertTrue(mef.server.commands(regId).isEmpty());
    }
}
