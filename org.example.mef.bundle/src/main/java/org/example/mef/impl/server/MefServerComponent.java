package org.example.mef.impl.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.example.mef.api.MefAdministration;
import org.example.mef.impl.commands.CommandProcedures;
import org.example.mef.impl.commands.CommandQueue;
import org.example.mef.impl.commands.CommandStore;
import org.example.mef.impl.enrolment.CredentialFetch;
import org.example.mef.impl.enrolment.EnrolmentKeyStore;
import org.example.mef.impl.enrolment.EnrolmentTargets;
import org.example.mef.impl.est.CertProvisioning;
import org.example.mef.impl.est.CertSubject;
import org.example.mef.impl.est.EstEndpoint;
import org.example.mef.impl.est.MefCaHandshake;
import org.example.mef.impl.protocol.MefFunction;
import org.example.mef.impl.server.config.MefCertificateClientComponent;
import org.example.mef.impl.server.config.MefPskClientComponent;
import org.example.mef.impl.server.config.MefStakeholderComponent;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.TlsServerConfig;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.core.ConfigValues;
import org.example.tef.core.PskClients;
import org.example.tef.core.Activation;
import org.example.tef.core.PurgeSchedule;
import org.example.tef.core.Stakeholder;
import org.example.tef.core.Stakeholders;
import org.example.tef.core.TefProcedures;
import org.example.tef.core.certificates.ClientCertificateTable;
import org.example.tef.core.certificates.HandshakeModes;
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
 * The MEF server: its TLS endpoint for Enrolees (PSK with KpmID/Kpm, TS-0003 8.3.5.2.2) and Enrolment Targets, the
 * Enrolment Key each Enrolee's handshake establishes (8.3.2.1, 10.3.1), the eight procedures it shares with the MAF
 * (tef's core with {@link MefFunction#DEFINITION}), the credential fetch of Enrolment Targets (8.3.2.1 f), the
 * background purge of what has expired, and, when estPort is set, its EST server with the MEF CA on a port of its own
 * (8.3.6.2, {@link EstEndpoint}); the MEF's port then also accepts the client certificates that CA issued (a
 * certificate-based MEF Handshake with a MEF-Provisioned Certificate, 8.3.5.2.2, 8.3.6.1; {@link MefEst#handshake}).
 * <p>
 * The registry (client and key registrations) is a tef {@link RegistrationStore} service selected by
 * {@code store.target}, as the MAF's; the Enrolment Keys are the MEF's own, in {@code dataDirectory}.
 */
@Component(service = {MefServerComponent.class, MefAdministration.class, CertProvisioning.class}, configurationPid = MefServerConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = MefServerConfiguration.class)
public final class MefServerComponent implements MefAdministration, CertProvisioning {
    private static final Logger LOG = LoggerFactory.getLogger(MefServerComponent.class);
    static final String DEFAULT_STORE_TARGET = "(name=mef)";
    static final String ENROLMENT_FILE = "mef-enrolment.mv.db";
    static final String COMMANDS_FILE = "mef-commands.mv.db";

    private final Stakeholders stakeholders = new Stakeholders();
    private final PskClients pskClients = new PskClients();
    /** Enrolee -> the Enrolment Targets its configuration names (absent: every target of the MEF). */
    private final java.util.Map<String, java.util.Set<String>> targetsOfEnrolee = new java.util.concurrent.ConcurrentHashMap<>();
    private final ClientCertificateTable clientCertificates = new ClientCertificateTable();
    private final RegistrationStore store;
    private final EnrolmentKeyStore enrolmentKeys;
    private final CommandStore commandStore;
    private final CommandQueue commands;
    private final Clock clock;
    private final EnrolmentTargets targets;
    private final Administration administration;
    /** Opens the TLS endpoints and starts the purge: at once for code that hands over the stores, after SCR's binds in OSGi. */
    private final Activation.Step opening;
    private volatile SecureChannels.Server server;
    private volatile PurgeSchedule purge;
    /** The EST server (8.3.6.2) on a port of its own; null when estPort is -1, or until {@link #listen()}. */
    private volatile EstEndpoint est;
    /** The MEF CA, null when estPort is -1: the EST server closes it, or {@link #deactivate()} if the MEF never listened. */
    private final MefCaHandshake ca;

    @Activate
    public MefServerComponent(@Reference SecureChannels channels, @Reference PrimitiveTransport transport,
                              @Reference(name = "store", target = DEFAULT_STORE_TARGET) RegistrationStore store,
                              MefServerConfiguration config) throws IOException {
        this(channels, transport, store, config, MefStores.open(checked(config)), Clock.systemUTC());
    }

    private MefServerComponent(SecureChannels channels, PrimitiveTransport transport, RegistrationStore store, MefServerConfiguration config,
                               MefStores stores, Clock clock) throws IOException {
        this(channels, transport, store, config, stores.keys, stores.commands, clock, false); // listen() once SCR has bound the rest
    }

    /**
     * The settings that cannot serve stop the MEF before it opens anything, with one line naming the setting (as the
     * certificate files and the Enrolment Targets do).
     */
    static MefServerConfiguration checked(MefServerConfiguration config) {
        try {
            validate(config);
            return config;
        } catch (IllegalArgumentException e) {
            LOG.error("MEF {} not started: {}", config.fqdn(), e.getMessage());
            throw e;
        }
    }

    private static void validate(MefServerConfiguration config) {
        positive("noMoreCommandsRetrySeconds", config.noMoreCommandsRetrySeconds(), Long.MAX_VALUE);
        // at most 100 years: an Instant that far ahead still adds up
        positive("enrolmentKeyLifetimeSeconds", config.enrolmentKeyLifetimeSeconds(), Duration.ofDays(36_500).toSeconds());
        positive("purgeIntervalSeconds", config.purgeIntervalSeconds(), Long.MAX_VALUE);
        positive("maxConnections", config.maxConnections(), Integer.MAX_VALUE);
        MefEst.validate(config);
    }

    private static void positive(String name, long value, long max) {
        if (value <= 0 || value > max) throw new IllegalArgumentException(name + " is " + value + "; it must be from 1 to " + max);
    }

    /** For tests and builders: the Enrolment Key and command stores handed over (and closed by {@link #deactivate()}). */
    MefServerComponent(SecureChannels channels, PrimitiveTransport transport, RegistrationStore store, MefServerConfiguration config,
                       EnrolmentKeyStore enrolmentKeys, CommandStore commandStore, Clock clock) throws IOException {
        this(channels, transport, store, config, enrolmentKeys, commandStore, clock, true);
    }

    /** For {@link EmbeddedMefServer}: as DS makes it, not listening until {@link #listen()}, after the binds. */
    static MefServerComponent unopened(SecureChannels channels, PrimitiveTransport transport, RegistrationStore store, MefServerConfiguration config,
                                       EnrolmentKeyStore enrolmentKeys, CommandStore commandStore, Clock clock) throws IOException {
        return new MefServerComponent(channels, transport, store, config, enrolmentKeys, commandStore, clock, false);
    }

    private MefServerComponent(SecureChannels channels, PrimitiveTransport transport, RegistrationStore store, MefServerConfiguration config,
                       EnrolmentKeyStore enrolmentKeys, CommandStore commandStore, Clock clock, boolean listenNow) throws IOException {
        this.store = store;
        this.enrolmentKeys = enrolmentKeys;
        this.commandStore = commandStore;
        this.clock = clock;
        HandshakeModes modes;
        try {
            validate(config);
            this.commands = new CommandQueue(commandStore, clock, config.fqdn(), Duration.ofSeconds(config.noMoreCommandsRetrySeconds()));
            targets = EnrolmentTargets.parse(ConfigValues.split(config.enrolmentTargets()));
            modes = HandshakeModes.of("MEF", "8.3.5.2.2", config.fqdn(), config.pskEnabled(), config.certificateChainFile(),
                    config.privateKeyFile(), config.clientTrustAnchorsFile());
        } catch (IllegalArgumentException e) {
            closeStores();
            LOG.error("MEF {} not started: {}", config.fqdn(), e.getMessage());
            throw e;
        }
        administration = new Administration(store, commands, pskClients, targets, clock);
        Logger procedureLog = LoggerFactory.getLogger(MefFunction.DEFINITION.logCategory());
        TefProcedures shared = new TefProcedures(MefFunction.DEFINITION, config.fqdn(), store, stakeholders, clock);
        MefProcedures procedures = new MefProcedures(shared, new CredentialFetch(enrolmentKeys, () -> targets,
                (enrolee, target) -> { // no entry: every target of the MEF (an empty set is never stored)
                    java.util.Set<String> allowed = targetsOfEnrolee.get(enrolee);
                    return allowed == null || allowed.contains(target);
                }, clock, procedureLog),
                new CommandProcedures(config.fqdn(), commands, administration::liveClientOf), new WaitingCommands(config.fqdn(), commands), procedureLog);
        EnrolmentSessions sessions = new EnrolmentSessions(config.fqdn(), enrolmentKeys, () -> targets,
                Duration.ofSeconds(config.enrolmentKeyLifetimeSeconds()), clock, transport, procedures, procedureLog);
        try {
            this.ca = MefEst.open(config, clock);
        } catch (IOException | RuntimeException e) {
            LOG.error("MEF {} not started: its EST server cannot serve: {}", config.fqdn(), e.getMessage());
            closeStores();
            throw e;
        }
        opening = () -> {
            server = channels.listen(MefEst.handshake(TlsServerConfig.builder(config.fqdn()).host(config.host()).port(config.port())
                    .exporterLabels(List.of(KeyExport.BOOTSTRAP_LABEL, KeyExport.CONNECTION_LABEL))
                    .maxConnections(config.maxConnections()), modes, ca, pskClients, clientCertificates).build(), sessions);
            try {
                est = MefEst.start(config, ca, channels, transport, pskClients, clientCertificates, store, commands, clock);
            } catch (IOException | RuntimeException e) {
                LOG.error("MEF {} not started: its EST server cannot serve: {}", config.fqdn(), e.getMessage());
                throw e;
            }
            purge = new PurgeSchedule("mef-purge", config.purgeIntervalSeconds(), LOG, "record(s) (registrations, Enrolment Keys,"
                    + " commands of registrations that are gone)", clock, this::purge);
            LOG.info("MEF {} listening on {} (TLS 1.2, clients: {}); registry {} holds {} client and {} key registration(s); {} Enrolment Key(s) in {};"
                    + " Enrolment Targets {}", config.fqdn(), server.address(), MefEst.describe(modes, ca, config), store.location(), store.clientRegistrationCount(),
                    store.keyRegistrationCount(), enrolmentKeys.count(), enrolmentKeys.location(), targets);
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
        if (server != null) throw new IllegalStateException("the MEF listens already");
        Activation.orRelease(opening, this::release); // the port, the EST server or its CA, the stores: closed if it fails
    }

    /** The three purges, each on its own, so that one failing does not keep the others from running. */
    private int purge(java.time.Instant now) {
        int removed = 0;
        try {
            removed += store.removeExpired(now);
        } catch (RuntimeException e) {
            LOG.error("purging expired registrations failed; it runs again at the next interval", e);
        }
        try {
            removed += enrolmentKeys.removeExpired(now);
        } catch (RuntimeException e) {
            LOG.error("purging expired Enrolment Keys failed; it runs again at the next interval", e);
        }
        try {
            // 8.3.9.1: commands live within a registration; a client's waiting queue stays until it registers
            removed += commands.purge(id -> !id.startsWith(WaitingCommands.pendingKey("")) && administration.liveClientOf(id).isEmpty());
        } catch (RuntimeException e) {
            LOG.error("purging the commands of registrations that are gone failed; it runs again at the next interval", e);
        }
        return removed;
    }

    private void closeStores() {
        try {
            enrolmentKeys.close();
        } finally {
            commandStore.close();
        }
    }

    @Override
    public String enqueue(String mefClientRegId, String cmdDescriptionJson) { return administration.enqueue(mefClientRegId, cmdDescriptionJson); }

    @Override
    public String enqueueForClient(String mefClientId, String cmdDescriptionJson) { return administration.enqueueForClient(mefClientId, cmdDescriptionJson); }

    @Override
    public List<String> clients() { return administration.clients(); }

    @Override
    public List<String> commands(String mefClientRegId) { return administration.commands(mefClientRegId); }

    @Override
    public String queueCertProv(String target, CertSubject subject) { return MefEst.queueCertProv(est, administration, target, subject); }

    /** Stops the purge and the TLS server, then closes the MEF's own stores; the registry belongs to its component. */
    @Deactivate
    void deactivate() throws IOException {
        release();
        LOG.info("MEF stopped; registry {} stays open (whoever opened it closes it)", store.location());
    }

    /** Closes the purge, the EST server (or the CA it never took over), the TLS server and the stores, whichever are open. */
    private void release() throws IOException {
        if (purge != null) purge.close();
        try {
            if (est != null) est.close();
            else if (ca != null) ca.ca().close(); // the EST server never started (or never took the CA over)
        } finally {
            try {
                if (server != null) server.close();
            } finally {
                closeStores();
            }
        }
    }

    /**
     * Named so that a configuration can say how many the MEF needs before it listens: {@code stakeholder.cardinality.minimum}
     * (OSGi Declarative Services 1.3, "Minimum Cardinality Property"). Without one, a client that came while the stakeholders' configurations were
     * still arriving would be refused as "not served" (4103), for good; the distribution sets it to 1.
     */
    @Reference(name = "stakeholder", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStakeholder(MefStakeholderComponent component) { serve(component.stakeholder()); }

    /** A stakeholder from its configuration, or from {@link EmbeddedMefServer}. */
    void serve(Stakeholder stakeholder) {
        stakeholders.put(stakeholder);
        LOG.info("MEF serves administrating stakeholder {}", stakeholder.adminFqdn());
    }

    void removeStakeholder(MefStakeholderComponent component) { stakeholders.remove(component.stakeholder().adminFqdn()); }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPskClient(MefPskClientComponent component) {
        pskClients.put(component.credential());
        if (!component.enrolmentTargets().isEmpty()) targetsOfEnrolee.put(component.credential().peerId(), component.enrolmentTargets());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCertificateClient(MefCertificateClientComponent component) {
        clientCertificates.put(component.fingerprint(), component.clientId());
        LOG.info("MEF Client {} is authenticated by the client certificate with SHA-256 {}", component.clientId(), component.fingerprint());
    }

    void removeCertificateClient(MefCertificateClientComponent component) {
        clientCertificates.remove(component.fingerprint(), component.clientId());
    }

    /** A PSK client from {@link EmbeddedMefServer}. */
    void accept(PskCredential client) { pskClients.put(client); }

    void removePskClient(MefPskClientComponent component) {
        pskClients.remove(component.credential());
        targetsOfEnrolee.remove(component.credential().peerId(), component.enrolmentTargets());
    }

    InetSocketAddress address() { return server.address(); }

    /** The EST server, or null when estPort is -1. */
    EstEndpoint est() { return est; }

    EnrolmentKeyStore enrolmentKeys() { return enrolmentKeys; }

    RegistrationStore store() { return store; }
}
