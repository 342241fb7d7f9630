package org.example.maf.api;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.example.tef.api.Identifiers;
import org.example.tef.api.channel.CertificateCredential;
import org.example.tef.api.channel.PskCredential;

/**
 * Where a MAF Client finds its MAF and how it authenticates (TS-0003 8.8.3.1, 8.8.3.2): the MAF-FQDN (sent as
 * SNI), host and port, and either Km/KmID or a certificate with the MAF's trust anchors; and how long an unused
 * session to the MAF stays open for the next procedure.
 */
public final class MafClientConfig {
    public final String mafFqdn;
    public final String host;
    public final int port;
    /** This client's AE-ID or CSE-ID; sent as X-M2M-Origin (informational: the MAF trusts the handshake). */
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

    /** 30 s. */
    public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofSeconds(30);

    private MafClientConfig(String mafFqdn, String host, int port, String clientId, PskCredential psk,
                            CertificateCredential certificate, List<X509Certificate> mafTrustAnchors, Duration sessionIdleTimeout) {
        this.mafFqdn = Objects.requireNonNull(mafFqdn, "mafFqdn");
        // The MAF-FQDN is the SNI name (10.2.1) and the part after '@' of every Key Identifier (10.3.5).
        if (!Identifiers.isFqdn(mafFqdn)) throw new IllegalArgumentException("mafFqdn '" + mafFqdn + "' is not an FQDN");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.psk = psk;
        this.certificate = certificate;
        this.mafTrustAnchors = List.copyOf(mafTrustAnchors);
        this.sessionIdleTimeout = Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
        if (sessionIdleTimeout.isNegative()) throw new IllegalArgumentException("sessionIdleTimeout must not be negative");
    }

    /** This configuration with another {@link #sessionIdleTimeout}; {@link Duration#ZERO}: one session per procedure. */
    public MafClientConfig withSessionIdleTimeout(Duration timeout) {
        return new MafClientConfig(mafFqdn, host, port, clientId, psk, certificate, mafTrustAnchors, timeout);
    }

    /** Authenticates with a pre-provisioned Km under its KmID (TS-0003 8.8.2.2, 10.6). */
    public static MafClientConfig withPsk(String mafFqdn, String host, int port, String clientId, String kmId, byte[] km) {
        return new MafClientConfig(mafFqdn, host, port, clientId, new PskCredential(kmId, km, clientId), null, List.of(),
                DEFAULT_SESSION_IDLE_TIMEOUT);
    }

    /** Authenticates with a certificate; the MAF's certificate is checked against the trust anchors (8.8.2.2). */
    public static MafClientConfig withCertificate(String mafFqdn, String host, int port, String clientId,
                                                  CertificateCredential certificate, List<X509Certificate> mafTrustAnchors) {
        Objects.requireNonNull(certificate, "certificate");
        if (mafTrustAnchors == null || mafTrustAnchors.isEmpty()) {
            throw new IllegalArgumentException("a certificate client checks the MAF's certificate against at least one trust anchor (8.1.2.5)");
        }
        return new MafClientConfig(mafFqdn, host, port, clientId, null, certificate, mafTrustAnchors, DEFAULT_SESSION_IDLE_TIMEOUT);
    }
}
