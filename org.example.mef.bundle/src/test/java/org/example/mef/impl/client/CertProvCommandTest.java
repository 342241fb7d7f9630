package org.example.mef.impl.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bouncycastle.asn1.x509.GeneralName;
import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientBuilder;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.ProvisionedCertificate;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.api.Hex;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsServerConfig;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.core.certificates.CertificateMode;
import org.example.onem2m.testsupport.Failures;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonParser;

/**
 * CERT_PROV MEF Client Commands (TS-0003 8.3.9.7) processed by the client's EST executor (8.3.6.2) against a scripted MEF
 * (the commands, over a real TLS-PSK MEF Handshake) and the test EST responder (the MEF's EST port): the argument checks
 * of step 4, the exchange, the status of step 6 for each way it can end, and what is installed.
 */
public class CertProvCommandTest {
    static final String MEF = "mef.example.com";
    static final String CLIENT = "//sp.example.com/cse-a";
    static final String KPM_ID = "kpm-cse-a@mef.example.com";
    static final byte[] KPM = Hex.decode("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    static final String REG = "mfr-1";
    static final String NO_MORE = cmd("0", "{\"cmdClassID\":0,\"cmdArgs\":{\"noMoreCmdArgs\":{\"retryDuration\":\"PT1H\"}}}");

    @Rule public final TemporaryFolder folder = new TemporaryFolder();

    private final SecureChannels channels = TefStandalone.secureChannels();
    private final Deque<String> script = new ConcurrentLinkedDeque<>();
    /** The reports received, as "cmdID:cmdStatusCode". */
    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final List<MefClient> clients = new ArrayList<>();
    private SecureChannels.Server mef;
    private TestEstResponder est;

    static String cmd(String id, String description) {
        return "{\"sec:mefClientCmd\":{\"cmdID\":\"" + id + "\",\"cmdDescription\":" + description + ",\"cmdStatusCode\":10}}";
    }

    static String certProv(String id, int protocol, String uri, int subjectType, String subjectId) {
        return cmd(id, "{\"cmdClassID\":1,\"cmdArgs\":{\"certProvCmdArgs\":{\"certProvProtocolID\":" + protocol + ",\"URI\":\"" + uri
                + "\",\"certSubjectType\":" + subjectType + ",\"certSubjectID\":\"" + subjectId + "\"}}}");
    }

    private String estUri() { return "https://" + MEF + ":" + est.port() + TestEstResponder.BASE; }

    @Before
    public void startAScriptedMefAndItsEstPort() throws Exception {
        PskCredential kpm = new PskCredential(KPM_ID, KPM, CLIENT);
        mef = ScriptedMef.listen(channels, TefStandalone.primitiveTransport(), MEF, kpm, script, NO_MORE, reports);
        est = new TestEstResponder(MEF, kpm, Clock.systemUTC());
    }

    @After
    public void stop() throws IOException {
        clients.forEach(MefClient::close);
        mef.close();
        est.close();
    }

    private MefClientConfig config() {
        return MefClientConfig.withPsk(MEF, "127.0.0.1", mef.address().getPort(), CLIENT, KPM_ID, KPM);
    }

    private MefClient client(MefClientConfig config) {
        MefClient c = MefClientBuilder.create().build(config);
        clients.add(c);
        return c;
    }

    private Path certificates() { return folder.getRoot().toPath().resolve("certificates"); }

    private MefClient clientWithCertificates() { return client(config().withCertificateDirectory(certificates())); }

    @Test
    public void aCertProvByEstInstallsTheCertificateAndReportsOk_8_3_9_7() throws Exception {
        script.add(certProv("1", 1, estUri(), 2, CLIENT));
        MefClient client = clientWithCertificates();
        client.processCommands(REG);
        assertEquals(List.of("1:20"), reports);
        assertEquals(List.of("GET /.well-known/est/cacerts", "GET /.well-known/est/csrattrs", "POST /.well-known/est/simpleenroll"),
                est.requestLines());
        for (TestEstResponder.Seen s : est.seen) {
            // RFC 7030 3.3.3: certificate-less, with the Kpm of the MEF Handshake; SNI the URI's host, the MEF-FQDN
            assertEquals(SecureSession.Authentication.PSK, s.authentication());
            assertEquals(KPM_ID, s.peer());
            assertEquals(MEF, s.serverName());
        }
        TestEstResponder.Seen enrol = est.seen.get(2);
        assertEquals("application/pkcs10", enrol.contentType());
        assertEquals("base64", enrol.transferEncoding());
        List<ProvisionedCertificate> held = client.provisionedCertificates();
        assertEquals(1, held.size());
        ProvisionedCertificate p = held.get(0);
        assertEquals(2, p.certSubjectType);
        assertEquals(CLIENT, p.certSubjectId);
        assertEquals(List.of(est.pki.ca), p.caCertificates());
        assertTrue(CertificateMode.belongTogether(p.credential().privateKey(), p.certificate()));
        assertEquals(List.of(List.of(GeneralName.uniformResourceIdentifier, "urn:onem2m:cse:" + CLIENT)),
                List.copyOf(p.certificate().getSubjectAlternativeNames()));
        assertFalse("no key in toString", p.toString().contains("PRIVATE"));
    }

    @Test
    public void theCertificateSurvivesAReopenAndItsKeyFileIsOwnerOnly_8_3_6_2_2() throws Exception {
        script.add(certProv("1", 1, estUri(), 2, CLIENT));
        MefClient first = clientWithCertificates();
        first.processCommands(REG);
        ProvisionedCertificate provisioned = first.provisionedCertificates().get(0);
        first.close();
        ProvisionedCertificate reopened = clientWithCertificates().provisionedCertificates().get(0);
        assertEquals(provisioned.certificate(), reopened.certificate());
        assertEquals(provisioned.credential().privateKey(), reopened.credential().privateKey());
        assertEquals(provisioned.caCertificates(), reopened.caCertificates());
        assertEquals(provisioned.estBaseUri, reopened.estBaseUri);
        try (var files = Files.list(certificates())) {
            List<Path> keys = files.filter(f -> f.toString().endsWith(".key.pem")).toList();
            assertEquals(1, keys.size());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.get(0))));
        }
        try (var files = Files.list(certificates())) {
            assertTrue("no temporary file left", files.noneMatch(f -> f.toString().endsWith(".tmp")));
        }
    }

    @Test
    public void aSecondCertProvForTheSameSubjectReEnrolsWithTheHeldCertificate_8_3_6_2_3() throws Exception {
        script.add(certProv("1", 1, estUri(), 2, CLIENT));
        script.add(certProv("2", 1, estUri(), 2, CLIENT));
        MefClient client = clientWithCertificates();
        client.processCommands(REG);
        assertEquals(List.of("1:20", "2:20"), reports);
        TestEstResponder.Seen reenrol = est.seen.get(5);
        assertEquals("POST /.well-known/est/simplereenroll", reenrol.method() + " " + reenrol.path());
        // RFC 7030 3.3.2: authenticated by the certificate being renewed, not the PSK
        assertEquals(SecureSession.Authentication.CERTIFICATE, reenrol.authentication());
        assertEquals(1, client.provisionedCertificates().size());
    }

    @Test
    public void aCertProvForAnotherFqdnIsUnacceptable_8_3_9_7() throws Exception {
        script.add(certProv("1", 1, "https://other.example.com:" + est.port() + TestEstResponder.BASE, 2, CLIENT));
        clientWithCertificates().processCommands(REG);
        assertEquals(List.of("1:43"), reports);
        assertEquals("nothing asked of the EST server", List.of(), est.seen);
    }

    @Test
    public void aCertProvOfScepIsUnacceptable_8_3_9_7() throws Exception {
        script.add(certProv("1", 2, estUri(), 2, CLIENT));
        clientWithCertificates().processCommands(REG);
        assertEquals(List.of("1:43"), reports);
        assertEquals(List.of(), est.seen);
    }

    @Test
    public void aCertProvForASubjectTypeTheClientDoesNotActAsIsUnacceptable_8_3_9_7() throws Exception {
        script.add(certProv("1", 1, estUri(), 3, "Cae-1"));
        script.add(certProv("2", 1, estUri(), 1, "urn:dev:ops:device-1"));
        client(config().withCertificateDirectory(certificates()).withCertificateSubjectTypes(2)).processCommands(REG); // a CSE's client
        assertEquals(List.of("1:43", "2:43"), reports);
        assertEquals(List.of(), est.seen);
    }

    @Test
    public void anAeSubjectWhoseIdIsNoAeIdIsUnacceptable_8_3_9_7() throws Exception {
        script.add(certProv("1", 1, estUri(), 3, "//sp.example.com/cse-a"));
        clientWithCertificates().processCommands(REG);
        assertEquals(List.of("1:43"), reports);
    }

    @Test
    public void aClientWithoutCertificateDirectoryDoesNotSupportCertProv_8_3_9_2_5c() throws Exception {
        script.add(certProv("1", 1, estUri(), 2, CLIENT));
        client(config()).processCommands(REG);
        assertEquals(List.of("1:41"), reports);
    }

    /** A CERT_PROV whose enrolment the EST server answers so: reported CERT_PROV_SERVER_ERROR (100), nothing installed. */
    private void assertServerError(TestEstResponder.EnrolAnswer answer) throws Exception {
        est.enrolAnswer = answer;
        script.add(certProv("1", 1, estUri(), 2, CLIENT));
        MefClient client = clientWithCertificates();
        client.processCommands(REG);
        assertEquals(List.of("1:100"), reports);
        assertEquals(List.of(), client.provisionedCertificates());
    }

    @Test
    public void aRefusalByTheEstServerIsAServerError_8_3_9_5_9() throws Exception {
        assertServerError(TestEstResponder.EnrolAnswer.REFUSE_403);
    }

    @Test
    public void anInternalErrorOfTheEstServerIsAServerError_8_3_9_5_9() throws Exception {
        assertServerError(TestEstResponder.EnrolAnswer.ERROR_500);
    }

    @Test
    public void garbageFromTheEstServerIsAServerError_8_3_9_5_9() throws Exception {
        assertServerError(TestEstResponder.EnrolAnswer.GARBAGE);
    }

    @Test
    public void anUnreachableEstServerIsAServerError_8_3_9_5_9() throws Exception {
        int closedPort = Failures.freePort(); // handed out once in this JVM: nothing binds it while the test runs
        script.add(certProv("1", 1, "https://" + MEF + ":" + closedPort + TestEstResponder.BASE, 2, CLIENT));
        clientWithCertificates().processCommands(REG);
        assertEquals(List.of("1:100"), reports);
    }

    @Test
    public void aCertificateThatCannotBeStoredIsAClientError_8_3_9_5_10() throws Exception {
        script.add(certProv("1", 1, estUri(), 2, CLIENT));
        MefClient client = clientWithCertificates();
        Files.delete(certificates());
        Files.writeString(certificates(), "a file where the directory was"); // nothing can be written in it
        client.processCommands(REG);
        assertEquals(List.of("1:101"), reports);
        assertEquals(List.of(), client.provisionedCertificates());
    }

    @Test
    public void eachProvisioningGetsAFreshKey_8_3_6_2_2() throws Exception {
        script.add(certProv("1", 1, estUri(), 2, CLIENT));
        script.add(certProv("2", 1, estUri(), 2, CLIENT));
        MefClient client = clientWithCertificates();
        client.processCommands(REG);
        assertNotEquals(est.seen.get(2).csr().getSubjectPublicKeyInfo(), est.seen.get(5).csr().getSubjectPublicKeyInfo());
    }

    @Test
    public void aFactoryConfiguredWithACertificateDirectoryGivesEachClientOne_8_3_9_7() throws Exception {
        Path base = folder.getRoot().toPath().resolve("base");
        MefClientFactoryComponent factory = new MefClientFactoryComponent(channels, TefStandalone.primitiveTransport(),
                org.example.onem2m.testsupport.Configs.of(MefClientFactoryConfiguration.class, "certificateDirectory", base.toString()));
        script.add(certProv("1", 1, estUri(), 2, CLIENT));
        MefClient client = factory.create(config());
        clients.add(client);
        client.processCommands(REG);
        assertEquals(List.of("1:20"), reports);
        try (var files = Files.list(base.resolve(CertificateDirectories.name("mef.example.com", config().clientId)))) {
            assertEquals(4, files.count()); // key+chain, chain, CA certificates, properties
        }
    }
}
