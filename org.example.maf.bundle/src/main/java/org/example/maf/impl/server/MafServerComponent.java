package org.example.maf.impl.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.example.maf.api.MafException;
import org.example.maf.api.StakeholderAdministration;
import org.example.maf.impl.protocol.MafFunction;
import org.example.tef.core.certificates.HandshakeModes;
import org.example.tef.core.certificates.ClientCertificateTable;
import org.example.maf.impl.server.config.CertificateClientComponent;
import org.example.maf.impl.server.config.PskClientComponent;
import org.example.maf.impl.server.config.StakeholderComponent;
import org.example.maf.impl.server.remote.AssignedKmIds;
import org.example.maf.impl.server.remote.MafPskCredentials;
import org.example.maf.impl.server.remote.MefSettings;
import org.example.maf.impl.server.remote.RemoteCredentials;
import org.example.tef.core.Rejection;
import org.example.tef.core.PskClients;
import org.example.tef.core.Activation;
import org.example.tef.core.PurgeSchedule;
import org.example.tef.core.Stakeholders;
import org.example.tef.core.TefProcedures;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.TlsServerConfig;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.spi.RegistrationStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MAF server: its TLS endpoint (PSK clients by KmID, certificate clients by their provisioned certificate, or
 * both: TS-0003 8.8.2.2, 8.8.3.1), the stakeholders, pre-provisioned client keys and client certificates from their
 * factory configurations, and the background purge of expired records.
 *
 * <h2>The registry</h2>
 * In OSGi the registry is a {@link RegistrationStore} service, referenced as {@code store} with the target filter
 * of the configuration property {@code store.target} (DS convention; default {@value #DEFAULT_STORE_TARGET}). The
 * distribution configures the embedded durable one (factory PID {@code org.example.tef.store.mvstore}, name
 * {@code maf}, file {@code maf-registry.mv.db} in the data directory); a store of another kind, e.g. a server database
 * in a bundle of its own, is chosen by {@code store.target} alone. The MAF never closes that store: it belongs to
 * the component that registered it, and DS deactivates the MAF before the store goes away. The configuration's
 * {@code dataDirectory} is ignored in OSGi (a warning says so when it is set).
 * <p>
 * Outside OSGi, {@link EmbeddedMafServer} (behind the exported {@code MafServerBuilder}) opens a store and hands it
 * over the same way.
 *
 * <h2>Remotely provisioned Km</h2>
 * With {@code mefFqdn} set, a handshake whose psk_identity is a KeID of that MEF makes the MAF fetch the Km from the MEF
 * ({@link RemoteCredentials}, TS-0003 8.3.2.1), and a Client Registration or Registration Update in such a session
 * answers an assigned KmID ({@link AssignedKmIds}, 8.8.2.3, 8.8.2.5), stored with the registration in the registry.
 */
@Component(service = StakeholderAdministration.class, configurationPid = MafServerConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = MafServerConfiguration.class)
public final class MafServerComponent implements StakeholderAdministration {
    private static final Logger LOG = LoggerFactory.getLogger(MafServerComponent.class);
    /** The store the MAF uses unless its configuration sets {@code store.target}. */
    static final String DEFAULT_STORE_TARGET = "(name=maf)";

    private final Stakeholders stakeholders = new Stakeholders();
    private final PskClients pskClients = new PskClients();
    private final ClientCertificateTable clientCertificates = new ClientCertificateTable();
    private final RegistrationStore store;
    private final TefProcedures procedures;
    private final Optional<RemoteCredentials> remote;
    private final MafPskCredentials pskLookup;
    /** Opens the TLS endpoint and starts the purge: at once for code that hands over a store, after SCR's binds in OSGi. */
    private final Activation.Step opening;
    private volatile SecureChannels.Server server;
    private volatile PurgeSchedule purge;

    /**
     * As DS activates it: the registry is the {@link RegistrationStore} service {@code store.target} selects.
     * ({@code properties}, the component properties, give this constructor five parameters: SCR picks the
     * constructor by its number of parameters, and the one for code that hands over a store has four.)
     */
    @Activate
    public MafServerComponent(@Reference SecureChannels channels, @Reference PrimitiveTransport transport,
                              @Reference(name = "store", target = DEFAULT_STORE_TARGET) RegistrationStore store,
                              MafServerConfiguration config, Map<String, Object> properties) throws IOException {
        this(channels, transport, store, config, handshakeModes(config), false); // listen() once SCR has bound the rest
        LOG.info("MAF {}: its registry is the RegistrationStore service {} (store.target {})", config.fqdn(), store.location(),
                config.store_target());
        // A dataDirectory still set, or no store matching store.target: MafStoreWatch tells the operator.
    }

    /**
     * As DS would activate it with the default store.target, for code that hands it the store: tests, and
     * {@link EmbeddedMafServer} outside OSGi, which opens the store itself and closes it after {@link #deactivate()}.
     */
    MafServerComponent(SecureChannels channels, PrimitiveTransport transport, RegistrationStore store,
                       MafServerConfiguration config) throws IOException {
        this(channels, transport, store, config, handshakeModes(config), true);
    }

    /** For {@link EmbeddedMafServer}: as DS makes it, not listening until {@link #listen()}, after the binds. */
    static MafServerComponent unopened(SecureChannels channels, PrimitiveTransport transport, RegistrationStore store,
                                       MafServerConfiguration config) throws IOException {
        return new MafServerComponent(channels, transport, store, config, handshakeModes(config), false);
    }

    private MafServerComponent(SecureChannels channels, PrimitiveTransport transport, RegistrationStore store,
                               MafServerConfiguration config, HandshakeModes modes, boolean listenNow) throws IOException {
        this.store = store;
        Clock clock = Clock.systemUTC();
        remote = mefSettings(config).map(mef -> RemoteCredentials.start(mef, config.fqdn(), channels, transport, clock));
        AssignedKmIds assigned = new AssignedKmIds(config.fqdn(), store, remote, id -> pskClients.lookup(id).isPresent(), clock);
        pskLookup = new MafPskCredentials(pskClients, assigned, remote);
        procedures = new TefProcedures(MafFunction.DEFINITION, config.fqdn(), store, stakeholders, clock, assigned);
        opening = () -> {
            server = channels.listen(tlsConfig(config, modes), session -> transport.serve(session, procedures));
            purge = new PurgeSchedule("maf-purge", config.purgeIntervalSeconds(), LOG, "registration(s)", Clock.systemUTC(), store::removeExpired);
            LOG.info("MAF {} listening on {} (TLS 1.2, {}); registry {} holds {} client and {} key registration(s); remote provisioning {}",
                    config.fqdn(), server.address(), modes.describe(), store.location(), store.clientRegistrationCount(),
                    store.keyRegistrationCount(), remote.map(r -> "from " + r.mef()).orElse("off (mefFqdn empty)"));
        };
        if (listenNow) listen();
    }

    /**
     * Listens. In OSGi SCR calls it after the constructor and after binding the stakeholders, PSK clients and
     * certificate clients (DS 1.4: constructor, bind methods, activate method): a client that came between a listener
     * opened in the constructor and those binds was refused (an unknown PSK identity, or 4103 for a stakeholder not
     * served yet).
     */
    @Activate
    void listen() throws IOException {
        if (server != null) throw new IllegalStateException("the MAF listens already");
        Activation.orRelease(opening, this::release); // what it opened, remote provisioning included, is closed if it fails
    }

    /** The MEF to fetch remotely provisioned Km from (8.3.2.1), if configured; a setting that cannot serve stops the MAF. */
    private static Optional<MefSettings> mefSettings(MafServerConfiguration config) {
        try {
            Optional<MefSettings> mef = MefSettings.of(config.mefFqdn(), config.mefHost(), config.mefPort(), config.mefPskIdentity(),
                    config.mefPsk(), config.remoteProvisioningSuid(), config.mefFetchTimeoutMillis());
            if (mef.isPresent() && !config.pskEnabled()) throw new IllegalArgumentException("mefFqdn is set but pskEnabled=false: a KeID"
                    + " handshake is a TLS-PSK handshake (TS-0003 8.8.2.3), so remote provisioning needs PSK clients enabled");
            return mef;
        } catch (IllegalArgumentException e) {
            LOG.error("MAF {} not started: {}", config.fqdn(), e.getMessage());
            throw e;
        }
    }

    /**
     * The MAF Handshake modes the configuration asks for (8.8.2.2): PSK, certificates, or both. Neither, or a
     * certificate file that cannot serve, stops the MAF before the registry is opened or used, with one log line that names
     * the setting or the file.
     */
    private static HandshakeModes handshakeModes(MafServerConfiguration config) {
        try {
            return HandshakeModes.of("MAF", "8.8.2.2", config.fqdn(), config.pskEnabled(), config.certificateChainFile(),
                    config.privateKeyFile(), config.clientTrustAnchorsFile());
        } catch (IllegalArgumentException e) {
            LOG.error("MAF {} not started: {}", config.fqdn(), e.getMessage());
            throw e;
        }
    }

    private TlsServerConfig tlsConfig(MafServerConfiguration config, HandshakeModes modes) {
        return modes.configure(TlsServerConfig.builder(config.fqdn()).host(config.host()).port(config.port())
                .exporterLabels(List.of(KeyExport.CONNECTION_LABEL)).maxConnections(config.maxConnections()), pskLookup, clientCertificates).build();
    }

    /**
     * Stops the purge (waiting for a run in progress, so that none touches the store after this returns) and the TLS
     * server. The store is not closed: it belongs to whoever opened it.
     */
    @Deactivate
    void deactivate() throws IOException {
        release();
        LOG.info("MAF stopped; registry {} stays open (whoever opened it closes it)", store.location());
    }

    /** Closes the purge, the TLS server and the remote provisioning, whichever were opened. */
    private void release() throws IOException {
        if (purge != null) purge.close();
        try {
            if (server != null) server.close();
        } finally {
            remote.ifPresent(RemoteCredentials::close);
        }
    }

    /**
     * Named so that a configuration can say how many the MAF needs before it listens: {@code stakeholder.cardinality.minimum}
     * (OSGi Declarative Services 1.3, "Minimum Cardinality Property"). Without one, a client that came while the stakeholders' configurations were
     * still arriving would be refused as "not served" (4103), for good; the distribution sets it to 1.
     */
    @Reference(name = "stakeholder", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStakeholder(StakeholderComponent component) {
        stakeholders.put(component.stakeholder());
        LOG.info("MAF serves administrating stakeholder {}", component.stakeholder().adminFqdn());
    }

    void removeStakeholder(StakeholderComponent component) {
        stakeholders.remove(component.stakeholder().adminFqdn());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPskClient(PskClientComponent component) {
        pskClients.put(component.credential());
    }

    void removePskClient(PskClientComponent component) {
        pskClients.remove(component.credential());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCertificateClient(CertificateClientComponent component) {
        clientCertificates.put(component.fingerprint(), component.clientId());
        LOG.info("MAF Client {} is authenticated by the client certificate with SHA-256 {}", component.clientId(), component.fingerprint());
    }

    void removeCertificateClient(CertificateClientComponent component) {
        clientCertificates.remove(component.fingerprint(), component.clientId());
    }

    /** The registry, for tests that check what a refused client left behind. */
    RegistrationStore store() { return store; }

    /** Where the TLS endpoint listens (with port 0 configured, the port the system chose). */
    InetSocketAddress address() { return server.address(); }

    @Override
    public List<String> replaceTargets(String adminFqdn, String relativeKeyId, List<String> targetIds) throws MafException {
        try {
            return procedures.replaceTargets(adminFqdn, relativeKeyId, targetIds).targetIds();
        } catch (Rejection r) {
            throw new MafException(r.status().code(), r.getMessage());
        }
    }
}
