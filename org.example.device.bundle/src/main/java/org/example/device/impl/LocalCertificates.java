package org.example.device.impl;

import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.example.device.impl.trust.Fingerprint;
import org.example.device.impl.trust.TrustAnchorException;
import org.example.mef.api.ProvisionedCertificate;
import org.example.tef.api.channel.CertificateCredential;

/**
 * The device's local certificates with their private keys (TS-0003 8.3.9.9.6 "a local copy of the certificate and
 * corresponding private key"): its own, configured (certificateChainFile, privateKeyFile), first, then those the MEF
 * provisioned to its MEF Clients (CERT_PROV, 8.3.9.7; MefClient.provisionedCertificates). A snapshot: made per use,
 * as provisioning and renewal change the second kind.
 */
final class LocalCertificates {
    /** A certificate with its key, and how to name it in a status. */
    record Local(CertificateCredential credential, String description) {}

    private final List<Local> all = new ArrayList<>();

    /** @param configured the device's own, or null */
    LocalCertificates(DeviceCertificate configured, List<ProvisionedCertificate> provisioned) {
        if (configured != null) {
            all.add(new Local(configured.credential(), "certificate " + configured.chain.get(0).getSubjectX500Principal().getName() + " and its key"));
        }
        for (ProvisionedCertificate p : provisioned) {
            all.add(new Local(p.credential(), "MEF-provisioned certificate of " + p.certSubjectId + " (serial " + p.serialNumber().toString(16)
                    + ") and its key"));
        }
    }

    boolean isEmpty() { return all.isEmpty(); }

    /** The certificate myCertFingerprint (hex SHA-256 or an RFC 6920 ni URI) names. */
    Optional<Local> named(String myCertFingerprint) throws TrustAnchorException {
        Fingerprint wanted = Fingerprint.parse(myCertFingerprint);
        for (Local l : all) {
            try {
                if (wanted.matches(Fingerprint.sha256(l.credential().chain().get(0).getEncoded()))) return Optional.of(l);
            } catch (CertificateEncodingException unreadable) {
                // it names no certificate that cannot be encoded
            }
        }
        return Optional.empty();
    }
}
