package org.example.mef.impl.est;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.example.tef.api.channel.ClientCertificates;

/**
 * The certificate clients of the EST listener and, with EST on, of the MEF's port, asked by the TLS layer once a chain
 * validated against the listener's client trust anchors (the MEF CA and the MEF's configured ones). A certificate of
 * the MEF CA counts only if this CA recorded issuing it (an operator's CA may have signed others); then:
 * <ul>
 * <li>on the EST port it authenticates the holder of that certificate, for renewing its subject (RFC 7030 3.3.2 with an
 * EST Client Certificate, TS-0003 8.3.6.2.3): the peer ID {@link EstClient#holder} names the serial and subject;</li>
 * <li>on the MEF's port it authenticates the MEF Client it was issued to, and only when its certSubjectID is that
 * client's ID: a Node's client holding certificates for its CSE and AEs is not those (8.3.5.2.2).</li>
 * </ul>
 * Any other certificate is a third-party one that authenticates the MEF Client it is provisioned for, as on the MEF's
 * own port.
 */
final class EstClientCertificates implements ClientCertificates {
    private static final int SAN_URI = 6;
    private final MefCa ca;
    private final ClientCertificates provisioned;
    private final boolean mefPort;

    private EstClientCertificates(MefCa ca, ClientCertificates provisioned, boolean mefPort) {
        this.ca = ca;
        this.provisioned = provisioned;
        this.mefPort = mefPort;
    }

    static EstClientCertificates forEstPort(MefCa ca, ClientCertificates provisioned) { return new EstClientCertificates(ca, provisioned, false); }

    static EstClientCertificates forMefPort(MefCa ca, ClientCertificates provisioned) { return new EstClientCertificates(ca, provisioned, true); }

    @Override
    public Optional<String> peerIdFor(List<X509Certificate> chain) {
        if (chain.isEmpty()) return Optional.empty();
        X509Certificate endEntity = chain.get(0);
        if (!issuedByMefCa(endEntity)) return provisioned.peerIdFor(chain);
        Optional<String> enrolledBy = ca.enrolledBy(endEntity.getSerialNumber());
        Optional<CertSubject> subject = subjectUri(endEntity).flatMap(CertSubject::fromUri);
        if (enrolledBy.isEmpty() || subject.isEmpty()) return Optional.empty(); // not one this CA recorded, or no subject
        if (!mefPort) return Optional.of(EstClient.holder(endEntity.getSerialNumber(), subject.get()));
        return enrolledBy.filter(client -> client.equals(subject.get().id()));
    }

    private boolean issuedByMefCa(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(ca.caCertificate().getSubjectX500Principal())) return false;
        try {
            certificate.verify(ca.caCertificate().getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The one subjectAltName URI of a certSubject form; a MEF CA certificate with another SAN authenticates nobody. */
    static Optional<String> subjectUri(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) return Optional.empty();
            Optional<String> found = Optional.empty();
            for (List<?> n : names) {
                if ((Integer) n.get(0) != SAN_URI) continue;
                String uri = (String) n.get(1);
                if (CertSubject.fromUri(uri).isEmpty() || found.isPresent()) return Optional.empty();
                found = Optional.of(uri);
            }
            return found;
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
    }
}
