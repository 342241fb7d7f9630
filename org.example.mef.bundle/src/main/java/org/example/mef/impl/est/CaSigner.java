package org.example.mef.impl.est;

import static org.example.mef.impl.est.CaFiles.certificate;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;

import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Signs what the MEF CA issues: SHA256withECDSA (TS-0003 10.2.3) through Bouncy Castle's provider ({@link BcProvider}),
 * the same ECDSA code that signs every TLS handshake of the MAF and MEF (BcTlsCrypto), so that the product trusts one
 * implementation with its keys; it is also the one issue 15's raw peer names. The JDK's SunEC, used before, took 532 µs
 * per P-256 signature on one thread here against Bouncy Castle's 77 µs (BENCHMARKS.md, figure 13). The key is turned
 * into Bouncy Castle's form once: the provider would otherwise convert a JDK key on every signature.
 */
final class CaSigner {
    static final String ALGORITHM = "SHA256withECDSA";

    private final PrivateKey key;

    CaSigner(PrivateKey key) {
        if (key.getEncoded() == null) throw new IllegalArgumentException("the MEF CA key (" + key.getAlgorithm()
                + ") cannot be exported to Bouncy Castle's form (a hardware key?): the MEF CA signs in software with a key read from a PEM file");
        try {
            this.key = KeyFactory.getInstance(key.getAlgorithm(), BcProvider.INSTANCE).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the MEF CA key (" + key.getAlgorithm() + ") cannot be read by Bouncy Castle: " + e.getMessage(), e);
        }
    }

    X509Certificate sign(X509v3CertificateBuilder builder) throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(ALGORITHM).setProvider(BcProvider.INSTANCE).build(key);
            return certificate(builder.build(signer).getEncoded());
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }
}
