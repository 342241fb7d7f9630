package org.example.mef.impl.est;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;

import org.example.mef.impl.commands.CommandQueue;
import org.example.tef.api.channel.ClientCertificates;
import org.example.tef.api.channel.PskCredentials;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.TlsServerConfig;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.spi.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MEF's EST listener (TS-0003 8.3.6.2, RFC 7030): a TLS 1.2 port of its own beside the MEF's, so that its sessions
 * establish no Enrolment Key (the MEF's port does that for every Enrolee handshake, 8.3.2.1). Clients authenticate in
 * the handshake only: with the PSK the MEF's port accepts (certificate-less mutual authentication, RFC 7030 3.3.3;
 * TS-0003 8.3.6.2.1 for the PPSK-based RSPF), or with a certificate (3.3.2) that chains to the MEF CA (an EST client
 * certificate it issued) or to the MEF's configured client trust anchors and is provisioned for a MEF Client. The
 * listener's certificate is the MEF's port's: the configured one, or else one the MEF CA issues for the MEF-FQDN
 * ({@link MefCaHandshake}). Requests are plain HTTP/1.1 inside the session (tef's transport) for {@link EstService}.
 */
public final class EstEndpoint implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger("org.example.mef.est");

    /** Where and how the listener runs; {@code psk} null when the MEF accepts no PSK clients. */
    public record Settings(String fqdn, String host, int port, int maxConnections, PskCredentials psk, CertificateProfile profile,
                           int certificatesPerCommand) {
        public Settings {
            Objects.requireNonNull(fqdn, "fqdn");
            Objects.requireNonNull(profile, "profile");
            if (certificatesPerCommand < 1) throw new IllegalArgumentException("certificatesPerCommand must be at least 1");
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
     * @param handshake the MEF CA, the listener's certificate and its client trust anchors, shared with the MEF's port; its
     *                  CA is owned by the endpoint from now on: closed with it, or now when the endpoint cannot start
     */
    public static EstEndpoint start(Settings settings, MefCaHandshake handshake, SecureChannels channels, PrimitiveTransport transport,
                                    ClientCertificates provisioned, RegistrationStore registrations, CommandQueue commands, Clock clock)
            throws IOException {
        try {
            return listen(settings, handshake, channels, transport, provisioned, registrations, commands, clock);
        } catch (IOException | RuntimeException e) {
            handshake.ca().close();
            throw e;
        }
    }

    private static EstEndpoint listen(Settings settings, MefCaHandshake handshake, SecureChannels channels, PrimitiveTransport transport,
                                      ClientCertificates provisioned, RegistrationStore registrations, CommandQueue commands, Clock clock)
            throws IOException {
        MefCa ca = handshake.ca();
        TlsServerConfig.Builder tls = handshake.forEst(TlsServerConfig.builder(settings.fqdn()).host(settings.host()).port(settings.port())
                .maxConnections(settings.maxConnections()), provisioned);
        if (settings.psk() != null) tls.psk(settings.psk());
        EstService service = new EstService(ca, settings.profile(), new EstAuthorisation(registrations, commands, clock,
                settings.certificatesPerCommand()), LOG);
        SecureChannels.Server server = channels.listen(tls.build(), session -> transport.serveHttp(session, service));
        URI base = URI.create("https://" + settings.fqdn() + ":" + server.address().getPort() + EstService.BASE_PATH);
        LOG.info("MEF {} EST server {} listening on {} (TLS 1.2; clients: {}{}); MEF CA in {}; issues certificates valid {} days,"
                + " keyUsage {}, extendedKeyUsage {}", settings.fqdn(), base, server.address(), settings.psk() != null ? "the MEF's PSK clients, " : "",
                handshake.describe(), ca.directory(), settings.profile().validity().toDays(), settings.profile().keyUsages(),
                settings.profile().extendedKeyUsages());
        java.time.Instant caEnd = ca.caCertificate().getNotAfter().toInstant();
        if (clock.instant().plus(settings.profile().validity()).isAfter(caEnd)) {
            LOG.warn("MEF {}: the MEF CA's certificate ends at {}, before the {} days a certificate is issued for: certificates end"
                    + " with it, renewals give shorter ones, and after it the CA issues nothing; replace the CA (caCertificateFile and"
                    + " caPrivateKeyFile, or a new caDirectory)", settings.fqdn(), caEnd, settings.profile().validity().toDays());
        }
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
