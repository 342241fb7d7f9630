package org.example.maf.api;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.example.tef.api.EnrolmentKey;
import org.example.tef.api.Identifiers;
import org.example.tef.api.Suids;
import org.example.tef.api.channel.CertificateCredential;
import org.example.tef.api.channel.PskCredential;

/**
 * Where a MAF Client finds its MAF and how it authenticates (TS-0003 8.8.3.1, 8.8.3.2): the MAF-FQDN (sent as
 * SNI), host and port, and either Km/KmID, a Km remotely provisioned from an Enrolment Key (8.3.2.1), or a certificate
 * with the MAF's trust anchors; how long an unused session to the MAF stays open for the next procedure; and where a
 * remotely provisioned client keeps the KmID the MAF assigned it. {@link #toString()} prints no key.
 */
public final class MafClientConfig {
    public final String mafFqdn;
    public final String host;
    public final int port;
    /**
     * This client's AE-ID or CSE-ID; sent as X-M2M-Origin (informational: the MAF trusts the handshake). Null for a
     * client of an Enrolment Key ({@link #withEnrolmentKey}): there the MAF names the client (the EnroleeID the MEF
     * answers, mafClientID), see {@link MafClient#clientId()}.
     */
    public final String clientId;
    public final PskCredential psk;
    public final CertificateCredential certificate;
    public final List<X509Certificate> mafTrustAnchors;
    /**
     * How long a session to the MAF is kept open, unused, for the next procedure of this client; {@link Duration#ZERO}
     * opens one session per procedure. Default {@link #DEFAULT_SESSION_IDLE_TIMEOUT}, below the MAF's own idle timeout
     * (60 s for this project's MAF), so that the client, not the MAF, normally ends an idle session.
     */
    public final Duration sessionIdleTimeout;
    /**
     * (1.3) The KeID of the Enrolment Key the Km was derived from, which is then {@link #psk}'s identity in the first
     * handshake (8.3.2.1 "Use of Remotely Provisioned Credential"); null for a pre-provisioned Km or a certificate.
     */
    public final String keId;
    /**
     * (1.3) The H2 MVStore file in which a client of an Enrolment Key keeps the KmID the MAF assigned it (8.8.2.3), so
     * that a restarted client uses it without enrolling again; null: in memory only.
     */
    public final Path stateFile;

    /** 30 s. */
    public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofSeconds(30);

    /** The SUID of a Km remotely provisioned for a MAF (8.8.2.3, TS-0004 table 6.3.4.2.39-1): 21. */
    public static final int DEFAULT_REMOTE_PROVISIONING_SUID = 21;

    private MafClientConfig(String mafFqdn, String host, int port, String clientId, PskCredential psk, CertificateCredential certificate,
                            List<X509Certificate> mafTrustAnchors, Duration sessionIdleTimeout, String keId, Path stateFile) {
        this.mafFqdn = Objects.requireNonNull(mafFqdn, "mafFqdn");
        // The MAF-FQDN is the SNI name (10.2.1) and the part after '@' of every Key Identifier (10.3.5).
        if (!Identifiers.isFqdn(mafFqdn)) throw new IllegalArgumentException("mafFqdn '" + mafFqdn + "' is not an FQDN");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.keId = keId;
        this.clientId = keId == null ? Objects.requireNonNull(clientId, "clientId") : clientId;
        this.psk = psk;
        this.certificate = certificate;
        this.mafTrustAnchors = List.copyOf(mafTrustAnchors);
        this.sessionIdleTimeout = Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
        if (sessionIdleTimeout.isNegative()) throw new IllegalArgumentException("sessionIdleTimeout must not be negative");
        this.stateFile = stateFile;
    }

    /** This configuration with another {@link #sessionIdleTimeout}; {@link Duration#ZERO}: one session per procedure. */
    public MafClientConfig withSessionIdleTimeout(Duration timeout) {
        return new MafClientConfig(mafFqdn, host, port, clientId, psk, certificate, mafTrustAnchors, timeout, keId, stateFile);
    }

    /**
     * (1.3) This configuration with the assigned KmID kept in {@code file} (created when missing; null: in memory).
     * Only a client of an Enrolment Key has one to keep: a MAF assigns KmIDs in KeID sessions only (8.8.2.3, 8.8.2.5).
     *
     * @throws IllegalArgumentException for a client of a pre-provisioned Km or a certificate
     */
    public MafClientConfig withStateFile(Path file) {
        if (file != null && keId == null) throw new IllegalArgumentException("only a client of an Enrolment Key keeps an assigned KmID (TS-0003 8.8.2.3)");
        return new MafClientConfig(mafFqdn, host, port, clientId, psk, certificate, mafTrustAnchors, sessionIdleTimeout, keId, file);
    }

    /** Authenticates with a pre-provisioned Km under its KmID (TS-0003 8.8.2.2, 10.6). */
    public static MafClientConfig withPsk(String mafFqdn, String host, int port, String clientId, String kmId, byte[] km) {
        return new MafClientConfig(mafFqdn, host, port, clientId, new PskCredential(kmId, km, clientId), null, List.of(),
                DEFAULT_SESSION_IDLE_TIMEOUT, null, null);
    }

    /** {@link #withEnrolmentKey(String, String, int, EnrolmentKey, int)} with SUID {@value #DEFAULT_REMOTE_PROVISIONING_SUID}. */
    public static MafClientConfig withEnrolmentKey(String mafFqdn, String host, int port, EnrolmentKey ke) {
        return withEnrolmentKey(mafFqdn, host, port, ke, DEFAULT_REMOTE_PROVISIONING_SUID);
    }

    /**
     * (1.3) Authenticates with a Km remotely provisioned from the Enrolment Key the MEF Client established (8.8.2.3 with
     * 8.3.2.1): the first handshake sends psk_identity = KeID and psk = the usage-constrained key of 10.3.7 for
     * {@code suid} and the MAF-FQDN, which the MAF fetches from the MEF. The MAF then names the client (mafClientID) and
     * assigns a KmID for the same Km, which the client uses from then on ({@link MafClient#pskIdentity()}).
     *
     * @param suid the SUID the MEF provisions the MAF's Km under, one of 21 to 25 (TS-0004 table 6.3.4.2.39-1)
     */
    public static MafClientConfig withEnrolmentKey(String mafFqdn, String host, int port, EnrolmentKey ke, int suid) {
        Objects.requireNonNull(ke, "ke");
        if (!Suids.RSPF_PROVISIONED.contains(suid)) throw new IllegalArgumentException("SUID " + suid + " is not one of "
                + Suids.RSPF_PROVISIONED + " (a remotely provisioned symmetric key, TS-0004 table 6.3.4.2.39-1)");
        byte[] km = ke.usageConstrainedKey(suid, Objects.requireNonNull(mafFqdn, "mafFqdn"));
        try {
            return new MafClientConfig(mafFqdn, host, port, null, new PskCredential(ke.keId(), km, null), null, List.of(),
                    DEFAULT_SESSION_IDLE_TIMEOUT, ke.keId(), null);
        } finally {
            Arrays.fill(km, (byte) 0);
        }
    }

    /** Authenticates with a certificate; the MAF's certificate is checked against the trust anchors (8.8.2.2). */
    public static MafClientConfig withCertificate(String mafFqdn, String host, int port, String clientId,
                                                  CertificateCredential certificate, List<X509Certificate> mafTrustAnchors) {
        Objects.requireNonNull(certificate, "certificate");
        if (mafTrustAnchors == null || mafTrustAnchors.isEmpty()) {
            throw new IllegalArgumentException("a certificate client checks the MAF's certificate against at least one trust anchor (8.1.2.5)");
        }
        return new MafClientConfig(mafFqdn, host, port, clientId, null, certificate, mafTrustAnchors, DEFAULT_SESSION_IDLE_TIMEOUT, null, null);
    }

    @Override
    public String toString() {
        String as = psk != null ? psk.identity() : "a certificate";
        return "MafClientConfig[" + (clientId != null ? clientId : "the client of " + keId) + " to " + mafFqdn + " at " + host + ":" + port
                + " as " + as + (keId == null ? "" : ", state " + (stateFile == null ? "in memory" : stateFile)) + "]";
    }
}
