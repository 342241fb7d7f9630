package org.example.mef.impl.est;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.example.onem2m.testsupport.TestPki;
import org.junit.Test;

/** The MEF CA's signatures: deterministic ECDSA (RFC 6979) by Bouncy Castle, which any ECDSA verifier accepts. */
public class CaSignerTest {
    private static X509v3CertificateBuilder builder(KeyPair keys) {
        X500Name name = new X500Name("CN=signer test");
        long now = 1_780_000_000_000L;
        return new X509v3CertificateBuilder(name, BigInteger.TEN, new Date(now), new Date(now + 86_400_000L), name,
                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
    }

    @Test
    public void aCertificateItSignsIsEcdsaWithSha256AndVerifiesWithTheJdksEcdsa_10_2_3() throws Exception {
        KeyPair keys = TestPki.p256(); // the JDK's key, as PemFiles reads a CA key
        X509Certificate certificate = new CaSigner(keys.getPrivate()).sign(builder(keys));
        assertEquals("SHA256withECDSA", certificate.getSigAlgName());
        assertEquals("1.2.840.10045.4.3.2", certificate.getSigAlgOID());
        certificate.verify(keys.getPublic(), "SunEC"); // throws unless the signature is good
    }

    @Test
    public void theSameCertificateSignedTwiceGetsTheSameSignature_RFC6979() throws Exception {
        // a nonce drawn at random would differ each time; a deterministic one cannot be repeated for another message
        KeyPair keys = TestPki.p256(); // the JDK's key, as PemFiles reads a CA key
        CaSigner signer = new CaSigner(keys.getPrivate());
        assertArrayEquals(signer.sign(builder(keys)).getSignature(), signer.sign(builder(keys)).getSignature());
    }

    @Test
    public void aKeyThatCannotBeExportedIsRefusedSayingWhy() {
        PrivateKey hardware = new PrivateKey() {
            @Override public String getAlgorithm() { return "EC"; }
            @Override public String getFormat() { return null; }
            @Override public byte[] getEncoded() { return null; }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CaSigner(hardware));
        assertTrue(e.getMessage(), e.getMessage().contains("PEM file"));
    }
}
