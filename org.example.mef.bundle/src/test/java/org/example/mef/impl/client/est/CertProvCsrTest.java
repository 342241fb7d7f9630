package org.example.mef.impl.client.est;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.example.mef.impl.client.est.EstConnection.Answer;
import org.example.mef.impl.est.CertSubject;
import org.example.onem2m.testsupport.TestPki;
import org.junit.Test;

/**
 * The CSR the MEF Client sends (TS-0003 10.1.4, 8.3.9.7 step 5: "the certificate subject identity shall be provided in
 * the SubjectAltName extension"; RFC 7030 4.2.1) and the checks of the server's answers (8.3.6.2.2 NOTE 3).
 */
public class CertProvCsrTest {
    private static final Instant NOW = Instant.now();

    @Test
    public void theCsrNamesItsSubjectInOneUriSubjectAltName_10_1_4() throws Exception {
        for (CertSubject subject : List.of(new CertSubject(CertSubject.Type.NODE, "urn:dev:ops:device-1"),
                new CertSubject(CertSubject.Type.CSE, "//sp.example.com/cse-a"), new CertSubject(CertSubject.Type.AE, "Cae-7"))) {
            PKCS10CertificationRequest csr = EstMessages.csr(TestPki.p256(), subject);
            Attribute[] requests = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
            assertEquals(1, requests.length);
            Extensions extensions = Extensions.getInstance(requests[0].getAttrValues().getObjectAt(0));
            GeneralName[] names = GeneralNames.getInstance(extensions.getExtension(Extension.subjectAlternativeName).getParsedValue()).getNames();
            assertEquals(1, names.length);
            assertEquals(GeneralName.uniformResourceIdentifier, names[0].getTagNo());
            assertEquals(subject.uri(), DERIA5String.getInstance(names[0].getName()).getString());
            assertEquals(subject.id(), IETFUtils.valueToString(csr.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue()));
        }
    }

    @Test
    public void theCsrCarriesItsP256KeyAndIsSignedWithItSha256WithEcdsa_10_2_3() throws Exception {
        KeyPair keys = TestPki.p256();
        PKCS10CertificationRequest csr = EstMessages.csr(keys, new CertSubject(CertSubject.Type.CSE, "/cse-a"));
        assertArrayEquals(keys.getPublic().getEncoded(), csr.getSubjectPublicKeyInfo().getEncoded());
        ASN1Encodable curve = csr.getSubjectPublicKeyInfo().getAlgorithm().getParameters();
        assertEquals(SECObjectIdentifiers.secp256r1, curve);
        assertEquals(X9ObjectIdentifiers.ecdsa_with_SHA256, csr.getSignatureAlgorithm().getAlgorithm());
        assertTrue("proof of possession", csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(keys.getPublic())));
        // the request body is the DER in base64 (RFC 7030 4.2.1)
        assertArrayEquals(csr.getEncoded(), java.util.Base64.getDecoder().decode(EstMessages.base64(csr)));
    }

    @Test
    public void anAnswerOfAnotherMediaTypeOrStatusIsTheServers_8_3_9_5_9() {
        Answer html = new Answer(200, "text/html", null, "<html/>".getBytes(StandardCharsets.US_ASCII));
        assertTrue(assertThrows(EstFailure.class, () -> EstMessages.certsOnly(html, "GET cacerts")).serverSide());
        Answer refused = new Answer(403, "text/plain", null, "not yours".getBytes(StandardCharsets.US_ASCII));
        EstFailure f = assertThrows(EstFailure.class, () -> EstMessages.certsOnly(refused, "POST simpleenroll"));
        assertTrue(f.serverSide());
        assertTrue(f.getMessage(), f.getMessage().contains("403: not yours"));
    }

    @Test
    public void noCsrAttributesIsAnEmptySet_RFC7030_4_5_2() throws Exception {
        assertEquals(0, EstMessages.csrAttributes(new Answer(204, null, null, new byte[0])).size());
        assertEquals(0, EstMessages.csrAttributes(new Answer(404, "text/plain", null, "none".getBytes(StandardCharsets.US_ASCII))).size());
        assertEquals(0, EstMessages.csrAttributes(new Answer(200, "application/csrattrs", "base64", new byte[0])).size());
    }

    @Test
    public void anIssuedCertificateMustBeOfTheCsrsKeyChainToTheCaAndBeValid_8_3_6_2_2() throws Exception {
        TestPki mefCa = new TestPki("MEF CA"), other = new TestPki("another CA");
        KeyPair keys = TestPki.p256();
        X509Certificate good = issue(mefCa, keys, NOW.plus(Duration.ofDays(30)));
        assertEquals(List.of(good), EstMessages.issuedChain(List.of(good), keys.getPublic(), List.of(mefCa.ca), NOW));
        X509Certificate otherKey = issue(mefCa, TestPki.p256(), NOW.plus(Duration.ofDays(30)));
        assertTrue(assertThrows(EstFailure.class, () -> EstMessages.issuedChain(List.of(otherKey), keys.getPublic(), List.of(mefCa.ca), NOW)).serverSide());
        X509Certificate otherCa = issue(other, keys, NOW.plus(Duration.ofDays(30)));
        assertTrue(assertThrows(EstFailure.class, () -> EstMessages.issuedChain(List.of(otherCa), keys.getPublic(), List.of(mefCa.ca), NOW)).serverSide());
        X509Certificate expired = issue(mefCa, keys, NOW.minusSeconds(1));
        assertTrue(assertThrows(EstFailure.class, () -> EstMessages.issuedChain(List.of(expired), keys.getPublic(), List.of(mefCa.ca), NOW)).serverSide());
    }

    private static X509Certificate issue(TestPki ca, KeyPair keys, Instant notAfter) throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new JcaX509CertificateHolder(ca.ca).getSubject(), BigInteger.TEN,
                Date.from(NOW.minus(Duration.ofDays(1))), Date.from(notAfter), new org.bouncycastle.asn1.x500.X500Name("CN=cse-a"), keys.getPublic());
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.caKeys.getPrivate())));
    }

    /** Review finding: an issued certificate must name the subject asked for, and only it, before it is filed under it. */
    @Test
    public void anIssuedCertificateForAnotherSubjectIsAServerSideFailure_10_1_4() throws Exception {
        org.example.onem2m.testsupport.TestPki pki = new org.example.onem2m.testsupport.TestPki("Some CA");
        org.example.mef.impl.est.CertSubject asked = new org.example.mef.impl.est.CertSubject(org.example.mef.impl.est.CertSubject.Type.CSE, "/asked");
        EstMessages.requireSubject(pki.client("asked", "/asked").chain().get(0), asked); // the one asked for: accepted
        EstFailure e = assertThrows(EstFailure.class, () -> EstMessages.requireSubject(pki.client("other", "/other").chain().get(0), asked));
        assertTrue(e.getMessage(), e.serverSide() && e.getMessage().contains("urn:onem2m:cse:/other"));
    }
}
