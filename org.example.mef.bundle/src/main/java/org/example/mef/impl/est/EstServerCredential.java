package org.example.mef.impl.est;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.example.onem2m.mvstore.AtomicFiles;
import org.example.tef.core.certificates.PemFiles;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.example.tef.api.channel.CertificateCredential;
import org.example.tef.core.certificates.CertificateMode;
import org.example.tef.core.certificates.ServerCertificateNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate of the EST listener and, with EST on, of the MEF's port ({@link MefCaHandshake}) when the operator
 * configured none (certificateChainFile/privateKeyFile): one the
 * MEF CA issues for the MEF-FQDN (subjectAltName dNSName, TS-0003 10.1.3; serverAuth), kept with the CA as
 * {@code est-server-key.pem} (0600) and {@code est-server-cert.pem}, so that an EST client whose Explicit Trust Anchor
 * is the MEF CA from /cacerts (RFC 7030 3.6.1, TS-0003 8.3.6.2.2 step 1) authenticates the MEF with it. It is issued
 * again at start when it is missing, names another FQDN, was not issued by the current CA, or has less than
 * {@link #RENEW_BEFORE} left.
 */
final class EstServerCredential {
    static final String KEY_FILE = "est-server-key.pem";
    static final String CERT_FILE = "est-server-cert.pem";
    static final Duration VALIDITY = Duration.ofDays(365);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final Logger LOG = LoggerFactory.getLogger(EstServerCredential.class);

    private EstServerCredential() {}

    static CertificateCredential of(MefCa ca, String fqdn, Clock clock) throws IOException {
        Path keyFile = ca.directory().resolve(KEY_FILE);
        Path certFile = ca.directory().resolve(CERT_FILE);
        if (Files.exists(keyFile) && Files.exists(certFile)) {
            try {
                X509Certificate kept = PemFiles.certificates("the EST server certificate", certFile).get(0);
                PrivateKey key = PemFiles.privateKey("the EST server key", keyFile);
                if (usable(kept, key, ca, fqdn, clock.instant())) return credential(key, kept, ca);
            } catch (IllegalArgumentException e) {
                LOG.warn("the EST server certificate kept in {} cannot be read ({}); the MEF CA issues a new one", ca.directory(), e.getMessage());
            }
        }
        try {
            KeyPair keys = MefCa.p256();
            X509Certificate issued = ca.issueServerCertificate(fqdn, SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()), VALIDITY);
            AtomicFiles.replace(keyFile, PemFiles.pem(keys.getPrivate(), List.of()), true);
            AtomicFiles.replace(certFile, PemFiles.pem(null, List.of(issued)), false);
            LOG.info("MEF CA issued the EST server certificate for {}: serial {}, valid until {}", fqdn, issued.getSerialNumber().toString(16),
                    issued.getNotAfter().toInstant());
            return credential(keys.getPrivate(), issued, ca);
        } catch (GeneralSecurityException e) {
            throw new IOException("EST server certificate: " + e.getMessage(), e);
        }
    }

    private static boolean usable(X509Certificate kept, PrivateKey key, MefCa ca, String fqdn, Instant now) {
        try {
            kept.verify(ca.caCertificate().getPublicKey());
        } catch (GeneralSecurityException e) {
            return false; // issued by an earlier CA of this directory, or by the operator's CA before it changed
        }
        return CertificateMode.belongTogether(key, kept) && ServerCertificateNames.mismatch(kept, fqdn, name -> name).isEmpty()
                && kept.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE)) && !kept.getNotBefore().toInstant().isAfter(now);
    }

    /** The certificate with the CA chain after it, as a TLS server sends it (RFC 5246 7.4.2). */
    private static CertificateCredential credential(PrivateKey key, X509Certificate certificate, MefCa ca) {
        java.util.List<X509Certificate> chain = new java.util.ArrayList<>();
        chain.add(certificate);
        chain.addAll(ca.caChain());
        return new CertificateCredential(key, chain);
    }
}
