package org.example.mef.impl.client.est;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.est.CsrAttrs;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.example.mef.api.ProvisionedCertificate;
import org.example.mef.impl.est.CertSubject;
import org.example.tef.api.channel.CertificateCredential;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.wire.PrimitiveTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Certificate Provisioning procedure using EST, client side (TS-0003 8.3.6.2.2 and 8.3.6.2.3): /cacerts (RFC 7030
 * 4.1), /csrattrs (4.5), a fresh P-256 key pair and its CSR, /simpleenroll (4.2.1) or, renewing a certificate still
 * valid, /simplereenroll (4.2.2), the issued certificate checked and installed in {@link CertificateFiles}.
 * <p>
 * The TLS session goes to the MEF's EST port (the base URI's, 443 when it has none) at the address the client reaches
 * the MEF at, with the URI's host (the MEF-FQDN) as SNI name. Initial provisioning authenticates with the PSK of the MEF
 * Handshake (RFC 7030 3.3.3, certificate-less mutual authentication, the PPSK-based RSPF of 8.3.6.2.2 precondition B);
 * re-provisioning with the certificate being renewed, the server checked against the held /cacerts certificates (RFC 7030
 * 3.3.2, 3.6.1; 8.3.6.2.3 precondition C). No HTTP authentication (8.3.6.2.1).
 * <p>
 * Why not Bouncy Castle's EST client ({@code org.bouncycastle.est}): it makes its connections through a JSSE
 * {@code SSLSocketFactory} (JsseESTServiceBuilder), and neither SunJSSE nor BCJSSE offers the RFC 4279 PSK suites that
 * certificate-less EST needs here (only BC's low-level TLS API does, which tef's SecureChannels wraps); a custom
 * ESTClientProvider would still leave the HTTP to BC's own parser. So the HTTP is tef's ({@link EstConnection}) and
 * BC is used for the content (CMS, PKCS#10: {@link EstMessages}).
 * <p>
 * The CSR asks for what TS-0003 10.1.4 requires (the subject's key and its identifier as subjectAltName). Attributes
 * /csrattrs asks for beyond that are named in a DEBUG line and left to the server to judge: a challengePassword has no
 * value here (no HTTP authentication, and linking it to the TLS session, RFC 7030 3.5, is optional per 8.3.6.2.1).
 */
public final class EstEnrolment {
    private static final Logger LOG = LoggerFactory.getLogger(EstEnrolment.class);

    private final SecureChannels channels;
    private final PrimitiveTransport transport;
    private final String host;
    private final PskCredential psk;
    private final CertificateFiles files;
    private final Clock clock;

    /** @param host where the MEF is reached (the client's configured MEF host), whatever the URI's host resolves to */
    public EstEnrolment(SecureChannels channels, PrimitiveTransport transport, String host, PskCredential psk, CertificateFiles files,
                        Clock clock) {
        this.channels = channels;
        this.transport = transport;
        this.host = host;
        this.psk = psk;
        this.files = files;
        this.clock = clock;
    }

    /**
     * Provisions a certificate for {@code subject} at {@code base} and installs it.
     *
     * @param renewing the certificate held for the subject, valid now, to re-enrol with; null: initial provisioning
     */
    public ProvisionedCertificate provision(CertSubject subject, URI base, ProvisionedCertificate renewing) throws EstFailure {
        TlsClientConfig.Builder tls = TlsClientConfig.builder(host, base.getPort() < 0 ? 443 : base.getPort(), base.getHost());
        if (renewing == null) tls.psk(psk);
        else tls.certificate(renewing.credential(), renewing.caCertificates());
        String enrol = renewing == null ? "simpleenroll" : "simplereenroll";
        try (EstConnection est = new EstConnection(channels, transport, tls.build(), base)) {
            List<X509Certificate> ca = EstMessages.certsOnly(est.get("cacerts"), "GET cacerts");
            CsrAttrs asked = EstMessages.csrAttributes(est.get("csrattrs"));
            if (asked.size() > 0 && LOG.isDebugEnabled()) {
                LOG.debug("{} asks for CSR attributes {}; the CSR carries the key and the subjectAltName of {}", base,
                        Arrays.stream(asked.getAttrOrOIDs()).map(Object::toString).collect(Collectors.joining(", ")), subject.uri());
            }
            KeyPair keys = p256();
            PKCS10CertificationRequest csr = EstMessages.csr(keys, subject);
            List<X509Certificate> answered = EstMessages.certsOnly(est.postBase64(enrol, EstMessages.PKCS10, EstMessages.base64(csr)), "POST " + enrol);
            List<X509Certificate> chain = EstMessages.issuedChain(answered, keys.getPublic(), ca, clock.instant());
            EstMessages.requireSubject(chain.get(0), subject);
            ProvisionedCertificate provisioned = new ProvisionedCertificate(subject.type().code(), subject.id(), base,
                    new CertificateCredential(keys.getPrivate(), chain), ca);
            try {
                files.store(provisioned);
            } catch (IOException e) {
                throw EstFailure.client("the certificate cannot be stored in " + files.directory() + ": " + e.getMessage(), e);
            }
            return provisioned;
        }
    }

    /** A fresh P-256 key pair (TS-0003 10.2.3's curve; the MEF CA's CSR check accepts it). */
    private static KeyPair p256() throws EstFailure {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw EstFailure.client("no P-256 key pair: " + e.getMessage(), e);
        }
    }
}
