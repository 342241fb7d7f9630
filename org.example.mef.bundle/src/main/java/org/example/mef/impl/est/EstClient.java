package org.example.mef.impl.est;

import java.util.Optional;

import org.example.tef.api.channel.SecureSession;

/**
 * Who an EST session's TLS handshake authenticated (TS-0003 8.3.6.2.2 pre-condition B, 8.3.6.2.3 pre-condition C): a
 * MEF Client, by its PSK (RFC 7030 3.3.3, certificate-less) or by a provisioned third-party certificate (3.3.2); or the
 * subject of a certificate the MEF CA issued ({@link EstClientCertificates} makes its subjectAltName URI the peer ID).
 */
record EstClient(Optional<String> mefClientId, Optional<CertSubject> subject) {

    static EstClient of(SecureSession session) {
        String peer = session.peerId().orElseThrow(() -> new IllegalStateException("an EST session without an authenticated peer"));
        if (session.authentication() == SecureSession.Authentication.CERTIFICATE) {
            Optional<CertSubject> subject = CertSubject.fromUri(peer);
            if (subject.isPresent()) return new EstClient(Optional.empty(), subject);
        }
        return new EstClient(Optional.of(peer), Optional.empty());
    }

    @Override
    public String toString() {
        return mefClientId.map(id -> "MEF Client " + id).orElseGet(() -> "the holder of the MEF CA certificate for " + subject.get().uri());
    }
}
