package org.example.device.impl;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import org.example.tef.api.channel.CertificateCredential;
import org.example.tef.core.certificates.CertificateMode;
import org.example.tef.core.certificates.PemFiles;

/**
 * The device's own certificate and private key (configuration certificateChainFile, privateKeyFile), for the check of
 * TS-0003 8.3.9.9.6: an authenticationProfile with SUID 41-43 is usable when the device holds the certificate its
 * myCertFingerprint names and the matching private key. Loaded once at start; the key is checked to belong to the
 * certificate (a signature made with it verifies with the certificate's public key).
 */
final class DeviceCertificate {
    final List<X509Certificate> chain;
    private final PrivateKey key;

    private DeviceCertificate(List<X509Certificate> chain, PrivateKey key) {
        this.chain = List.copyOf(chain);
        this.key = key;
    }

    /** @return null when neither file is configured */
    static DeviceCertificate load(String chainFile, String keyFile) {
        if (chainFile.isBlank() && keyFile.isBlank()) return null;
        if (chainFile.isBlank() || keyFile.isBlank()) {
            throw new IllegalArgumentException("certificateChainFile and privateKeyFile are configured together, or neither");
        }
        List<X509Certificate> chain = PemFiles.certificates("certificateChainFile", Path.of(chainFile));
        PrivateKey key = PemFiles.privateKey("privateKeyFile", Path.of(keyFile));
        if (!CertificateMode.belongTogether(key, chain.get(0))) {
            throw new IllegalArgumentException("privateKeyFile " + keyFile + " is not the key of " + chainFile);
        }
        return new DeviceCertificate(chain, key);
    }

    /** The key and the chain, for a handshake with certificates (TS-0003 10.2.3). */
    CertificateCredential credential() { return new CertificateCredential(key, chain); }
}
