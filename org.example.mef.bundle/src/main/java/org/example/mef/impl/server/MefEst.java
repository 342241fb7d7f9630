package org.example.mef.impl.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.example.mef.api.MefAdministration;
import org.example.mef.impl.commands.CommandArgs;
import org.example.mef.impl.commands.CommandDescription;
import org.example.mef.impl.commands.CommandQueue;
import org.example.mef.impl.est.CertSubject;
import org.example.mef.impl.est.CertificateProfile;
import org.example.mef.impl.est.EstEndpoint;
import org.example.mef.impl.est.MefCa;
import org.example.mef.impl.est.MefCaHandshake;
import org.example.tef.api.channel.ClientCertificates;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.TlsServerConfig;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.core.PskClients;
import org.example.tef.core.certificates.CertificateMode;
import org.example.tef.core.certificates.HandshakeModes;
import org.example.tef.spi.RegistrationStore;

/**
 * The MEF's EST server from its configuration (estPort and the CA settings), the MEF CA's certificates on the MEF's own
 * port, and the CERT_PROV commands that point at it.
 */
final class MefEst {
    static final int OFF = -1;

    private MefEst() {}

    /** The settings that cannot serve, as IllegalArgumentException naming the setting; nothing when estPort is -1. */
    static void validate(MefServerConfiguration config) {
        if (config.estPort() == OFF) return;
        if (config.estPort() < 0 || config.estPort() > 65_535) throw new IllegalArgumentException("estPort is " + config.estPort()
                + "; it is -1 (no EST server), 0 (a free port) or a TCP port up to 65535");
        if (config.estPort() != 0 && config.estPort() == config.port()) throw new IllegalArgumentException("estPort " + config.estPort()
                + " is the MEF's port; the EST server listens on a port of its own");
        if (config.certificateValidityDays() <= 0 || config.certificateValidityDays() > 36_500) throw new IllegalArgumentException(
                "certificateValidityDays is " + config.certificateValidityDays() + "; it must be from 1 to 36500");
        if (config.certificatesPerCommand() < 1) throw new IllegalArgumentException("certificatesPerCommand is "
                + config.certificatesPerCommand() + "; it must be at least 1");
        if (config.caDirectory().isBlank() && config.dataDirectory().isBlank()) throw new IllegalArgumentException("the EST server (estPort "
                + config.estPort() + ") keeps the MEF CA in caDirectory, or in <dataDirectory>/ca; both are empty");
        profile(config);
    }

    /**
     * The MEF CA with the server certificate and client trust anchors both listeners share, or null when estPort is -1:
     * opened before the MEF's port listens, which accepts its certificates too (8.3.5.2.2 with a MEF-Provisioned
     * Certificate, 8.3.6.1).
     */
    static MefCaHandshake open(MefServerConfiguration config, Clock clock) throws IOException {
        if (config.estPort() == OFF) return null; // validated with the rest of the configuration (MefServerComponent.validate)
        Path directory = config.caDirectory().isBlank() ? Path.of(config.dataDirectory(), "ca") : Path.of(config.caDirectory());
        MefCa ca = MefCa.open(directory, config.fqdn(), clock, file(config.caCertificateFile()), file(config.caPrivateKeyFile()));
        return MefCaHandshake.of(ca, config.fqdn(), configured(config), clock);
    }

    private static Optional<CertificateMode> configured(MefServerConfiguration config) {
        return CertificateMode.from("MEF", config.fqdn(), config.certificateChainFile(), config.privateKeyFile(), config.clientTrustAnchorsFile());
    }

    /**
     * The client authentication of the MEF's port: the configured modes, and with EST on also certificates the MEF CA
     * issued, whose certSubjectID is the MEF Client ID. A MEF without EST is configured exactly as {@code modes} says.
     */
    static TlsServerConfig.Builder handshake(TlsServerConfig.Builder tls, HandshakeModes modes, MefCaHandshake ca, PskClients psk,
                                             ClientCertificates provisioned) {
        modes.configure(tls, psk, provisioned);
        return ca == null ? tls : ca.forMefPort(tls, provisioned);
    }

    /** For the start-up line: which client authentication the MEF's port accepts. */
    static String describe(HandshakeModes modes, MefCaHandshake ca, MefServerConfiguration config) {
        if (ca == null) return modes.describe();
        return (config.pskEnabled() ? "PSK and " : "") + ca.describe() + "; a MEF CA certificate authenticates the MEF Client its certSubjectID names";
    }

    /** The EST listener on the CA {@link #open} opened (owned by it from now on), or null when that is null. */
    static EstEndpoint start(MefServerConfiguration config, MefCaHandshake ca, SecureChannels channels, PrimitiveTransport transport,
                             PskClients psk, ClientCertificates provisioned, RegistrationStore store, CommandQueue commands, Clock clock)
            throws IOException {
        if (ca == null) return null;
        EstEndpoint.Settings settings = new EstEndpoint.Settings(config.fqdn(), config.host(), config.estPort(), config.maxConnections(),
                config.pskEnabled() ? psk : null, profile(config), config.certificatesPerCommand());
        return EstEndpoint.start(settings, ca, channels, transport, provisioned, store, commands, clock);
    }

    private static CertificateProfile profile(MefServerConfiguration config) {
        return new CertificateProfile(Duration.ofDays(config.certificateValidityDays()), List.of(config.certificateKeyUsage()),
                List.of(config.certificateExtendedKeyUsage()));
    }

    private static Path file(String setting) {
        return setting.isBlank() ? null : Path.of(setting.trim());
    }

    /**
     * Queues a CERT_PROV command (TS-0003 8.3.9.7) with certProvProtocolID EST and this MEF's EST base URI for a
     * registration ({@code mfr-...}) or a MEF Client.
     *
     * @return the cmdID
     * @throws IllegalStateException when the EST server is off
     */
    static String queueCertProv(EstEndpoint est, MefAdministration administration, String target, CertSubject subject) {
        if (est == null) throw new IllegalStateException("this MEF has no EST server (estPort = -1): a CERT_PROV command would send the"
                + " client nowhere; set estPort");
        String description = CommandDescription.of(new CommandArgs.CertProv(CommandArgs.CertProvProtocol.EST, est.baseUri(),
                CommandArgs.CertSubjectType.of(subject.type().code()), subject.id())).toJson().toString();
        return target.startsWith("mfr-") ? administration.enqueue(target, description) : administration.enqueueForClient(target, description);
    }
}
