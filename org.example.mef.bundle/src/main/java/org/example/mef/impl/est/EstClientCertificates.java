package org.example.mef.impl.est;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.example.tef.api.channel.ClientCertificates;

/**
 * The certificate clients of the EST listener and, with EST on, of the MEF's port, asked by the TLS layer once a chain
 * validated against the listener's client trust anchors (the MEF CA and the MEF's configured ones): a certificate the MEF
 * CA issued authenticates the subject its one subjectAltName URI names (RFC 7030 3.3.2 with an EST Client Certificate,
 * TS-0003 8.3.6.2.3), as {@code peerId} the listener's view of that subject ({@link MefCaHandshake}); any other is a
 * third-party certificate that authenticates the MEF Client it is provisioned for, as on the MEF's own port.
 */
final class EstClientCertificates implements ClientCertificates {
    private static final int SAN_URI = 6;
    private final MefCa ca;
    private final ClientCertificates provisioned;
    private final Function<CertSubject, String> peerId;

    /** @param peerId who the subject of a MEF CA certificate is on this listener: its URI (EST) or its certSubjectID (MEF) */
    EstClientCertificates(MefCa ca, ClientCertificates provisioned, Function<CertSubject, String> peerId) {
        this.ca = ca;
        this.provisioned = provisioned;
        this.peerId = peerId;
    }

    @Override
    public Optional<String> peerIdFor(List<X509Certificate> chain) {
        if (chain.isEmpty()) return Optional.empty();
        X509Certificate endEntity = chain.get(0);
        if (issuedByMefCa(endEntity)) return subjectUri(endEntity).flatMap(CertSubject::fromUri).map(peerId);
        return provisioned.peerIdFor(chain);
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
    private static Optional<String> subjectUri(X509Certificate certificate) {
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
