package org.example.tef.core.certificates;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.example.tef.api.channel.CertificateCredential;

/**
 * A MAF's or MEF's side of the certificate-based handshake (TS-0003 8.8.2.2, 8.3.5.2.2): its certificate chain and EC
 * private key (ECDHE_ECDSA, 10.2.3) and the trust anchors client certificates must chain to (8.1.2.5). Checked when the
 * function starts, so that a wrong file stops it with a message naming the file instead of failing every handshake later.
 */
public final class CertificateMode {
    public static final String CHAIN = "certificateChainFile";
    public static final String KEY = "privateKeyFile";
    public static final String ANCHORS = "clientTrustAnchorsFile";

    public final CertificateCredential credential;
    public final List<X509Certificate> clientTrustAnchors;

    private CertificateMode(CertificateCredential credential, List<X509Certificate> clientTrustAnchors) {
        this.credential = credential;
        this.clientTrustAnchors = clientTrustAnchors;
    }

    /** Empty when none of the three files is set; all three or none. */
    /** @param function "MAF" or "MEF", as messages name it */
    public static Optional<CertificateMode> from(String function, String fqdn, String chainFile, String keyFile, String anchorsFile) {
        String chain = chainFile.trim();
        String key = keyFile.trim();
        String anchors = anchorsFile.trim();
        if (chain.isEmpty() && key.isEmpty() && anchors.isEmpty()) return Optional.empty();
        List<String> missing = new ArrayList<>();
        if (chain.isEmpty()) missing.add(CHAIN);
        if (key.isEmpty()) missing.add(KEY);
        if (anchors.isEmpty()) missing.add(ANCHORS);
        if (!missing.isEmpty()) throw new IllegalArgumentException("certificate clients need " + CHAIN + ", " + KEY + " and "
                + ANCHORS + " together; " + String.join(", ", missing) + " " + (missing.size() == 1 ? "is" : "are") + " not set");
        return Optional.of(load(function, fqdn, Path.of(chain), Path.of(key), Path.of(anchors)));
    }

    public static CertificateMode load(String function, String fqdn, Path chainFile, Path keyFile, Path anchorsFile) {
        List<X509Certificate> chain = PemFiles.certificates(CHAIN, chainFile);
        PrivateKey key = PemFiles.privateKey(KEY, keyFile);
        List<X509Certificate> anchors = PemFiles.certificates(ANCHORS, anchorsFile);
        X509Certificate own = chain.get(0);
        if (!"EC".equals(key.getAlgorithm())) throw PemFiles.fault(KEY, keyFile, "holds an " + key.getAlgorithm()
                + " key; the certificate-based " + function + " Handshake signs with ECDSA (TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, TS-0003 10.2.3)");
        if (!belongTogether(key, own)) throw PemFiles.fault(KEY, keyFile, "is not the key of the first certificate in "
                + chainFile.toAbsolutePath() + " (" + own.getSubjectX500Principal().getName() + "); the chain starts with the " + function + "'s own certificate");
        // the rule tef's TLS client applies to this certificate at every handshake: a certificate it would refuse stops the start
        Optional<String> refused = ServerCertificateNames.mismatch(own, fqdn, name -> name);
        if (refused.isPresent()) throw PemFiles.fault(CHAIN, chainFile, "does not serve the " + function + "-FQDN " + fqdn + ": "
                + refused.get() + "; clients check that name (TS-0003 10.1.3)");
        return new CertificateMode(new CertificateCredential(key, chain), List.copyOf(anchors));
    }

    /**
     * A signature by the key that the certificate's public key verifies (EC keys with ECDSA, others with SHA256with
     * the key's algorithm).
     *
     * @since 1.1
     */
    public static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        byte[] probe = "oneM2M certificate check".getBytes(StandardCharsets.US_ASCII);
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    public String describe() {
        return "certificate " + credential.chain().get(0).getSubjectX500Principal().getName() + ", " + clientTrustAnchors.size()
                + " client trust anchor(s)";
    }
}
