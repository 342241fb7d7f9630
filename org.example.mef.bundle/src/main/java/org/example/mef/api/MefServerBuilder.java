package org.example.mef.api;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.example.mef.impl.server.EmbeddedMefServer;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.core.Stakeholder;

/**
 * Starts a MEF server (TS-0003 8.3) without OSGi, as {@code MafServerBuilder} starts a MAF: the same server the
 * bundle's DS component runs, with its stakeholders, Enrolees' Kpm and Enrolment Targets given here rather than as
 * configurations. PSK clients only; with {@link #est(int)} also its EST server (certificate provisioning, TS-0003 8.3.6.2).
 * <pre>
 * try (MefServer mef = MefServerBuilder.create("mef.example.com").port(0).dataDirectory(dir)
 *         .stakeholder(new Stakeholder("sp.example.com", Set.of("//sp.example.com/device"), Duration.ofDays(1), Duration.ofHours(1), null))
 *         .pskClient(new PskCredential("device-kpm@mef.example.com", kpm, "//sp.example.com/device"))
 *         .enrolmentTarget("maf.example.com=21").pskClient(new PskCredential("maf@mef.example.com", mafKey, "maf.example.com"))
 *         .start()) { ... mef.address() ... }
 * </pre>
 */
public final class MefServerBuilder {
    /** The registry file of a durable MEF, inside its {@linkplain #dataDirectory data directory}. */
    public static final String REGISTRY_FILE = "mef-registry.mv.db";

    private final String fqdn;
    private String host = "127.0.0.1";
    private int port = 8444;
    private Path dataDirectory;
    private int maxConnections = 256;
    private Duration enrolmentKeyLifetime = Duration.ofDays(30);
    private Duration noMoreCommandsRetry = Duration.ofHours(1);
    private int estPort = -1;
    private Path caDirectory;
    private Duration certificateValidity = Duration.ofDays(365);
    private int certificatesPerCommand = 3;
    private final List<String> enrolmentTargets = new ArrayList<>();
    private final List<Stakeholder> stakeholders = new ArrayList<>();
    private final List<PskCredential> pskClients = new ArrayList<>();

    private MefServerBuilder(String fqdn) { this.fqdn = Objects.requireNonNull(fqdn, "fqdn"); }

    /** A MEF whose MEF-FQDN (SNI name, the part after '@' of its KeIDs) is {@code fqdn}. */
    public static MefServerBuilder create(String fqdn) { return new MefServerBuilder(fqdn); }

    public MefServerBuilder host(String host) { this.host = Objects.requireNonNull(host, "host"); return this; }

    /** The TLS port; default 8444, 0 lets the system choose ({@link MefServer#address()}). */
    public MefServerBuilder port(int port) { this.port = port; return this; }

    /** Keeps the registry, the Enrolment Keys and the commands in {@code directory}; null (the default): in memory only. */
    public MefServerBuilder dataDirectory(Path directory) { this.dataDirectory = directory; return this; }

    public MefServerBuilder maxConnections(int maxConnections) { this.maxConnections = maxConnections; return this; }

    public MefServerBuilder enrolmentKeyLifetime(Duration lifetime) { this.enrolmentKeyLifetime = Objects.requireNonNull(lifetime); return this; }

    public MefServerBuilder noMoreCommandsRetry(Duration retry) { this.noMoreCommandsRetry = Objects.requireNonNull(retry); return this; }

    /**
     * Runs the MEF's EST server (TS-0003 8.3.6.2, RFC 7030) on this port, 0 for a free one ({@link MefServer#estBaseUri()});
     * its MEF CA is kept in {@link #caDirectory}, by default {@code <dataDirectory>/ca}. Default -1: none.
     */
    public MefServerBuilder est(int port) { this.estPort = port; return this; }

    /** Where the MEF CA keeps its key, certificate and issued certificates (default {@code <dataDirectory>/ca}). */
    public MefServerBuilder caDirectory(Path directory) { this.caDirectory = directory; return this; }

    /** How long an EST-issued certificate is valid (whole days; default 365). */
    public MefServerBuilder certificateValidity(Duration validity) { this.certificateValidity = Objects.requireNonNull(validity); return this; }

    /**
     * How many certificates the EST server issues for one pending CERT_PROV command before the MEF Client reports on it
     * (default 3: a client whose answer was lost may enrol again, not without end).
     *
     * @since 1.10
     */
    public MefServerBuilder certificatesPerCommand(int certificates) { this.certificatesPerCommand = certificates; return this; }

    /** {@code <target ID>=<SUID>[;<SUID>]}: who may fetch credentials, as the configuration's enrolmentTargets. */
    public MefServerBuilder enrolmentTarget(String entry) { enrolmentTargets.add(Objects.requireNonNull(entry)); return this; }

    public MefServerBuilder stakeholder(Stakeholder stakeholder) { stakeholders.add(Objects.requireNonNull(stakeholder)); return this; }

    /** An Enrolee's KpmID/Kpm or an Enrolment Target's PSK, with the ID it authenticates ({@link PskCredential#peerId()}). */
    public MefServerBuilder pskClient(PskCredential client) {
        if (Objects.requireNonNull(client, "client").peerId() == null) throw new IllegalArgumentException("a PSK client names the ID it authenticates (peerId)");
        pskClients.add(client);
        return this;
    }

    /**
     * Opens the stores and starts listening; returns once the TLS endpoint accepts connections.
     *
     * @throws IOException when the port cannot be bound or a store cannot be opened
     * @throws IllegalArgumentException when a setting is invalid
     */
    public MefServer start() throws IOException {
        return EmbeddedMefServer.start(TefStandalone.secureChannels(), TefStandalone.primitiveTransport(), TefStandalone.registrationStores(),
                new EmbeddedMefServer.Settings(fqdn, host, port, dataDirectory, maxConnections, enrolmentKeyLifetime, noMoreCommandsRetry,
                        List.copyOf(enrolmentTargets), estPort, caDirectory, certificateValidity, certificatesPerCommand), List.copyOf(stakeholders), List.copyOf(pskClients));
    }
}
