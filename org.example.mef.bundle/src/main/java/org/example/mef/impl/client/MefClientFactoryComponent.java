package org.example.mef.impl.client;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.MefClientFactory;
import org.example.mef.api.MefCommandExecutor;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.wire.PrimitiveTransport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The MefClientFactory service; every {@link MefCommandExecutor} service executes commands for the clients it makes. Its
 * optional configuration ({@link MefClientFactoryConfiguration}) gives clients without a certificate directory of their
 * own one under its base, so that they execute CERT_PROV commands (TS-0003 8.3.9.7).
 */
@Component(service = MefClientFactory.class, configurationPid = MefClientFactoryConfiguration.PID)
@Designate(ocd = MefClientFactoryConfiguration.class)
public final class MefClientFactoryComponent implements MefClientFactory {
    private final SecureChannels channels;
    private final PrimitiveTransport transport;
    private final CommandExecutors executors;
    /** The base of the clients' certificate directories, or null; and the renewal margin that goes with it. */
    private final Path certificateBase;
    private final Duration renewalMargin;
    /** Every client made authenticates with its provisioned certificate when it holds one ({@link MefClientConfig#certificateHandshake}). */
    private final boolean certificateHandshake;
    /**
     * The clients made and not closed, so that their sessions, threads and state files close with this component. Held
     * strongly: a client dropped without close() keeps its writer thread and its state file's lock, so it must stay
     * reachable until this component closes it.
     */
    private final Set<MefClient> made = ConcurrentHashMap.newKeySet();

    @Activate
    public MefClientFactoryComponent(@Reference SecureChannels channels, @Reference PrimitiveTransport transport,
                                     MefClientFactoryConfiguration config) {
        this(channels, transport, new CommandExecutors(), config.certificateDirectory().isBlank() ? null : Path.of(config.certificateDirectory()),
                Duration.ofDays(config.certificateRenewalMarginDays()), config.certificateHandshake());
    }

    public MefClientFactoryComponent(SecureChannels channels, PrimitiveTransport transport) {
        this(channels, transport, new CommandExecutors(), null, MefClientConfig.DEFAULT_CERTIFICATE_RENEWAL_MARGIN);
    }

    /**
     * For the builder: executors given there.
     *
     * @param certificateBase where clients without a certificate directory of their own get one; null: nowhere
     */
    public MefClientFactoryComponent(SecureChannels channels, PrimitiveTransport transport, CommandExecutors executors,
                                     Path certificateBase, Duration renewalMargin) {
        this(channels, transport, executors, certificateBase, renewalMargin, false);
    }

    private MefClientFactoryComponent(SecureChannels channels, PrimitiveTransport transport, CommandExecutors executors,
                                      Path certificateBase, Duration renewalMargin, boolean certificateHandshake) {
        this.certificateHandshake = certificateHandshake;
        this.channels = channels;
        this.transport = transport;
        this.executors = executors;
        this.certificateBase = certificateBase;
        this.renewalMargin = renewalMargin;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addExecutor(MefCommandExecutor executor) { executors.add(executor); }

    void removeExecutor(MefCommandExecutor executor) { executors.remove(executor); }

    @Override
    public MefClient create(MefClientConfig config) {
        if (config.certificateDirectory == null && certificateBase != null) {
            config = config.withCertificateDirectory(CertificateDirectories.of(certificateBase, config.mefFqdn, config.clientId))
                    .withCertificateRenewalMargin(renewalMargin);
        }
        if (certificateHandshake) config = config.withCertificateHandshake();
        MefClientConfig c = config;
        MefClient[] client = new MefClient[1];
        client[0] = new MefClientImpl(c, channels, transport, executors, Clock.systemUTC(), () -> made.remove(client[0]));
        made.add(client[0]);
        return client[0];
    }

    /** Closes the sessions and state files of the clients it made (the TLS service they use goes away with this bundle). */
    @Deactivate
    void deactivate() {
        new ArrayList<>(made).forEach(MefClient::close);
    }
}
