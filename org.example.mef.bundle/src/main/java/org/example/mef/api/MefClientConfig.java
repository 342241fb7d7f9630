package org.example.mef.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.example.tef.api.Identifiers;
import org.example.tef.api.channel.PskCredential;

/**
 * Where a MEF Client finds its MEF and how it authenticates (TS-0003 8.3.5.2.2: TLS-PSK, psk_identity = KpmID,
 * psk = Kpm; or, {@link #withCertificateHandshake()}, the certificate the MEF provisioned to it): the MEF-FQDN (sent as SNI, 10.2.1), host and port, the client's ID, the file its state is kept in (or
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

    /**
     * The directory where the client keeps the certificates the MEF provisions to it (TS-0003 8.3.6, 8.3.9.7: CERT_PROV by
     * EST), each with its chain, its private key (owner-only) and the MEF CA certificates; null (the default): the client
     * executes no CERT_PROV command (CLASS_NOT_SUPPORTED) unless an executor is given.
     *
     * @since 1.8
     */
    public final Path certificateDirectory;
    /**
     * How long before its notAfter a provisioned certificate is re-enrolled (8.3.6.2.3, RFC 7030 4.2.2
     * simplereenroll); capped at a third of the certificate's validity, so that a short-lived certificate is not renewed
     * over and over. Default {@link #DEFAULT_CERTIFICATE_RENEWAL_MARGIN}.
     *
     * @since 1.8
     */
    public final Duration certificateRenewalMargin;
    /**
     * The sec:certSubjectType values (12.3.2.6: 1 Node-ID, 2 CSE-ID, 3 AE-ID) the client accepts in a CERT_PROV command:
     * a client in a CSE acts as the CSE only, a Node's client on behalf of its CSE and AEs too (8.3.9.7 step 4). Default:
     * all three, a Node acting for its CSE and AEs.
     *
     * @since 1.8
     */
    public final Set<Integer> certificateSubjectTypes;
    /**
     * Whether the MEF sessions (registrations, commands, key procedures) authenticate with a MEF-Provisioned Certificate
     * (TS-0003 8.3.6.1) instead of the Kpm, in a certificate-based MEF Handshake (8.3.5.2.2, ECDHE_ECDSA of 10.2.3): the
     * certificate the client holds from a CERT_PROV ({@link #certificateDirectory}) whose certSubjectID is its
     * {@link #clientId}, valid now, with the MEF CA certificates of its EST /cacerts as trust anchors for the MEF's
     * certificate. While it holds none (none provisioned yet, or it lapsed) the sessions use the Kpm. The Enrolment Key is
     * exported from the registration's session either way (8.3.2.1 NOTE 3). Off (the default): always the Kpm. Needs a MEF
     * that accepts its CA's certificates on its port (its EST server on).
     *
     * @since 1.9
     */
    public final boolean certificateHandshake;

    /** 30 s, below the MEF's own idle timeout, so that the client, not the MEF, normally ends an idle session. */
    public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** 30 days. @since 1.8 */
    public static final Duration DEFAULT_CERTIFICATE_RENEWAL_MARGIN = Duration.ofDays(30);

    /** The values of a configuration, copied to make another that differs in one. */
    private static final class Fields implements Cloneable {
        String mefFqdn, host, clientId;
        int port;
        PskCredential kpm;
        Path stateFile, certificateDirectory;
        Duration idle = DEFAULT_SESSION_IDLE_TIMEOUT, renewalMargin = DEFAULT_CERTIFICATE_RENEWAL_MARGIN;
        boolean automaticCommands, certificateHandshake;
        List<MefCommandExecutor> commandExecutors = List.of();
        Set<Integer> subjectTypes = Set.of(1, 2, 3);

        Fields copy() {
            try {
                return (Fields) clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private final Fields fields;

    private MefClientConfig(Fields f) {
        this.fields = f;
        this.mefFqdn = Objects.requireNonNull(f.mefFqdn, "mefFqdn");
        // The MEF-FQDN is the SNI name (10.2.1), the part after '@' of every Key Identifier and KeID (10.3.4, 10.3.5).
        if (!Identifiers.isFqdn(mefFqdn)) throw new IllegalArgumentException("mefFqdn '" + mefFqdn + "' is not an FQDN");
        this.host = Objects.requireNonNull(f.host, "host");
        this.port = f.port;
        this.clientId = Objects.requireNonNull(f.clientId, "clientId");
        this.kpm = Objects.requireNonNull(f.kpm, "kpm");
        this.stateFile = f.stateFile;
        this.sessionIdleTimeout = Objects.requireNonNull(f.idle, "sessionIdleTimeout");
        if (f.idle.isNegative()) throw new IllegalArgumentException("sessionIdleTimeout must not be negative");
        this.automaticCommands = f.automaticCommands;
        this.commandExecutors = List.copyOf(f.commandExecutors);
        this.certificateDirectory = f.certificateDirectory;
        this.certificateRenewalMargin = Objects.requireNonNull(f.renewalMargin, "certificateRenewalMargin");
        if (f.renewalMargin.isNegative() || f.renewalMargin.isZero()) throw new IllegalArgumentException("certificateRenewalMargin must be positive");
        this.certificateSubjectTypes = Set.copyOf(f.subjectTypes);
        if (certificateSubjectTypes.isEmpty() || !Set.of(1, 2, 3).containsAll(certificateSubjectTypes)) throw new IllegalArgumentException(
                "certificateSubjectTypes " + certificateSubjectTypes + " must be some of 1 (Node-ID), 2 (CSE-ID), 3 (AE-ID) (TS-0003 12.3.2.6)");
        this.certificateHandshake = f.certificateHandshake;
    }

    /** Authenticates with a pre-provisioned Kpm under its KpmID (8.3.5.2.2); state in memory until {@link #withStateFile}. */
    public static MefClientConfig withPsk(String mefFqdn, String host, int port, String clientId, String kpmId, byte[] kpm) {
        Fields f = new Fields();
        f.mefFqdn = mefFqdn;
        f.host = host;
        f.port = port;
        f.clientId = clientId;
        f.kpm = new PskCredential(kpmId, kpm, clientId);
        return new MefClientConfig(f);
    }

    /** This configuration with its state kept in {@code file} (created when missing); null: in memory. */
    public MefClientConfig withStateFile(Path file) {
        return with(f -> f.stateFile = file);
    }

    /** This configuration with the client processing its commands by itself ({@link #automaticCommands}). */
    public MefClientConfig withAutomaticCommands() {
        return with(f -> f.automaticCommands = true);
    }

    /** This configuration with another {@link #sessionIdleTimeout}. */
    public MefClientConfig withSessionIdleTimeout(Duration timeout) {
        return with(f -> f.idle = timeout);
    }

    /**
     * This configuration with one more executor for this client only ({@link #commandExecutors}).
     *
     * @since 1.5
     */
    public MefClientConfig withCommandExecutor(MefCommandExecutor executor) {
        List<MefCommandExecutor> more = new ArrayList<>(fields.commandExecutors);
        more.add(Objects.requireNonNull(executor, "executor"));
        return with(f -> f.commandExecutors = more);
    }

    /**
     * This configuration with CERT_PROV commands executed by EST and their certificates kept in {@code directory}
     * (created when missing), see {@link #certificateDirectory}; null: none.
     *
     * @since 1.8
     */
    public MefClientConfig withCertificateDirectory(Path directory) {
        return with(f -> f.certificateDirectory = directory);
    }

    /** This configuration with another {@link #certificateRenewalMargin}. @since 1.8 */
    public MefClientConfig withCertificateRenewalMargin(Duration margin) {
        return with(f -> f.renewalMargin = margin);
    }

    /** This configuration accepting CERT_PROV commands for these certSubjectTypes only ({@link #certificateSubjectTypes}). @since 1.8 */
    public MefClientConfig withCertificateSubjectTypes(int... certSubjectTypes) {
        return with(f -> f.subjectTypes = java.util.Arrays.stream(certSubjectTypes).boxed().collect(java.util.stream.Collectors.toSet()));
    }

    /**
     * This configuration with the MEF sessions authenticated by the client's own provisioned certificate while it holds a
     * valid one ({@link #certificateHandshake}); without a {@link #certificateDirectory} (its own or its factory's) it has
     * none and stays with the Kpm.
     *
     * @since 1.9
     */
    public MefClientConfig withCertificateHandshake() {
        return with(f -> f.certificateHandshake = true);
    }

    /** A copy of these fields with {@code change} made to it: every {@code with...} method is one. */
    private MefClientConfig with(java.util.function.Consumer<Fields> change) {
        Fields f = fields.copy();
        change.accept(f);
        return new MefClientConfig(f);
    }

    @Override
    public String toString() {
        return "MefClientConfig[" + clientId + " to " + mefFqdn + " at " + host + ":" + port + " as " + kpm.identity()
                + ", state " + (stateFile == null ? "in memory" : stateFile) + (automaticCommands ? ", commands processed by itself" : "")
                + (certificateDirectory == null ? "" : ", certificates in " + certificateDirectory)
                + (certificateHandshake ? ", MEF Handshake with its provisioned certificate when it holds one" : "") + "]";
    }
}
