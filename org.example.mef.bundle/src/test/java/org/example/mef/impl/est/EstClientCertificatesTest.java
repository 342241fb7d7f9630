package org.example.mef.impl.est;

import static org.example.mef.impl.est.CsrFixtures.csr;
import static org.example.mef.impl.est.CsrFixtures.ec;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.example.onem2m.testsupport.TestPki;
import org.example.tef.api.channel.ClientCertificates;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Who a MEF CA certificate authenticates (review findings on issue 15): only certificates this CA recorded issuing; on
 * the MEF's port only the MEF Client it was issued to, and only when its certSubjectID is that client; on the EST port
 * its holder, for renewing its subject. An operator's CA whose key also signed other certificates is the case that
 * tells "issued by this CA" from "signed by its key".
 */
public class EstClientCertificatesTest {
    private static final String DEVICE = "//sp.example.com/cse-device";
    private static final ClientCertificates NONE_PROVISIONED = chain -> Optional.empty();

    @Rule public final TemporaryFolder folder = new TemporaryFolder();
    private TestPki operator;
    private MefCa ca;

    @Before
    public void anOperatorsCa() throws Exception {
        operator = new TestPki("Operator CA");
        Path dir = folder.getRoot().toPath();
        ca = MefCa.open(dir.resolve("ca"), "mef.example.com", Clock.systemUTC(),
                TestPki.pem(dir.resolve("ca-cert.pem"), "CERTIFICATE", operator.ca.getEncoded()),
                TestPki.pem(dir.resolve("ca-key.pem"), "PRIVATE KEY", operator.caKeys.getPrivate().getEncoded()));
    }

    @After
    public void close() { ca.close(); }

    private X509Certificate issuedTo(String client, CertSubject subject) throws Exception {
        return ca.issue(SubjectPublicKeyInfo.getInstance(ec("secp256r1").getPublic().getEncoded()), subject, CertificateProfile.standard(Duration.ofDays(1)), client);
    }

    @Test
    public void onTheMefPortACertificateAuthenticatesTheClientItWasIssuedToForItsOwnId_8_3_5_2_2() throws Exception {
        X509Certificate own = issuedTo(DEVICE, new CertSubject(CertSubject.Type.CSE, DEVICE));
        assertEquals(Optional.of(DEVICE), EstClientCertificates.forMefPort(ca, NONE_PROVISIONED).peerIdFor(List.of(own, operator.ca)));
    }

    @Test
    public void onTheMefPortACertificateForAnotherIdAuthenticatesNobody_8_3_5_2_2() throws Exception {
        X509Certificate forOther = issuedTo(DEVICE, new CertSubject(CertSubject.Type.CSE, "//sp.example.com/cse-other"));
        assertEquals(Optional.empty(), EstClientCertificates.forMefPort(ca, NONE_PROVISIONED).peerIdFor(List.of(forOther)));
    }

    @Test
    public void aCertificateTheCasKeySignedButThisCaDidNotIssueAuthenticatesNobody_8_3_6_2_3() throws Exception {
        X509Certificate signedElsewhere = operator.client("cse-device", DEVICE).chain().get(0); // urn:onem2m:cse:<DEVICE> SAN
        assertEquals(Optional.empty(), EstClientCertificates.forMefPort(ca, NONE_PROVISIONED).peerIdFor(List.of(signedElsewhere)));
        assertEquals(Optional.empty(), EstClientCertificates.forEstPort(ca, NONE_PROVISIONED).peerIdFor(List.of(signedElsewhere)));
    }

    @Test
    public void onTheEstPortACertificateAuthenticatesItsHolderForItsSubject_8_3_6_2_3() throws Exception {
        CertSubject subject = new CertSubject(CertSubject.Type.AE, "Cmyae");
        X509Certificate certificate = issuedTo(DEVICE, subject);
        String peer = EstClientCertificates.forEstPort(ca, NONE_PROVISIONED).peerIdFor(List.of(certificate)).orElseThrow();
        assertEquals(EstClient.holder(certificate.getSerialNumber(), subject), peer);
    }

    /** Review finding: a CSR may ask for CN=&lt;the MEF's FQDN&gt;; the certificate names its certSubjectID only. */
    @Test
    public void aCsrAskingForTheMefsNameGetsItsCertSubjectIdAsCnAndNoServerUse_8_3_6_2() throws Exception {
        CertSubject subject = new CertSubject(CertSubject.Type.CSE, DEVICE);
        X509Certificate certificate = ca.issue(csr(ec("secp256r1"), "CN=mef.example.com", subject.subjectAltName()), subject, Duration.ofDays(1));
        assertEquals("CN=" + DEVICE, certificate.getSubjectX500Principal().getName());
        assertFalse("no serverAuth", certificate.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"));
        assertTrue(certificate.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"));
    }
}
