package org.example.mef.impl.server;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.example.mef.api.MefServer;
import org.example.mef.api.MefServerBuilder;
import org.example.mef.impl.commands.InMemoryCommandStore;
import org.example.mef.impl.commands.MVStoreCommandStore;
import org.example.mef.impl.enrolment.InMemoryEnrolmentKeyStore;
import org.example.mef.impl.enrolment.MVStoreEnrolmentKeyStore;
import org.example.mef.impl.est.CertificateProfile;
import org.example.mef.impl.est.EstEndpoint;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.core.Stakeholder;
import org.example.tef.spi.RegistrationStore;
import org.example.tef.spi.RegistrationStores;

/**
 * {@link MefServerBuilder}'s server: the real {@link MefServerComponent}, wired by hand the way DS wires it (the stores,
 * which this class opens and closes; the configuration; the stakeholders and PSK clients through the bind methods; then
 * {@code listen()}, its activate method).
 */
public final class EmbeddedMefServer implements MefServer {
    /** What the builder collected. */
    public static final class Settings {
        final String fqdn;
        final String host;
        final int port;
        final Path dataDirectory;
        final int maxConnections;
        final Duration enrolmentKeyLifetime;
        final Duration noMoreCommandsRetry;
        final List<String> enrolmentTargets;
        final int estPort;
        final Path caDirectory;
        final Duration certificateValidity;
        final int certificatesPerCommand;

        public Settings(String fqdn, String host, int port, Path dataDirectory, int maxConnections, Duration enrolmentKeyLifetime,
                        Duration noMoreCommandsRetry, List<String> enrolmentTargets, int estPort, Path caDirectory, Duration certificateValidity,
                        int certificatesPerCommand) {
            this.fqdn = fqdn;
            this.host = host;
            this.port = port;
            this.dataDirectory = dataDirectory;
            this.maxConnections = maxConnections;
            this.enrolmentKeyLifetime = enrolmentKeyLifetime;
            this.noMoreCommandsRetry = noMoreCommandsRetry;
            this.enrolmentTargets = enrolmentTargets;
            this.estPort = estPort;
            this.caDirectory = caDirectory;
            this.certificateValidity = certificateValidity;
            this.certificatesPerCommand = certificatesPerCommand;
        }
    }

    private final MefServerComponent component;
    private final RegistrationStore registry;

    private EmbeddedMefServer(MefServerComponent component, RegistrationStore registry) {
        this.component = component;
        this.registry = registry;
    }

    /** Called by {@link MefServerBuilder#start()} only. */
    public static MefServer start(SecureChannels channels, PrimitiveTransport transport, RegistrationStores stores, Settings s,
                                  List<Stakeholder> stakeholders, List<PskCredential> pskClients) throws IOException {
        Path dir = s.dataDirectory;
        RegistrationStore registry = dir == null ? stores.inMemory() : stores.openDurable(dir.resolve(MefServerBuilder.REGISTRY_FILE));
        MefServerComponent component;
        try {
            component = MefServerComponent.unopened(channels, transport, registry, configuration(s),
                    dir == null ? new InMemoryEnrolmentKeyStore() : new MVStoreEnrolmentKeyStore(dir.resolve(MefServerComponent.ENROLMENT_FILE)),
                    dir == null ? new InMemoryCommandStore() : new MVStoreCommandStore(dir.resolve(MefServerComponent.COMMANDS_FILE)),
                    Clock.systemUTC());
        } catch (IOException | RuntimeException e) {
            registry.close();
            throw e;
        }
        try {
            stakeholders.forEach(component::serve);
            pskClients.forEach(component::accept);
        } catch (RuntimeException e) {
            try {
                component.deactivate(); // the stores and the CA the constructor opened
            } finally {
                registry.close();
            }
            throw e;
        }
        try {
            component.listen(); // as SCR does: after the binds, so that no client meets a MEF without its stakeholders
        } catch (IOException | RuntimeException e) {
            registry.close(); // a failed listen() has closed what the component opened (Activation.orRelease)
            throw e;
        }
        return new EmbeddedMefServer(component, registry);
    }

    private static MefServerConfiguration configuration(Settings s) {
        return new MefServerConfiguration() {
            @Override public Class<? extends Annotation> annotationType() { return MefServerConfiguration.class; }
            @Override public String fqdn() { return s.fqdn; }
            @Override public String host() { return s.host; }
            @Override public int port() { return s.port; }
            @Override public String store_target() { return MefServerComponent.DEFAULT_STORE_TARGET; }
            @Override public String dataDirectory() { return s.dataDirectory == null ? "" : s.dataDirectory.toString(); }
            @Override public long enrolmentKeyLifetimeSeconds() { return s.enrolmentKeyLifetime.toSeconds(); }
            @Override public String[] enrolmentTargets() { return s.enrolmentTargets.toArray(String[]::new); }
            @Override public long noMoreCommandsRetrySeconds() { return s.noMoreCommandsRetry.toSeconds(); }
            @Override public long purgeIntervalSeconds() { return 60; }
            @Override public int maxConnections() { return s.maxConnections; }
            @Override public boolean pskEnabled() { return true; }
            @Override public String certificateChainFile() { return ""; }
            @Override public String privateKeyFile() { return ""; }
            @Override public String clientTrustAnchorsFile() { return ""; }
            @Override public int estPort() { return s.estPort; }
            @Override public String caDirectory() { return s.caDirectory == null ? "" : s.caDirectory.toString(); }
            @Override public String caCertificateFile() { return ""; }
            @Override public String caPrivateKeyFile() { return ""; }
            @Override public long certificateValidityDays() { return s.certificateValidity.toDays(); }
            @Override public int certificatesPerCommand() { return s.certificatesPerCommand; }
            @Override public String[] certificateKeyUsage() { return CertificateProfile.DEFAULT_KEY_USAGES.toArray(String[]::new); }
            @Override public String[] certificateExtendedKeyUsage() { return CertificateProfile.DEFAULT_EXTENDED_KEY_USAGES.toArray(String[]::new); }
        };
    }

    @Override public InetSocketAddress address() { return component.address(); }
    @Override public Optional<URI> estBaseUri() { return Optional.ofNullable(component.est()).map(EstEndpoint::baseUri); }
    @Override public String enqueue(String regId, String json) { return component.enqueue(regId, json); }
    @Override public String enqueueForClient(String clientId, String json) { return component.enqueueForClient(clientId, json); }
    @Override public List<String> clients() { return component.clients(); }
    @Override public List<String> commands(String regId) { return component.commands(regId); }

    @Override
    public void close() throws IOException {
        try {
            component.deactivate();
        } finally {
            registry.close();
        }
    }
}
