package org.example.tef.impl.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsFatalAlert;
import org.example.tef.core.certificates.ServerCertificateNames;

/** Checks on a peer's X.509 chain: PKIX against trust anchors (TS-0003 8.1.2.5), and the FQDN of a server (10.1.3). */
final class CertificateChecks {
    private static final int KEY_USAGE_DIGITAL_SIGNATURE = 0;

    private CertificateChecks() {}

    /** The peer's chain as X.509 certificates, end-entity first; empty if the peer sent none. */
    static List<X509Certificate> toX509(Certificate certificate) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        if (certificate == null) return chain;
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < certificate.getLength(); i++) {
                byte[] der = certificate.getCertificateAt(i).getEncoded();
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "unreadable certificate", e);
        }
        return chain;
    }

    /**
     * PKIX path validation of {@code chain} (end-entity first) up to one of {@code anchors}, revocation not checked,
     * and the end-entity key usage, when present, allows the handshake signature.
     *
     * @throws TlsFatalAlert bad_certificate, saying why
     */
    static void validate(List<X509Certificate> chain, Collection<X509Certificate> anchors) throws TlsFatalAlert {
        if (chain.isEmpty()) throw new TlsFatalAlert(AlertDescription.bad_certificate, "empty certificate chain");
        X509Certificate endEntity = chain.get(0);
        boolean[] keyUsage = endEntity.getKeyUsage();
        if (keyUsage != null && !keyUsage[KEY_USAGE_DIGITAL_SIGNATURE]) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "certificate of " + subject(endEntity) + " does not allow digitalSignature");
        }
        Set<TrustAnchor> trust = new HashSet<>();
        for (X509Certificate anchor : anchors) trust.add(new TrustAnchor(anchor, null));
        // A peer may send its root as well; the path handed to PKIX ends below the anchor.
        List<X509Certificate> path = new ArrayList<>(chain);
        while (path.size() > 1 && anchors.contains(path.get(path.size() - 1))) path.remove(path.size() - 1);
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(trust);
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate,
                "certificate of " + subject(endEntity) + " does not validate against the trust anchors: " + e.getMessage(), e);
        }
    }

    /**
     * The server certificate may serve the TLS server {@code serverName} ({@link ServerCertificateNames}: the rule the
     * MAF and the MEF also check their own certificate by at start).
     *
     * @throws TlsFatalAlert bad_certificate, saying why
     */
    static void checkServerName(X509Certificate server, String serverName) throws TlsFatalAlert {
        Optional<String> why = ServerCertificateNames.mismatch(server, serverName, PeerText::of);
        if (why.isPresent()) throw new TlsFatalAlert(AlertDescription.bad_certificate, why.get());
    }

    static String subject(X509Certificate certificate) {
        return PeerText.of(certificate.getSubjectX500Principal().getName());
    }


}
