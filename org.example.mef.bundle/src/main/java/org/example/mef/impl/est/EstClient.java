package org.example.mef.impl.est;

import java.math.BigInteger;
import java.util.Optional;

import org.example.tef.api.channel.SecureSession;

/**
 * Who an EST session's TLS handshake authenticated (TS-0003 8.3.6.2.2 pre-condition B, 8.3.6.2.3 pre-condition C): a
 * MEF Client, by its PSK (RFC 7030 3.3.3, certificate-less) or by a provisioned third-party certificate (3.3.2); or the
 * holder of a certificate the MEF CA issued, for renewing its subject, with the MEF Client it was issued to
 * ({@code enrolledBy}: a renewal is issued to the same client) and the serial of the certificate it holds.
 */
record EstClient(Optional<String> mefClientId, Optional<CertSubject> subject, Optional<BigInteger> serial, String enrolledBy) {
    /** The peer ID {@link EstClientCertificates} gives the holder of a MEF CA certificate on the EST port. */
    private static final String HOLDER = "mef-ca-certificate:";

    static String holder(BigInteger serial, CertSubject subject) { return HOLDER + serial.toString(16) + " " + subject.uri(); }

    /**
     * A peer ID in the {@link #holder} form is only ever given by {@link EstClientCertificates} to a certificate this
     * CA recorded; it is checked against the records again, so that a provisioned third-party client configured with
     * such an ID is not taken for a holder.
     */
    static EstClient of(SecureSession session, MefCa ca) {
        String peer = session.peerId().orElseThrow(() -> new IllegalStateException("an EST session without an authenticated peer"));
        if (session.authentication() == SecureSession.Authentication.CERTIFICATE && peer.startsWith(HOLDER)) {
            String[] parts = peer.substring(HOLDER.length()).split(" ", 2);
            if (parts.length == 2 && parts[0].matches("[0-9a-f]{1,64}")) {
                BigInteger serial = new BigInteger(parts[0], 16);
                Optional<CertSubject> subject = CertSubject.fromUri(parts[1]);
                Optional<String> enrolledBy = ca.enrolledBy(serial);
                if (subject.isPresent() && enrolledBy.isPresent()) return new EstClient(Optional.empty(), subject, Optional.of(serial), enrolledBy.get());
            }
        }
        return new EstClient(Optional.of(peer), Optional.empty(), Optional.empty(), peer);
    }

    @Override
    public String toString() {
        return mefClientId.map(id -> "MEF Client " + id).orElseGet(() -> "the holder of the MEF CA certificate for " + subject.get().uri()
                + (enrolledBy.isEmpty() ? "" : " (issued to " + enrolledBy + ")"));
    }
}
