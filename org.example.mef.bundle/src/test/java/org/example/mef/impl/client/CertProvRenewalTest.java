package org.example.mef.impl.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.ProvisionedCertificate;
import org.example.mef.impl.client.est.CertificateFiles;
import org.example.mef.impl.est.CertSubject;
import org.example.onem2m.testsupport.TestPki;
import org.example.tef.api.Hex;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.standalone.TefStandalone;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.slf4j.LoggerFactory;

/**
 * Certificate Re-Provisioning before a certificate lapses (TS-0003 8.3.6.2.3, RFC 7030 4.2.2) in virtual time: the
 * scheduled check, the margin, a renewal that fails, and a certificate that lapsed meanwhile (not asked for again).
 */
public class CertProvRenewalTest {
    static final String MEF = "mef.example.com";
    static final String CLIENT = "//sp.example.com/cse-a";
    static final String KPM_ID = "kpm-cse-a@mef.example.com";
    static final byte[] KPM = Hex.decode("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    static final CertSubject SUBJECT = new CertSubject(CertSubject.Type.CSE, CLIENT);

    @Rule public final TemporaryFolder folder = new TemporaryFolder();

    /** Virtual time from now (the TLS certificate checks use the real time: the certificates issued now are valid in both). */
    private final VirtualTimer timer = new VirtualTimer(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private TestEstResponder est;
    private ClientCertificates certificates;

    @Before
    public void start() throws Exception {
        est = new TestEstResponder(MEF, new PskCredential(KPM_ID, KPM, CLIENT), timer.clock());
        MefClientConfig config = MefClientConfig.withPsk(MEF, "127.0.0.1", 1, CLIENT, KPM_ID, KPM)
                .withCertificateDirectory(folder.getRoot().toPath().resolve("certificates")).withCertificateRenewalMargin(Duration.ofDays(30));
        certificates = new ClientCertificates(config, TefStandalone.secureChannels(), TefStandalone.primitiveTransport(), timer.clock(), timer, LoggerFactory.getLogger(getClass()));
        certificates.start();
    }

    @After
    public void stop() throws Exception {
        certificates.close();
        est.close();
    }

    private URI base() { return URI.create("https://" + MEF + ":" + est.port() + TestEstResponder.BASE); }

    private List<String> enrolments() {
        return est.seen.stream().filter(s -> s.method().equals("POST")).map(s -> s.path().substring(TestEstResponder.BASE.length() + 1)
                + " " + s.authentication()).toList();
    }

    @Test
    public void theRenewalTimeIsTheMarginBeforeNotAfterAtMostAThirdOfTheValidity() throws Exception {
        Instant from = Instant.parse("2030-01-01T00:00:00Z");
        assertEquals(from.plus(Duration.ofDays(60)), CertificateRenewal.renewalTime(certificate(from, Duration.ofDays(90)), Duration.ofDays(30)));
        // a certificate of 30 days: renewed with a third of its validity left, not at once
        assertEquals(from.plus(Duration.ofDays(20)), CertificateRenewal.renewalTime(certificate(from, Duration.ofDays(30)), Duration.ofDays(30)));
    }

    @Test
    public void aCertificateNearingExpiryIsReEnrolledBeforeItLapses_8_3_6_2_3() throws Exception {
        ProvisionedCertificate first = certificates.provision(SUBJECT, base());
        timer.advance(Duration.ofDays(59));
        assertEquals("31 days left: not due", List.of("simpleenroll PSK"), enrolments());
        timer.advance(Duration.ofDays(2));
        assertEquals("re-enrolled with the held certificate once due (60 days)", List.of("simpleenroll PSK", "simplereenroll CERTIFICATE"), enrolments());
        ProvisionedCertificate renewed = certificates.held().get(0);
        assertNotEquals(first.serialNumber(), renewed.serialNumber());
        assertTrue(renewed.notAfter().isAfter(first.notAfter()));
        assertEquals("installed", renewed.certificate(), new CertificateFiles(folder.getRoot().toPath().resolve("certificates")).load().get(0).certificate());
        assertEquals("the next check waits for the new certificate's due time, at most an hour", List.of(CertificateRenewal.CHECK_INTERVAL), timer.waiting());
    }

    @Test
    public void aRenewalThatFailsKeepsTheCertificateAndIsTriedAgainLater_8_3_6_2_3() throws Exception {
        ProvisionedCertificate first = certificates.provision(SUBJECT, base());
        est.enrolAnswer = TestEstResponder.EnrolAnswer.ERROR_500;
        timer.advance(Duration.ofDays(60));
        assertEquals(List.of("simpleenroll PSK", "simplereenroll CERTIFICATE"), enrolments());
        assertEquals("still held and used", first.serialNumber(), certificates.held().get(0).serialNumber());
        assertEquals(List.of(CertificateRenewal.RETRY), timer.waiting());
        est.enrolAnswer = TestEstResponder.EnrolAnswer.ISSUE;
        timer.advance(CertificateRenewal.RETRY);
        assertEquals(3, enrolments().size());
        assertNotEquals(first.serialNumber(), certificates.held().get(0).serialNumber());
    }

    /**
     * A certificate that lapsed while no check ran is not asked for again: with the PSK the MEF issues only for a pending
     * CERT_PROV command (8.3.9.7), so retrying would be refused every time (review finding); the next check does not
     * enrol, and the schedule does not spin on it.
     */
    @Test
    public void aCertificateThatLapsedIsNotAskedForAgain_8_3_6_2_3() throws Exception {
        certificates.provision(SUBJECT, base());
        certificates.renewal().close(); // the client was down: no check ran
        timer.advance(Duration.ofDays(91));
        assertFalse(certificates.held().get(0).notAfter().isAfter(timer.clock().instant()));
        assertTrue("nothing failed: nothing was due that could be renewed", certificates.renewal().renewDue());
        assertEquals("only the first enrolment", List.of("simpleenroll PSK"), enrolments());
        assertEquals("the next check waits the whole interval", CertificateRenewal.CHECK_INTERVAL, certificates.renewal().next());
    }

    @Test
    public void theMefHandshakeUsesTheCertificateForTheClientIdWhileValidThenThePsk_8_3_5_2_2() throws Exception {
        org.example.tef.api.channel.TlsClientConfig psk = org.example.tef.api.channel.TlsClientConfig.builder("127.0.0.1", 1, MEF)
                .psk(new PskCredential(KPM_ID, KPM, null)).build();
        CertificateHandshake handshake = new CertificateHandshake(psk, certificates, CLIENT, LoggerFactory.getLogger(getClass()));
        assertSame("nothing held: the Kpm", psk, handshake.get());
        certificates.provision(new CertSubject(CertSubject.Type.NODE, "node-1"), base());
        assertSame("a certificate of another subject is not the client's", psk, handshake.get());
        ProvisionedCertificate own = certificates.provision(SUBJECT, base());
        org.example.tef.api.channel.TlsClientConfig withCertificate = handshake.get();
        assertSame(own.credential(), withCertificate.certificate);
        assertEquals("the MEF CA of /cacerts is the trust anchor for the MEF", own.caCertificates(), withCertificate.serverTrustAnchors);
        assertSame("the same instance while it holds the same certificate: kept sessions stay usable", withCertificate, handshake.get());
        certificates.renewal().close(); // the client was down: nothing renewed it
        timer.advance(Duration.ofDays(91));
        assertSame("lapsed: the Kpm again", psk, handshake.get());
    }

    @Test
    public void nothingHeldIsCheckedHourly() {
        timer.advance(Duration.ZERO);
        assertEquals(List.of(CertificateRenewal.CHECK_INTERVAL), timer.waiting());
        assertEquals(List.of(), enrolments());
    }

    private static X509Certificate certificate(Instant from, Duration validity) throws Exception {
        TestPki ca = new TestPki("CA");
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(new X500Name("CN=CA"), BigInteger.ONE,
                Date.from(from), Date.from(from.plus(validity)), new X500Name("CN=cse-a"), TestPki.p256().getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.caKeys.getPrivate())));
    }

}
