package org.example.mef.impl.server;

import static org.example.mef.impl.est.CsrFixtures.csr;
import static org.example.mef.impl.est.CsrFixtures.ec;
import static org.example.mef.impl.server.EstFixture.CSE;
import static org.example.mef.impl.server.EstFixture.KPM;
import static org.example.mef.impl.server.EstFixture.KPM_ID;
import static org.example.mef.impl.server.EstFixture.MEF;
import static org.example.mef.impl.server.EstFixture.enrol;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.example.mef.impl.commands.InMemoryCommandStore;
import org.example.mef.impl.enrolment.InMemoryEnrolmentKeyStore;
import org.example.onem2m.testsupport.Configs;
import org.example.onem2m.testsupport.TestPki;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.api.wire.HttpRequestMessage;
import org.example.tef.api.wire.HttpResponseMessage;
import org.example.tef.spi.RegistrationStore;
import org.junit.Rule;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;
import org.junit.rules.TemporaryFolder;

/**
 * The EST server as MefServerConfiguration sets it up (TS-0003 8.3.6.2): off unless estPort is set; a MEF CA that
 * survives a restart, or the operator's; the validity and key usages of what it issues; a listener whose sessions
 * establish no Enrolment Key; and settings that cannot serve stop the MEF naming the setting.
 */
public class EstConfigurationTest {
    @Rule public final TemporaryFolder folder = new TemporaryFolder();

    private static X509Certificate read(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    /** The certificates of a certs-only answer (RFC 7030 4.1.3, 4.2.3). */
    private static List<X509Certificate> certsOnly(HttpResponseMessage answer) throws Exception {
        assertEquals(new String(answer.body(), StandardCharsets.UTF_8), 200, answer.status());
        assertEquals("base64", answer.header("Content-Transfer-Encoding").orElseThrow());
        CMSSignedData data = new CMSSignedData(Base64.getMimeDecoder().decode(answer.body()));
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> out = new java.util.ArrayList<>();
        for (X509CertificateHolder h : data.getCertificates().getMatches(null)) out.add(converter.getCertificate(h));
        return out;
    }

    @Test
    public void estPortIsMinusOneByDefaultAndThenNothingListensAndNoCaIsMade_8_3_6_2() throws Exception {
        assertEquals(-1, Configs.of(MefServerConfiguration.class).estPort());
        Path data = folder.getRoot().toPath().resolve("data");
        RegistrationStore registry = TefStandalone.registrationStores().inMemory();
        MefServerComponent server = new MefServerComponent(TefStandalone.secureChannels(), TefStandalone.primitiveTransport(), registry,
                Configs.of(MefServerConfiguration.class, "fqdn", MEF, "port", 0, "dataDirectory", data.toString()), new InMemoryEnrolmentKeyStore(),
                new InMemoryCommandStore(), Clock.systemUTC());
        try {
            assertNull(server.est());
            assertFalse("no MEF CA is made", Files.exists(data.resolve("ca")));
            assertTrue(assertThrows(IllegalStateException.class, () -> server.queueCertProv("mfr-1", CSE)).getMessage().contains("estPort = -1"));
        } finally {
            server.deactivate();
            registry.close();
        }
    }

    @Test
    public void theMefCaAndTheEstServerCertificateSurviveARestart_8_3_6_1() throws Exception {
        Path dir = folder.getRoot().toPath();
        X509Certificate ca;
        byte[] serverCertificate;
        try (EstFixture mef = new EstFixture(dir)) {
            ca = mef.est().ca().caCertificate();
            serverCertificate = Files.readAllBytes(mef.caDirectory.resolve("est-server-cert.pem"));
            mef.pendingCertProv(CSE);
            assertEquals(200, mef.est(KPM_ID, KPM, enrol("simpleenroll", csr(ec("secp256r1"), CSE))).status());
        }
        try (EstFixture mef = new EstFixture(dir)) {
            assertEquals(ca, mef.est().ca().caCertificate());
            assertEquals(List.of(ca), certsOnly(mef.est(KPM_ID, KPM, HttpRequestMessage.of("GET", "/.well-known/est/cacerts", null))));
            assertArrayEquals("the listener's certificate is kept too", serverCertificate, Files.readAllBytes(mef.caDirectory.resolve("est-server-cert.pem")));
            assertEquals("the listener's and the enrolled one, recorded", 2, mef.issued().size());
        }
    }

    /** As SCR leaves it when a bind fails after the constructor: never listened, deactivated; its CA must not stay open. */
    @Test
    public void aMefThatNeverListenedReleasesItsCaWhenDeactivated() throws Exception {
        Path data = folder.getRoot().toPath().resolve("data");
        for (int start = 1; start <= 2; start++) { // the second would find the CA's store locked
            MefServerComponent server = MefServerComponent.unopened(TefStandalone.secureChannels(), TefStandalone.primitiveTransport(),
                    TefStandalone.registrationStores().inMemory(), Configs.of(MefServerConfiguration.class, "fqdn", MEF, "port", 0, "estPort", 0,
                            "dataDirectory", data.toString()), new InMemoryEnrolmentKeyStore(), new InMemoryCommandStore(), Clock.systemUTC());
            assertNull("not listening", server.est());
            server.deactivate();
        }
    }

    @Test
    public void theCaIsInDataDirectoryCaUnlessCaDirectoryIsSet() throws Exception {
        Path data = folder.getRoot().toPath().resolve("data");
        RegistrationStore registry = TefStandalone.registrationStores().inMemory();
        MefServerComponent server = new MefServerComponent(TefStandalone.secureChannels(), TefStandalone.primitiveTransport(), registry,
                Configs.of(MefServerConfiguration.class, "fqdn", MEF, "port", 0, "estPort", 0, "dataDirectory", data.toString()),
                new InMemoryEnrolmentKeyStore(), new InMemoryCommandStore(), Clock.systemUTC());
        try {
            assertEquals(data.resolve("ca"), server.est().ca().directory());
            assertTrue(Files.isRegularFile(data.resolve("ca").resolve("ca-key.pem")));
        } finally {
            server.deactivate();
            registry.close();
        }
    }

    @Test
    public void anOperatorsCaIsTheEstCaWhenConfigured_8_3_6_1() throws Exception {
        Path dir = folder.getRoot().toPath();
        TestPki operator = new TestPki("Operator MEF CA");
        Path cert = TestPki.pem(dir.resolve("operator-ca.pem"), "CERTIFICATE", operator.ca.getEncoded());
        Path key = TestPki.pem(dir.resolve("operator-ca-key.pem"), "PRIVATE KEY", operator.caKeys.getPrivate().getEncoded());
        try (EstFixture mef = new EstFixture(dir, "caCertificateFile", cert.toString(), "caPrivateKeyFile", key.toString())) {
            assertEquals(List.of(operator.ca), certsOnly(mef.est(KPM_ID, KPM, HttpRequestMessage.of("GET", "/.well-known/est/cacerts", null))));
            mef.pendingCertProv(CSE);
            X509Certificate issued = certsOnly(mef.est(KPM_ID, KPM, enrol("simpleenroll", csr(ec("secp256r1"), CSE)))).get(0);
            issued.verify(operator.caKeys.getPublic());
            assertFalse("the operator's key stays where it is", Files.exists(mef.caDirectory.resolve("ca-key.pem")));
        }
        Path otherKey = TestPki.pem(dir.resolve("other-key.pem"), "PRIVATE KEY", TestPki.p256().getPrivate().getEncoded());
        IllegalArgumentException wrongKey = assertThrows(IllegalArgumentException.class,
                () -> new EstFixture(dir, "caCertificateFile", cert.toString(), "caPrivateKeyFile", otherKey.toString()).close());
        assertTrue(wrongKey.getMessage(), wrongKey.getMessage().contains("caPrivateKeyFile") && wrongKey.getMessage().contains("is not the key"));
    }

    private Object[] operatorCa(TestPki operator) throws Exception {
        Path dir = folder.getRoot().toPath();
        Path cert = TestPki.pem(dir.resolve("operator-ca.pem"), "CERTIFICATE", operator.ca.getEncoded());
        Path key = TestPki.pem(dir.resolve("operator-ca-key.pem"), "PRIVATE KEY", operator.caKeys.getPrivate().getEncoded());
        return new Object[] {"caCertificateFile", cert.toString(), "caPrivateKeyFile", key.toString()};
    }

    /** slf4j-simple, the tests' binding, writes to System.err as it is when a line is written. */
    private static String logOf(ThrowingRunnable run) throws Throwable {
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(before);
        }
        return log.toString(StandardCharsets.UTF_8);
    }

    /**
     * A CA that ends before the configured validity: the start says so at WARN, and what it issues ends with the CA
     * (a chain is valid only while each of its certificates is).
     */
    @Test
    public void aCaEndingBeforeTheValidityIsWarnedOfAndCapsWhatItIssues_8_3_6_2() throws Throwable {
        TestPki operator = new TestPki("Operator MEF CA", Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(10)));
        X509Certificate[] issued = new X509Certificate[1];
        String log = logOf(() -> {
            try (EstFixture mef = new EstFixture(folder.getRoot().toPath(), operatorCa(operator))) {
                mef.pendingCertProv(CSE);
                issued[0] = certsOnly(mef.est(KPM_ID, KPM, enrol("simpleenroll", csr(ec("secp256r1"), CSE)))).get(0);
            }
        });
        assertTrue(log, log.contains("WARN") && log.contains("the MEF CA's certificate ends at " + operator.ca.getNotAfter().toInstant())
                && log.contains("before the 365 days"));
        assertEquals(operator.ca.getNotAfter(), issued[0].getNotAfter());
    }

    /** A CA that has lapsed issues nothing, so a MEF with EST cannot get its EST server certificate and does not start. */
    @Test
    public void aMefWhoseCaHasLapsedDoesNotStartWithEst_8_3_6_2() throws Exception {
        TestPki lapsed = new TestPki("Lapsed MEF CA", Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));
        Object[] settings = operatorCa(lapsed);
        Exception e = assertThrows(Exception.class, () -> new EstFixture(folder.getRoot().toPath(), settings).close());
        assertTrue(e.getClass() + ": " + e.getMessage(), e.getMessage().contains("the MEF CA cannot issue: its certificate CN=Lapsed MEF CA is valid from")
                && e.getMessage().contains("not now") && e.getMessage().contains("replace the CA (caCertificateFile and caPrivateKeyFile"));
    }

    @Test
    public void validityAndKeyUsagesOfIssuedCertificatesComeFromConfiguration_10_1_4() throws Exception {
        try (EstFixture mef = new EstFixture(folder.getRoot().toPath(), "certificateValidityDays", 30L,
                "certificateKeyUsage", new String[] {"digitalSignature"}, "certificateExtendedKeyUsage", new String[] {"clientAuth", "serverAuth"})) {
            mef.pendingCertProv(CSE);
            X509Certificate issued = certsOnly(mef.est(KPM_ID, KPM, enrol("simpleenroll", csr(ec("secp256r1"), CSE)))).get(0);
            assertEquals(Duration.ofDays(30), Duration.between(issued.getNotBefore().toInstant(), issued.getNotAfter().toInstant()));
            assertArrayEquals(new boolean[] {true, false, false, false, false, false, false, false, false}, issued.getKeyUsage());
            assertEquals(List.of("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1"), issued.getExtendedKeyUsage());
        }
    }

    @Test
    public void anEstSessionEstablishesNoEnrolmentKey_8_3_2_1() throws Exception {
        try (EstFixture mef = new EstFixture(folder.getRoot().toPath())) {
            long before = mef.server.enrolmentKeys().count();
            try (SecureSession session = mef.estSession(KPM_ID, KPM)) {
                assertEquals(200, mef.transport.httpClient(session).send(HttpRequestMessage.of("GET", "/.well-known/est/cacerts", null)).status());
            }
            assertEquals(before, mef.server.enrolmentKeys().count());
        }
    }

    private void refused(String message, Object... settings) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EstFixture(folder.getRoot().toPath(), settings).close());
        assertTrue(e.getMessage(), e.getMessage().contains(message));
    }

    @Test
    public void settingsThatCannotServeStopTheMefNamingTheSetting() throws IOException {
        refused("is the MEF's port", "port", 18_444, "estPort", 18_444);
        refused("estPort is 70000", "estPort", 70_000);
        refused("certificateValidityDays is 0", "certificateValidityDays", 0L);
        refused("certificatesPerCommand is 0; it must be at least 1", "certificatesPerCommand", 0);
        refused("certificateKeyUsage 'keyCertSign'", "certificateKeyUsage", new String[] {"keyCertSign"});
        refused("certificateExtendedKeyUsage 'codeSigning'", "certificateExtendedKeyUsage", new String[] {"codeSigning"});
        refused("caDirectory, or in <dataDirectory>/ca; both are empty", "caDirectory", "", "dataDirectory", "");
        refused("caCertificateFile and caPrivateKeyFile are given together", "caCertificateFile", "ca.pem");
    }
}
