package org.example.mef.api;

import java.math.BigInteger;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.example.tef.api.channel.CertificateCredential;

/**
 * A MEF-Provisioned Certificate (TS-0003 8.3.6.1) that a MEF Client holds: the certificate the MEF CA issued through EST
 * (8.3.6.2.2, RFC 7030 4.2) with its chain and private key, as tef's {@link CertificateCredential} for a TLS handshake
 * (10.2.3), the MEF CA certificates the same exchange obtained (RFC 7030 4.1: the client's Explicit Trust Anchor
 * database, 8.3.6.2.1 NOTE 1), the subject it was provisioned for (8.3.9.7 certSubjectType and certSubjectID) and the
 * EST base URI it is renewed at. {@link #toString()} never shows the key.
 *
 * @since 1.8
 */
public final class ProvisionedCertificate {
    /** sec:certSubjectType (TS-0003 12.3.2.6): 1 Node-ID, 2 CSE-ID, 3 AE-ID. */
    public final int certSubjectType;
    /** The Node-ID, CSE-ID or AE-ID the certificate names in its subjectAltName (10.1.4). */
    public final String certSubjectId;
    /** The EST base URI the certificate was provisioned at, e.g. {@code https://mef.example.com:8443/.well-known/est}. */
    public final URI estBaseUri;
    private final CertificateCredential credential;
    private final List<X509Certificate> caCertificates;

    public ProvisionedCertificate(int certSubjectType, String certSubjectId, URI estBaseUri, CertificateCredential credential,
                                  List<X509Certificate> caCertificates) {
        this.certSubjectType = certSubjectType;
        this.certSubjectId = Objects.requireNonNull(certSubjectId, "certSubjectId");
        this.estBaseUri = Objects.requireNonNull(estBaseUri, "estBaseUri");
        this.credential = Objects.requireNonNull(credential, "credential");
        this.caCertificates = List.copyOf(caCertificates);
    }

    /** The private key and the chain, end-entity certificate first: what a TLS client authenticates with. */
    public CertificateCredential credential() { return credential; }

    /** The end-entity certificate. */
    public X509Certificate certificate() { return credential.chain().get(0); }

    /** The MEF CA certificates of the EST /cacerts answer (RFC 7030 4.1.3): trust anchors for the MEF and MAFs (8.3.6.1). */
    public List<X509Certificate> caCertificates() { return caCertificates; }

    public BigInteger serialNumber() { return certificate().getSerialNumber(); }

    public Instant notAfter() { return certificate().getNotAfter().toInstant(); }

    @Override
    public String toString() {
        return "ProvisionedCertificate[subject type " + certSubjectType + " " + certSubjectId + ", serial " + serialNumber().toString(16)
                + ", notAfter " + notAfter() + ", from " + estBaseUri + "]";
    }
}
