package org.example.tef.api.channel;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** An ECDSA end-entity certificate, its chain and its private key (TS-0003 10.2.3). */
public final class CertificateCredential {
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    public CertificateCredential(PrivateKey privateKey, List<X509Certificate> chain) {
        this.privateKey = Objects.requireNonNull(privateKey);
        this.chain = List.copyOf(chain);
        if (this.chain.isEmpty()) throw new IllegalArgumentException("a certificate chain has at least the end-entity certificate");
    }

    public PrivateKey privateKey() { return privateKey; }

    /** End-entity certificate first. */
    public List<X509Certificate> chain() { return chain; }

    @Override
    public String toString() { return "CertificateCredential[" + chain.get(0).getSubjectX500Principal() + "]"; }
}
