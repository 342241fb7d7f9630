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
import java.util.Locale;
import java.util.Set;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsFatalAlert;

/** Checks on a peer's X.509 chain: PKIX against trust anchors (TS-0003 8.1.2.5), and the FQDN of a server (10.1.3). */
final class CertificateChecks {
    private static final int SAN_DNS_NAME = 2;
    private static final int KEY_USAGE_DIGITAL_SIGNATURE = 0;
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_PURPOSE = "2.5.29.37.0";

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
     * The server certificate names {@code serverName} and may serve a TLS server: a subjectAltName dNSName equal to it
     * (case-insensitive, no wildcards), or, only when the certificate has no subjectAltName at all, the subject's most
     * specific CN (RFC 6125 6.4.4: a certificate with any subjectAltName is not read by its CN, so that a client
     * certificate naming another identity in its subjectAltName cannot pass by a CN it chose); and an
     * extendedKeyUsage, when present, that allows serverAuth (RFC 5280 4.2.1.12): a certificate issued for client
     * authentication only, such as the MEF CA's EST certificates, never authenticates a server.
     *
     * @throws TlsFatalAlert bad_certificate, saying why
     */
    static void checkServerName(X509Certificate server, String serverName) throws TlsFatalAlert {
        String wanted = normalize(serverName);
        List<String> dnsNames = new ArrayList<>();
        boolean anySan;
        try {
            List<String> purposes = server.getExtendedKeyUsage();
            if (purposes != null && !purposes.contains(SERVER_AUTH) && !purposes.contains(ANY_PURPOSE)) {
                throw new TlsFatalAlert(AlertDescription.bad_certificate, "server certificate " + subject(server)
                    + " is not for TLS servers: its extendedKeyUsage " + purposes + " has no serverAuth");
            }
            Collection<List<?>> sans = server.getSubjectAlternativeNames();
            anySan = sans != null && !sans.isEmpty();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (((Integer) san.get(0)) == SAN_DNS_NAME) dnsNames.add((String) san.get(1));
                }
            }
        } catch (CertificateException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "unreadable subjectAltName or extendedKeyUsage", e);
        }
        if (!dnsNames.isEmpty()) {
            for (String name : dnsNames) if (normalize(name).equals(wanted)) return;
            throw new TlsFatalAlert(AlertDescription.bad_certificate,
                "server certificate names " + LogText.safe(String.join(", ", dnsNames)) + ", not " + LogText.safe(serverName));
        }
        if (anySan) throw new TlsFatalAlert(AlertDescription.bad_certificate,
            "server certificate " + subject(server) + " has a subjectAltName but no dNSName " + LogText.safe(serverName));
        String cn = commonName(server);
        if (cn != null && normalize(cn).equals(wanted)) return;
        throw new TlsFatalAlert(AlertDescription.bad_certificate,
            "server certificate has no subjectAltName and its CN " + LogText.safe(String.valueOf(cn)) + " is not " + LogText.safe(serverName));
    }

    static String subject(X509Certificate certificate) {
        return LogText.safe(certificate.getSubjectX500Principal().getName());
    }

    private static String commonName(X509Certificate certificate) {
        RDN[] cns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        if (cns.length == 0) return null;
        return IETFUtils.valueToString(cns[cns.length - 1].getFirst().getValue());
    }

    private static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
