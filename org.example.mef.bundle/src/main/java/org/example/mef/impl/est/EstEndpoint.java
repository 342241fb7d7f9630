package org.example.mef.impl.est;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.example.mef.impl.commands.CommandQueue;
import org.example.tef.api.channel.CertificateCredential;
import org.example.tef.api.channel.ClientCertificates;
import org.example.tef.api.channel.PskCredentials;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.TlsServerConfig;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.core.certificates.CertificateMode;
import org.example.tef.spi.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MEF's EST listener (TS-0003 8.3.6.2, RFC 7030): a TLS 1.2 port of its own beside the MEF's, so that its sessions
 * establish no Enrolment Key (the MEF's port does that for every Enrolee handshake, 8.3.2.1). Clients authenticate in
 * the handshake only: with the PSK the MEF's port accepts (certificate-less mutual authentication, RFC 7030 3.3.3;
 * TS-0003 8.3.6.2.1 for the PPSK-based RSPF), or with a certificate (3.3.2) that chains to the MEF CA (an EST client
 * certificate it issued) or to the MEF's configured client trust anchors and is provisioned for a MEF Client. The
 * listener's certificate is the MEF's configured one, or else one the MEF CA issues for the MEF-FQDN
 * ({@link EstServerCredential}). Requests are plain HTTP/1.1 inside the session (tef's transport) for {@link EstService}.
 */
public final class EstEndpoint implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger("org.example.mef.est");

    /** Where and how the listener runs; {@code psk} null when the MEF accepts no PSK clients. */
    public record Settings(String fqdn, String host, int port, int maxConnections, PskCredentials psk,
                           Optional<CertificateMode> configuredCertificate, CertificateProfile profile) {
        public Settings {
            Objects.requireNonNull(fqdn, "fqdn");
            Objects.requireNonNull(configuredCertificate, "configuredCertificate");
            Objects.requireNonNull(profile, "profile");
        }
    }

    private final MefCa ca;
    private final SecureChannels.Server server;
    private final URI baseUri;

    private EstEndpoint(MefCa ca, SecureChannels.Server server, URI baseUri) {
        this.ca = ca;
        this.server = server;
        this.baseUri = baseUri;
    }

    /**
     * Starts listening; returns once the port accepts connections.
     *
     * @param provisioned the MEF's provisioned client certificates (fingerprint to MEF Client ID)
     * @param ca owned by the endpoint from now on: closed with it, or now when the endpoint cannot start
     */
    public static EstEndpoint start(Settings settings, MefCa ca, SecureChannels channels, PrimitiveTransport transport,
                                    ClientCertificates provisioned, RegistrationStore registrations, CommandQueue commands, Clock clock)
            throws IOException {
        try {
            return listen(settings, ca, channels, transport, provisioned, registrations, commands, clock);
        } catch (IOException | RuntimeException e) {
            ca.close();
            throw e;
        }
    }

    private static EstEndpoint listen(Settings settings, MefCa ca, SecureChannels channels, PrimitiveTransport transport,
                                      ClientCertificates provisioned, RegistrationStore registrations, CommandQueue commands, Clock clock)
            throws IOException {
        CertificateCredential own = settings.configuredCertificate().isPresent() ? settings.configuredCertificate().get().credential
                : EstServerCredential.of(ca, settings.fqdn(), clock);
        List<java.security.cert.X509Certificate> anchors = new ArrayList<>();
        anchors.add(ca.caCertificate());
        settings.configuredCertificate().ifPresent(c -> anchors.addAll(c.clientTrustAnchors));
        TlsServerConfig.Builder tls = TlsServerConfig.builder(settings.fqdn()).host(settings.host()).port(settings.port())
                .maxConnections(settings.maxConnections()).certificate(own, anchors, new EstClientCertificates(ca, provisioned));
        if (settings.psk() != null) tls.psk(settings.psk());
        EstService service = new EstService(ca, settings.profile(), new EstAuthorisation(registrations, commands, clock), LOG);
        SecureChannels.Server server = channels.listen(tls.build(), session -> transport.serveHttp(session, service));
        URI base = URI.create("https://" + settings.fqdn() + ":" + server.address().getPort() + EstService.BASE_PATH);
        LOG.info("MEF {} EST server {} listening on {} (TLS 1.2; clients: {}certificates chaining to the MEF CA{}; its certificate: {});"
                + " MEF CA {} in {}; issues certificates valid {} days, keyUsage {}, extendedKeyUsage {}", settings.fqdn(), base, server.address(),
                settings.psk() != null ? "the MEF's PSK clients, " : "", settings.configuredCertificate().isPresent()
                        ? " or, provisioned, to the MEF's client trust anchors" : "", settings.configuredCertificate().isPresent()
                        ? "the MEF's configured one" : "issued by the MEF CA", ca.caCertificate().getSubjectX500Principal().getName(),
                ca.directory(), settings.profile().validity().toDays(), settings.profile().keyUsages(), settings.profile().extendedKeyUsages());
        return new EstEndpoint(ca, server, base);
    }

    /** {@code https://<MEF-FQDN>:<port>/.well-known/est/}: the base URI a CERT_PROV command carries (8.3.9.7). */
    public URI baseUri() { return baseUri; }

    public InetSocketAddress address() { return server.address(); }

    public MefCa ca() { return ca; }

    /** Stops listening, then closes the MEF CA's record of issued certificates (the endpoint owns the CA it was given). */
    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            ca.close();
        }
    }
}
