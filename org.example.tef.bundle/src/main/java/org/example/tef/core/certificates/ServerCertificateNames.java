package org.example.tef.core.certificates;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Whether a certificate may authenticate the TLS server of an FQDN (TS-0003 10.1.3): the one rule for tef's TLS client,
 * at every handshake, and for a MAF's or MEF's own certificate, at its start ({@link CertificateMode}), so that a
 * certificate the function starts with is one its clients accept.
 *
 * <p>A subjectAltName dNSName equal to the name (case-insensitive, a trailing dot ignored, no wildcards); or, only when
 * the certificate has no subjectAltName at all, the subject's most specific CN (RFC 6125 6.4.4: a certificate with any
 * subjectAltName is not read by its CN, so that a client certificate naming another identity in its subjectAltName
 * cannot pass by a CN it chose); and an extendedKeyUsage, when present, that allows serverAuth (RFC 5280 4.2.1.12): a
 * certificate issued for client authentication only, such as the MEF CA's EST certificates, never authenticates a server.
 *
 * @since 1.3
 */
public final class ServerCertificateNames {
    private static final int SAN_DNS_NAME = 2;
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_PURPOSE = "2.5.29.37.0";

    private ServerCertificateNames() {}

    /**
     * Why {@code server} does not authenticate the TLS server {@code serverName}, or empty when it does.
     *
     * @param safe applied to every name taken from the certificate or the caller before it goes into the text (a peer's
     *        certificate may carry control characters meant for a log)
     */
    public static Optional<String> mismatch(X509Certificate server, String serverName, UnaryOperator<String> safe) {
        String wanted = normalize(serverName);
        List<String> dnsNames = new ArrayList<>();
        boolean anySan;
        try {
            List<String> purposes = server.getExtendedKeyUsage();
            if (purposes != null && !purposes.contains(SERVER_AUTH) && !purposes.contains(ANY_PURPOSE)) {
                return Optional.of("server certificate " + safe.apply(server.getSubjectX500Principal().getName())
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
            return Optional.of("unreadable subjectAltName or extendedKeyUsage (" + e.getMessage() + ")");
        }
        if (!dnsNames.isEmpty()) {
            for (String name : dnsNames) if (normalize(name).equals(wanted)) return Optional.empty();
            return Optional.of("server certificate names " + safe.apply(String.join(", ", dnsNames)) + ", not " + safe.apply(serverName));
        }
        if (anySan) {
            return Optional.of("server certificate " + safe.apply(server.getSubjectX500Principal().getName())
                    + " has a subjectAltName but no dNSName " + safe.apply(serverName));
        }
        String cn = commonName(server);
        if (cn != null && normalize(cn).equals(wanted)) return Optional.empty();
        return Optional.of("server certificate has no subjectAltName and its CN " + safe.apply(String.valueOf(cn)) + " is not "
                + safe.apply(serverName));
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
