package org.example.mef.impl.est;

import static org.example.mef.impl.est.CaFiles.certificate;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.jcajce.io.OutputStreamFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.RuntimeOperatorException;

/**
 * Signs what the MEF CA issues: ecdsa-with-SHA256 (TS-0003 10.2.3) with Bouncy Castle's deterministic ECDSA
 * ({@code SHA256withECDDSA}, RFC 6979), through its provider ({@link BcProvider}). Deterministic: the nonce comes from
 * the key and the message, so a weak or repeating random source can never give the CA key away (a repeated nonce
 * reveals an ECDSA key); the signature is an ordinary ECDSA signature that every verifier accepts. Bouncy Castle's,
 * not the JDK's SunEC used before: the same ECDSA code the product's certificate-mode TLS handshakes sign with
 * (BcTlsCrypto, also RFC 6979), and the one issue 15's raw peer names; SunEC took 531-540 µs per P-256 signature on one
 * thread here, Bouncy Castle 76-82 µs (BENCHMARKS.md, figure 13).
 * <p>
 * Written by hand (about twenty lines): Bouncy Castle's {@code JcaContentSignerBuilder} knows no name for the
 * deterministic variant. The key is turned into Bouncy Castle's form once: the provider would otherwise convert a JDK
 * key on every signature.
 */
final class CaSigner {
    /** The algorithm the certificates name; {@link #DETERMINISTIC} computes it. */
    static final String ALGORITHM = "SHA256withECDSA";
    private static final String DETERMINISTIC = "SHA256withECDDSA";
    private static final AlgorithmIdentifier ECDSA_WITH_SHA256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

    private final PrivateKey key;

    /** @throws IllegalArgumentException if Bouncy Castle cannot take the key, saying why (never showing it) */
    CaSigner(PrivateKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null) throw new IllegalArgumentException("the MEF CA key (" + key.getAlgorithm()
                + ") cannot be exported to Bouncy Castle's form (a hardware key?): the MEF CA signs in software with a key read from a PEM file");
        try {
            this.key = KeyFactory.getInstance(key.getAlgorithm(), BcProvider.INSTANCE).generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the MEF CA key (" + key.getAlgorithm() + ") cannot be read by Bouncy Castle: " + e.getMessage(), e);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    X509Certificate sign(X509v3CertificateBuilder builder) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(DETERMINISTIC, BcProvider.INSTANCE);
        signature.initSign(key);
        ContentSigner signer = new ContentSigner() {
            private final OutputStream stream = OutputStreamFactory.createStream(signature);

            @Override public AlgorithmIdentifier getAlgorithmIdentifier() { return ECDSA_WITH_SHA256; }

            @Override public OutputStream getOutputStream() { return stream; }

            @Override public byte[] getSignature() {
                try {
                    return signature.sign();
                } catch (SignatureException e) {
                    throw new RuntimeOperatorException("the MEF CA could not sign: " + e.getMessage(), e);
                }
            }
        };
        try {
            return certificate(builder.build(signer).getEncoded());
        } catch (IOException | RuntimeOperatorException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }
}
