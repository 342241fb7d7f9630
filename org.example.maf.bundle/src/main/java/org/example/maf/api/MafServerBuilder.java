package org.example.maf.api;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.example.maf.impl.server.EmbeddedMafServer;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.spi.RegistrationStores;

/**
 * Starts a MAF server (TS-0003 8.8) without OSGi, as Leshan's {@code LeshanServerBuilder} does for its server: the
 * same server the bundle's DS component runs, with its stakeholders and pre-provisioned PSK clients given here
 * rather than as factory configurations. PSK clients only (certificate clients need the OSGi configuration).
 * <pre>
 * try (MafServer maf = MafServerBuilder.create("maf.example.com").port(0)
 *         .stakeholder("sp.example.com", List.of("//sp.example.com/source", "//sp.example.com/target"))
 *         .pskClient(new PskCredential("source-km@maf.example.com", km, "//sp.example.com/source"))
 *         .start()) { ... maf.address() ... }
 * </pre>
 * Not thread-safe; {@link #start()} may be called again for another server with the same settings.
 */
public final class MafServerBuilder {
    /** The file a durable MAF keeps its registry in, inside its {@linkplain #dataDirectory data directory}. */
    public static final String STORE_FILE = "maf-registry.mv.db";

    /** An administrating stakeholder (TS-0003 8.8.1) as the builder holds it. */
    public static final class Stakeholder {
        public final String adminFqdn;
        public final List<String> preAuthorizedClients;
        public final Duration maxRegistrationLifetime;
        public final Duration maxKeyLifetime;

        Stakeholder(String adminFqdn, List<String> preAuthorizedClients, Duration maxRegistrationLifetime, Duration maxKeyLifetime) {
            this.adminFqdn = Objects.requireNonNull(adminFqdn, "adminFqdn");
            this.preAuthorizedClients = List.copyOf(preAuthorizedClients);
            this.maxRegistrationLifetime = Objects.requireNonNull(maxRegistrationLifetime, "maxRegistrationLifetime");
            this.maxKeyLifetime = Objects.requireNonNull(maxKeyLifetime, "maxKeyLifetime");
        }
    }

    /**
     * The MEF a MAF fetches remotely provisioned Km from (TS-0003 8.8.2.3 with 8.3.2.1), as the configuration's mefFqdn,
     * mefHost, mefPort, mefPskIdentity and mefPsk give it: the MAF's own PSK at the MEF, as one of its Enrolment Targets.
     */
    public static final class Mef {
        public final String mefFqdn;
        public final String mefHost;
        public final int mefPort;
        public final PskCredential mafAtMef;

        Mef(String mefFqdn, String mefHost, int mefPort, PskCredential mafAtMef) {
            this.mefFqdn = Objects.requireNonNull(mefFqdn, "mefFqdn");
            this.mefHost = Objects.requireNonNull(mefHost, "mefHost");
            this.mefPort = mefPort;
            this.mafAtMef = Objects.requireNonNull(mafAtMef, "mafAtMef");
        }
    }

    private final String fqdn;
    private String host = "127.0.0.1";
    private int port = 8443;
    private Path dataDirectory;
    private int maxConnections = 256;
    private Duration purgeInterval = Duration.ofSeconds(60);
    private final List<Stakeholder> stakeholders = new ArrayList<>();
    private final List<PskCredential> pskClients = new ArrayList<>();
    private Mef mef;
    private SecureChannels channels;
    private PrimitiveTransport transport;
    private RegistrationStores stores;

    private MafServerBuilder(String fqdn) {
        this.fqdn = Objects.requireNonNull(fqdn, "fqdn");
    }

    /** A MAF whose MAF-FQDN (SNI name, the part after '@' of its Key Identifiers) is {@code fqdn}. */
    public static MafServerBuilder create(String fqdn) { return new MafServerBuilder(fqdn); }

    /** The listen address; default 127.0.0.1 (this machine only). */
    public MafServerBuilder host(String host) { this.host = Objects.requireNonNull(host, "host"); return this; }

    /** The TLS port; default 8443, 0 lets the system choose ({@link MafServer#address()}). */
    public MafServerBuilder port(int port) { this.port = port; return this; }

    /** Keeps the registry durably in {@code directory}/{@value #STORE_FILE}; null (the default) keeps it in memory only. */
    public MafServerBuilder dataDirectory(Path directory) { this.dataDirectory = directory; return this; }

    /** The largest number of open sessions; default 256. */
    public MafServerBuilder maxConnections(int maxConnections) { this.maxConnections = maxConnections; return this; }

    /** How often expired registrations are removed from the store (whole seconds, at least 1); default 60 s. */
    public MafServerBuilder purgeInterval(Duration interval) { this.purgeInterval = Objects.requireNonNull(interval, "interval"); return this; }

    /** A stakeholder with the defaults of the OSGi configuration: registrations up to 365 days, keys up to 30 days. */
    public MafServerBuilder stakeholder(String adminFqdn, List<String> preAuthorizedClients) {
        return stakeholder(adminFqdn, preAuthorizedClients, Duration.ofDays(365), Duration.ofDays(30));
    }

    /** A stakeholder: the MAF Client IDs it pre-authorizes and the longest lifetimes it grants. */
    public MafServerBuilder stakeholder(String adminFqdn, List<String> preAuthorizedClients, Duration maxRegistrationLifetime,
                                        Duration maxKeyLifetime) {
        stakeholders.add(new Stakeholder(adminFqdn, preAuthorizedClients, maxRegistrationLifetime, maxKeyLifetime));
        return this;
    }

    /** A pre-provisioned MAF Client: its KmID ({@link PskCredential#identity()}), Km, and MAF Client ID ({@link PskCredential#peerId()}). */
    public MafServerBuilder pskClient(PskCredential client) {
        if (Objects.requireNonNull(client, "client").peerId() == null) throw new IllegalArgumentException("a PSK client names its MAF Client ID (peerId)");
        pskClients.add(client);
        return this;
    }

    /**
     * Remote provisioning (TS-0003 8.8.2.3, 8.3.2.1): a handshake whose psk_identity is a KeID of MEF {@code mefFqdn} makes
     * the MAF fetch its Km from that MEF at {@code mefHost:mefPort}, authenticating there with {@code mafAtMef} (its
     * identity and key: the configuration's mefPskIdentity and mefPsk); SUID 21 and a 5 s fetch timeout, the
     * configuration's defaults. Default: off.
     */
    public MafServerBuilder remoteProvisioning(String mefFqdn, String mefHost, int mefPort, PskCredential mafAtMef) {
        this.mef = new Mef(mefFqdn, mefHost, mefPort, mafAtMef);
        return this;
    }

    /** Another TLS implementation; default {@link TefStandalone#secureChannels()}. */
    public MafServerBuilder secureChannels(SecureChannels channels) { this.channels = channels; return this; }

    /** Another primitive transport; default {@link TefStandalone#primitiveTransport()}. */
    public MafServerBuilder primitiveTransport(PrimitiveTransport transport) { this.transport = transport; return this; }

    /** Other registration stores; default {@link TefStandalone#registrationStores()}. */
    public MafServerBuilder registrationStores(RegistrationStores stores) { this.stores = stores; return this; }

    /**
     * Opens the registry and starts listening; returns once the TLS endpoint accepts connections.
     *
     * @throws IOException when the port cannot be bound or the registry cannot be opened
     * @throws IllegalArgumentException when a setting is invalid (e.g. the FQDN, a KmID)
     */
    public MafServer start() throws IOException {
        return EmbeddedMafServer.start(channels != null ? channels : TefStandalone.secureChannels(),
                transport != null ? transport : TefStandalone.primitiveTransport(),
                stores != null ? stores : TefStandalone.registrationStores(),
                fqdn, host, port, dataDirectory == null ? "" : dataDirectory.toString(), Math.max(1, purgeInterval.toSeconds()),
                maxConnections, List.copyOf(stakeholders), List.copyOf(pskClients), mef);
    }
}
