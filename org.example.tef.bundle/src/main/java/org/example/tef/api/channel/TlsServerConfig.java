package org.example.tef.api.channel;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * How a TLS server listens and whom it accepts: PSK clients (when {@link #psk} is set), certificate clients
 * (when {@link #certificate} and {@link #clientTrustAnchors} are set), or both.
 */
public final class TlsServerConfig {
    public final String host;
    public final int port;
    /** The FQDN clients must name in SNI (TS-0003 10.2.1); others fail with unrecognized_name. */
    public final String serverName;
    public final PskCredentials psk;
    public final CertificateCredential certificate;
    public final List<X509Certificate> clientTrustAnchors;
    public final ClientCertificates clientCertificates;
    public final List<String> exporterLabels;
    public final int handshakeTimeoutMillis;
    public final int idleTimeoutMillis;
    public final int maxConnections;

    private TlsServerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.serverName = Objects.requireNonNull(b.serverName, "serverName");
        this.psk = b.psk;
        this.certificate = b.certificate;
        this.clientTrustAnchors = List.copyOf(b.clientTrustAnchors);
        this.clientCertificates = b.clientCertificates;
        this.exporterLabels = List.copyOf(b.exporterLabels);
        this.handshakeTimeoutMillis = b.handshakeTimeoutMillis;
        this.idleTimeoutMillis = b.idleTimeoutMillis;
        this.maxConnections = b.maxConnections;
        if (psk == null && certificate == null) throw new IllegalArgumentException("a TLS server accepts PSK clients, certificate clients, or both");
        if (certificate != null && (clientTrustAnchors.isEmpty() || clientCertificates == null)) {
            throw new IllegalArgumentException("certificate clients need trust anchors and the provisioned client certificate information");
        }
    }

    public static Builder builder(String serverName) { return new Builder(serverName); }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private final String serverName;
        private PskCredentials psk;
        private CertificateCredential certificate;
        private List<X509Certificate> clientTrustAnchors = List.of();
        private ClientCertificates clientCertificates;
        private List<String> exporterLabels = List.of();
        private int handshakeTimeoutMillis = 10_000;
        private int idleTimeoutMillis = 60_000;
        private int maxConnections = 256;

        private Builder(String serverName) { this.serverName = serverName; }

        /** 127.0.0.1 unless set; 0.0.0.0 to listen on every interface. */
        public Builder host(String host) { this.host = host; return this; }
        /** 0 picks a free port. */
        public Builder port(int port) { this.port = port; return this; }
        public Builder psk(PskCredentials psk) { this.psk = psk; return this; }
        public Builder certificate(CertificateCredential certificate, List<X509Certificate> clientTrustAnchors,
                                   ClientCertificates clientCertificates) {
            this.certificate = certificate;
            this.clientTrustAnchors = clientTrustAnchors;
            this.clientCertificates = clientCertificates;
            return this;
        }
        public Builder exporterLabels(List<String> labels) { this.exporterLabels = labels; return this; }
        public Builder handshakeTimeoutMillis(int millis) { this.handshakeTimeoutMillis = millis; return this; }
        public Builder idleTimeoutMillis(int millis) { this.idleTimeoutMillis = millis; return this; }
        public Builder maxConnections(int max) { this.maxConnections = max; return this; }
        public TlsServerConfig build() { return new TlsServerConfig(this); }
    }
}
