package org.example.tef.impl.tls;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.example.tef.api.channel.CertificateCredential;

/** A {@link CertificateCredential} in the form Bouncy Castle signs with: an EC private key and a DER chain. */
final class SigningMaterial {
    private static final SignatureAndHashAlgorithm ECDSA_SHA256 =
        SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

    private final AsymmetricKeyParameter privateKey;
    private final List<byte[]> chain;

    private SigningMaterial(AsymmetricKeyParameter privateKey, List<byte[]> chain) {
        this.privateKey = privateKey;
        this.chain = chain;
    }

    /** @throws IllegalArgumentException if the key is not an EC key (TS-0003 10.2.3 asks for ECDSA) */
    static SigningMaterial of(CertificateCredential credential) {
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(credential.privateKey().getEncoded());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the private key of " + credential, e);
        }
        if (!(key instanceof ECPrivateKeyParameters)) {
            throw new IllegalArgumentException("ECDHE_ECDSA needs an EC private key; " + credential + " has "
                + credential.privateKey().getAlgorithm());
        }
        List<byte[]> der = new ArrayList<>();
        try {
            for (var certificate : credential.chain()) der.add(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode the chain of " + credential, e);
        }
        return new SigningMaterial(key, List.copyOf(der));
    }

    /**
     * The signer for this handshake, with ecdsa/sha256 when the peer offers it, else the ECDSA scheme the peer
     * lists (TLS 1.2, RFC 5246 7.4.1.4.1).
     */
    TlsCredentialedSigner signer(BcTlsCrypto crypto, TlsContext context, Vector<?> peerSigAlgs) throws IOException {
        TlsCertificate[] certificates = new TlsCertificate[chain.size()];
        for (int i = 0; i < certificates.length; i++) certificates[i] = crypto.createCertificate(chain.get(i));
        SignatureAndHashAlgorithm algorithm = peerSigAlgs != null && peerSigAlgs.contains(ECDSA_SHA256)
            ? ECDSA_SHA256
            : TlsUtils.chooseSignatureAndHashAlgorithm(context, peerSigAlgs, SignatureAlgorithm.ecdsa);
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, privateKey,
            new Certificate(certificates), algorithm);
    }
}
