package org.example.mef.impl.est;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.example.tef.api.channel.CertificateCredential;
import org.example.tef.api.channel.ClientCertificates;
import org.example.tef.api.channel.TlsServerConfig;
import org.example.tef.core.certificates.CertificateMode;
import org.slf4j.LoggerFactory;

/**
 * The MEF CA's part in the certificate handshakes of both MEF listeners (issue 15): the one server certificate for the
 * MEF-FQDN they present (the configured certificateChainFile/privateKeyFile, else the one {@link EstServerCredential}
 * has the MEF CA issue), the client trust anchors (the MEF CA and the configured ones) and who a client certificate
 * authenticates ({@link EstClientCertificates}). On the EST port a MEF CA certificate authenticates its subject (RFC 7030
 * 3.3.2, TS-0003 8.3.6.2.3); on the MEF's port it authenticates the MEF Client whose ID is its certSubjectID, so that a
 * MEF-Provisioned Certificate (8.3.6.1) completes a certificate-based MEF Handshake (8.3.5.2.2).
 */
public final class MefCaHandshake {
    private final MefCa ca;
    private final CertificateCredential own;
    private final boolean configured;
    private final List<X509Certificate> anchors;

    private MefCaHandshake(MefCa ca, CertificateCredential own, boolean configured, List<X509Certificate> anchors) {
        this.ca = ca;
        this.own = own;
        this.configured = configured;
        this.anchors = anchors;
    }

    /**
     * @param configured the MEF's own certificate and client trust anchors, when configured
     * @throws IOException when the MEF CA cannot issue or keep the server certificate; the CA is then closed
     */
    public static MefCaHandshake of(MefCa ca, String fqdn, Optional<CertificateMode> configured, Clock clock) throws IOException {
        try {
            CertificateCredential own = configured.isPresent() ? configured.get().credential : EstServerCredential.of(ca, fqdn, clock);
            if (configured.isPresent() && !chainsTo(own.chain(), ca.caCertificate())) {
                // review finding: the project's MEF Clients trust what /cacerts returns (the MEF CA) for simplereenroll and
                // the certificate MEF Handshake; a server certificate of another CA fails both
                LoggerFactory.getLogger("org.example.mef.est").warn("MEF {}: the configured server certificate {} does not chain to the MEF CA"
                        + " {} that /cacerts returns; MEF Clients that trust /cacerts only will not renew by simplereenroll or use the"
                        + " certificate MEF Handshake", fqdn, own.chain().get(0).getSubjectX500Principal().getName(),
                        ca.caCertificate().getSubjectX500Principal().getName());
            }
            List<X509Certificate> anchors = new ArrayList<>();
            anchors.add(ca.caCertificate());
            configured.ifPresent(c -> anchors.addAll(c.clientTrustAnchors));
            return new MefCaHandshake(ca, own, configured.isPresent(), List.copyOf(anchors));
        } catch (IOException | RuntimeException e) {
            ca.close();
            throw e;
        }
    }

    private static boolean chainsTo(List<X509Certificate> chain, X509Certificate anchor) {
        for (X509Certificate c : chain) {
            if (c.equals(anchor)) return true;
            if (!c.getIssuerX500Principal().equals(anchor.getSubjectX500Principal())) continue;
            try {
                c.verify(anchor.getPublicKey());
                return true;
            } catch (java.security.GeneralSecurityException notThisOne) {
                // another CA of the same name
            }
        }
        return false;
    }

    public MefCa ca() { return ca; }

    /** The EST port: a MEF CA certificate this CA recorded authenticates its holder, for renewing its subject ({@link EstClient}). */
    TlsServerConfig.Builder forEst(TlsServerConfig.Builder tls, ClientCertificates provisioned) {
        return tls.certificate(own, anchors, EstClientCertificates.forEstPort(ca, provisioned));
    }

    /**
     * The MEF's port: a MEF CA certificate authenticates the MEF Client it was issued to, when its certSubjectID is that
     * client's ID; any other must be
     * provisioned, as without EST. Replaces the certificate part {@code tls} had (the configured one is included).
     */
    public TlsServerConfig.Builder forMefPort(TlsServerConfig.Builder tls, ClientCertificates provisioned) {
        return tls.certificate(own, anchors, EstClientCertificates.forMefPort(ca, provisioned));
    }

    /** For the start-up log lines: which certificates authenticate clients, and which certificate the listeners present. */
    public String describe() {
        return "certificates issued by the MEF CA " + ca.caCertificate().getSubjectX500Principal().getName()
                + (configured ? " or, provisioned, chaining to the " + (anchors.size() - 1) + " configured client trust anchor(s)" : "")
                + "; its certificate: " + (configured ? "the configured one" : "issued by the MEF CA");
    }
}
