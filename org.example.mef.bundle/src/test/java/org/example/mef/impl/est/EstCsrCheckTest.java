package org.example.mef.impl.est;

import static org.example.mef.impl.est.CsrFixtures.csr;
import static org.example.mef.impl.est.CsrFixtures.ec;
import static org.example.mef.impl.est.CsrFixtures.rsa;
import static org.example.mef.impl.est.CsrFixtures.uri;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.security.KeyPair;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.BeforeClass;
import org.junit.Test;

/** The checks of an enrolment CSR: RFC 7030 4.2.1/4.2.3, TS-0003 8.3.6.2 and the CSR profile of 10.1.4. */
public class EstCsrCheckTest {
    private static final CertSubject CSE = new CertSubject(CertSubject.Type.CSE, "/id-mn-cse-1");
    private static KeyPair p256;

    @BeforeClass
    public static void keys() throws Exception {
        p256 = ec("secp256r1");
    }

    private static EstRefusal refused(PKCS10CertificationRequest csr, CertSubject expected, int status) {
        try {
            CsrCheck.check(csr, expected);
        } catch (EstRefusal refusal) {
            assertEquals(refusal.getMessage(), status, refusal.httpStatus());
            assertTrue(refusal.getMessage() != null && !refusal.getMessage().isBlank());
            return refusal;
        }
        fail("not refused: " + csr.getSubject());
        return null;
    }

    @Test
    public void aGoodP256CsrPasses_10_1_4() throws Exception {
        CsrCheck.check(csr(p256, CSE), CSE);
    }

    @Test
    public void aGoodCsrPassesForEachSubjectType_10_1_4() throws Exception {
        CsrCheck.check(csr(p256, new CertSubject(CertSubject.Type.AE, "Cmyae")), new CertSubject(CertSubject.Type.AE, "Cmyae"));
        CertSubject node = new CertSubject(CertSubject.Type.NODE, "urn:oid:1.2.3.4.5");
        CsrCheck.check(csr(p256, node), node);
    }

    @Test
    public void aGoodRsa2048CsrPasses_10_1_4() throws Exception {
        CsrCheck.check(csr(rsa(2048), CSE), CSE);
    }

    @Test
    public void aCsrWhoseSignatureDoesNotVerifyIsRefused_RFC7030_4_2_1() throws Exception {
        CertificationRequest good = csr(p256, CSE).toASN1Structure();
        byte[] signature = good.getSignature().getBytes();
        signature[signature.length / 2] ^= 0x01;
        PKCS10CertificationRequest tampered = new PKCS10CertificationRequest(new CertificationRequest(
            good.getCertificationRequestInfo(), good.getSignatureAlgorithm(), new DERBitString(signature)));
        assertTrue(refused(tampered, CSE, 400).getMessage().contains("signature"));
    }

    @Test
    public void anEcdsaSignatureLabelledAsAnotherAlgorithmIsRefused_RFC7030_4_2_1() throws Exception {
        // a valid ECDSA signature over SHA-256 (or MD5) under an RSA, PSS or DSA algorithm identifier: no verifier of that
        // algorithm takes an EC key, so the CSR is malformed, not a proof of possession
        CertificationRequest good = csr(p256, CSE).toASN1Structure();
        for (ASN1ObjectIdentifier label : List.of(PKCSObjectIdentifiers.sha256WithRSAEncryption, PKCSObjectIdentifiers.md5WithRSAEncryption,
                PKCSObjectIdentifiers.id_RSASSA_PSS, NISTObjectIdentifiers.dsa_with_sha256)) {
            PKCS10CertificationRequest relabelled = new PKCS10CertificationRequest(new CertificationRequest(
                good.getCertificationRequestInfo(), new AlgorithmIdentifier(label), good.getSignature()));
            assertTrue(label.getId(), refused(relabelled, CSE, 400).getMessage().contains("signature"));
        }
    }

    @Test
    public void aCsrSignedOverSha1OrMd5IsRefused_RFC7030_4_5() throws Exception {
        assertTrue(refused(csr(p256, CSE, "SHA1withECDSA"), CSE, 400).getMessage().contains("ecdsa-with-SHA256"));
        KeyPair rsa = rsa(2048);
        for (String weak : List.of("SHA1withRSA", "MD5withRSA", "SHA1withRSAandMGF1")) {
            assertTrue(weak, refused(csr(rsa, CSE, weak), CSE, 400).getMessage().contains("signature algorithm"));
        }
        CsrCheck.check(csr(rsa, CSE, "SHA256withRSAandMGF1"), CSE); // RSASSA-PSS over SHA-256
        CsrCheck.check(csr(p256, CSE, "SHA384withECDSA"), CSE);
    }

    @Test
    public void rsassaPssWithoutOrWithMalformedParametersIsRefused_RFC4055_3_1() throws Exception {
        CertificationRequest good = csr(rsa(2048), CSE, "SHA256withRSAandMGF1").toASN1Structure();
        for (AlgorithmIdentifier pss : List.of(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS),
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, org.bouncycastle.asn1.DERNull.INSTANCE),
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Integer(1))))) {
            PKCS10CertificationRequest relabelled = new PKCS10CertificationRequest(new CertificationRequest(
                good.getCertificationRequestInfo(), pss, good.getSignature()));
            String why = refused(relabelled, CSE, 400).getMessage();
            assertTrue(why, why.contains("signature algorithm") || why.contains("RSASSA-PSS signature parameters cannot be read"));
        }
    }

    @Test
    public void aCsrWithAnRsaExponentOver256BitsIsRefused_FIPS186_5_A_1_1() throws Exception {
        java.math.BigInteger huge = java.math.BigInteger.ONE.shiftLeft(257).add(java.math.BigInteger.ONE);
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA", CsrFixtures.BC);
        generator.initialize(new java.security.spec.RSAKeyGenParameterSpec(2048, huge));
        assertTrue(refused(csr(generator.generateKeyPair(), CSE), CSE, 400).getMessage().contains("public exponent " + huge));
    }

    @Test
    public void aCsrWithAnRsaKeyOfASmallPublicExponentIsRefused_FIPS186_5_A_1_1() throws Exception {
        assertTrue(refused(csr(rsa(2048, 3), CSE), CSE, 400).getMessage().contains("public exponent 3"));
    }

    @Test
    public void aCsrSignedByAnotherKeyIsRefused_RFC7030_4_2_1() throws Exception {
        CertificationRequest mine = csr(p256, CSE).toASN1Structure();
        CertificationRequest other = csr(ec("secp256r1"), CSE).toASN1Structure();
        PKCS10CertificationRequest swapped = new PKCS10CertificationRequest(new CertificationRequest(
            mine.getCertificationRequestInfo(), other.getSignatureAlgorithm(), other.getSignature()));
        refused(swapped, CSE, 400);
    }

    @Test
    public void aCsrWithAnRsa1024KeyIsRefused_10_2_3() throws Exception {
        assertTrue(refused(csr(rsa(1024), CSE), CSE, 400).getMessage().contains("1024 bits"));
    }

    @Test
    public void aCsrWithAP192KeyIsRefused_10_2_3() throws Exception {
        // P-192 keys from a private BC provider instance: the JDK 17 SunEC no longer supports the curve
        assertTrue(refused(csr(ec("secp192r1"), CSE), CSE, 400).getMessage().contains("P-256"));
    }

    @Test
    public void aCsrWithAP384KeyIsRefused_10_2_3() throws Exception {
        refused(csr(ec("secp384r1"), CSE), CSE, 400);
    }

    @Test
    public void aCsrWithoutSubjectAltNameIsRefused_10_1_4() throws Exception {
        assertTrue(refused(csr(p256, "CN=/id-mn-cse-1"), CSE, 400).getMessage().contains("no subjectAltName"));
    }

    @Test
    public void aCsrForAnotherCseIsRefused_8_3_6_2() throws Exception {
        PKCS10CertificationRequest other = csr(p256, new CertSubject(CertSubject.Type.CSE, "/id-mn-cse-2"));
        EstRefusal refusal = refused(other, CSE, 403);
        assertTrue(refusal.getMessage(), refusal.getMessage().contains("/id-mn-cse-2"));
    }

    @Test
    public void aCsrForAnotherSubjectTypeIsRefused_8_3_6_2() throws Exception {
        // the right identifier under the AE-ID name form when the CSE-ID form is expected
        refused(csr(p256, new CertSubject(CertSubject.Type.AE, CSE.id())), CSE, 400);
    }

    @Test
    public void aCsrWithTheSubjectInAnotherNameFormIsRefused_10_1_4() throws Exception {
        refused(csr(p256, "CN=x", new GeneralName(GeneralName.dNSName, "id-mn-cse-1")), CSE, 400);
        refused(csr(p256, "CN=x", uri(CSE.id())), CSE, 400);
    }

    @Test
    public void aCsrWithMoreThanTheSubjectIsRefused_10_1_4() throws Exception {
        refused(csr(p256, "CN=x", CSE.subjectAltName(), uri("urn:onem2m:cse:/id-mn-cse-2")), CSE, 400);
    }

    @Test
    public void subjectTypesHaveTheirCertSubjectTypeCodes_12_3_2() {
        assertEquals(CertSubject.Type.NODE, CertSubject.Type.ofCode(1));
        assertEquals(CertSubject.Type.CSE, CertSubject.Type.ofCode(2));
        assertEquals(CertSubject.Type.AE, CertSubject.Type.ofCode(3));
    }
}
