package org.example.mef.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.example.tef.api.Identifiers;
import org.example.tef.api.channel.PskCredential;

/**
 * Where a MEF Client finds its MEF and how it authenticates (TS-0003 8.3.5.2.2: TLS-PSK, psk_identity = KpmID,
 * psk = Kpm): the MEF-FQDN (sent as SNI, 10.2.1), host and port, the client's ID, the file its state is kept in (or
 * none: in memory), and how long an unused session stays open for the next procedure. {@link #toString()} prints no key.
 */
public final class MefClientConfig {
    public final String mefFqdn;
    public final String host;
    public final int port;
    /** This client's AE-ID or CSE-ID; sent as X-M2M-Origin (informational: the MEF trusts the handshake). */
    public final String clientId;
    public final PskCredential kpm;
    /** The H2 MVStore file of the client's durable state, or null to keep it in memory only. */
    public final Path stateFile;
    /** Zero opens one session per procedure; default {@link #DEFAULT_SESSION_IDLE_TIMEOUT}. */
    public final Duration sessionIdleTimeout;
    /**
     * Whether the client retrieves and processes its MEF Client Commands by itself (TS-0003 8.3.4.6): after every
     * registration and registration update, at start for the registrations of its state file, and after each
     * NO_MORE_COMMANDS' retryDuration (8.3.9.6), on a thread of its own. Off: the caller calls
     * {@link MefClient#processCommands}.
     */
    public final boolean automaticCommands;
    /**
     * Executors of MEF Client Commands for this client only (8.3.9.2 step 5d), consulted before those its factory or
     * builder shares with every client; for example the MO_NODE executor of a device whose MOs only this client's
     * registrations concern. Empty by default.
     *
     * @since 1.5
     */
    public final List<MefCommandExecutor> commandExecutors;

    /** 30 s, below the MEF's own idle timeout, so that the client, not the MEF, normally ends an idle session. */
    public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofSeconds(30);

    private MefClientConfig(String mefFqdn, String host, int port, String clientId, PskCredential kpm, Path stateFile, Duration idle,
                            boolean automaticCommands, List<MefCommandExecutor> commandExecutors) {
        this.automaticCommands = automaticCommands;
        this.commandExecutors = List.copyOf(commandExecutors);
        this.mefFqdn = Objects.requireNonNull(mefFqdn, "mefFqdn");
        // The MEF-FQDN is the SNI name (10.2.1), the part after '@' of every Key Identifier and KeID (10.3.4, 10.3.5).
        if (!Identifiers.isFqdn(mefFqdn)) throw new IllegalArgumentException("mefFqdn '" + mefFqdn + "' is not an FQDN");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.kpm = Objects.requireNonNull(kpm, "kpm");
        this.stateFile = stateFile;
        this.sessionIdleTimeout = Objects.requireNonNull(idle, "sessionIdleTimeout");
        if (idle.isNegative()) throw new IllegalArgumentException("sessionIdleTimeout must not be negative");
    }

    /** Authenticates with a pre-provisioned Kpm under its KpmID (8.3.5.2.2); state in memory until {@link #withStateFile}. */
    public static MefClientConfig withPsk(String mefFqdn, String host, int port, String clientId, String kpmId, byte[] kpm) {
        return new MefClientConfig(mefFqdn, host, port, clientId, new PskCredential(kpmId, kpm, clientId), null, DEFAULT_SESSION_IDLE_TIMEOUT, false, List.of());
    }

    /** This configuration with its state kept in {@code file} (created when missing); null: in memory. */
    public MefClientConfig withStateFile(Path file) {
        return new MefClientConfig(mefFqdn, host, port, clientId, kpm, file, sessionIdleTimeout, automaticCommands, commandExecutors);
    }

    /** This configuration with the client processing its commands by itself ({@link #automaticCommands}). */
    public MefClientConfig withAutomaticCommands() {
        return new MefClientConfig(mefFqdn, host, port, clientId, kpm, stateFile, sessionIdleTimeout, true, commandExecutors);
    }

    /** This configuration with another {@link #sessionIdleTimeout}. */
    public MefClientConfig withSessionIdleTimeout(Duration timeout) {
        return new MefClientConfig(mefFqdn, host, port, clientId, kpm, stateFile, timeout, automaticCommands, commandExecutors);
    }

    /**
     * This configuration with one more executor for this client only ({@link #commandExecutors}).
     *
     * @since 1.5
     */
    public MefClientConfig withCommandExecutor(MefCommandExecutor executor) {
        List<MefCommandExecutor> more = new ArrayList<>(commandExecutors);
        more.add(Objects.requireNonNull(executor, "executor"));
        return new MefClientConfig(mefFqdn, host, port, clientId, kpm, stateFile, sessionIdleTimeout, automaticCommands, more);
    }

    @Override
    public String toString() {
        return "MefClientConfig[" + clientId + " to " + mefFqdn + " at " + host + ":" + port + " as " + kpm.identity()
                + ", state " + (stateFile == null ? "in memory" : stateFile) + (automaticCommands ? ", commands processed by itself" : "") + "]";
    }
}
