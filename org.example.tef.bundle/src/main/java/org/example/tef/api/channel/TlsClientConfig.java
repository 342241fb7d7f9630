package org.example.tef.api.channel;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** Where a TLS client connects, the SNI name it sends, and how it authenticates: a PSK or a certificate. */
public final class TlsClientConfig {
    public final String host;
    public final int port;
    public final String serverName;
    public final PskCredential psk;
    public final CertificateCredential certificate;
    /** Trust anchors for the server's certificate (certificate mode). */
    public final List<X509Certificate> serverTrustAnchors;
    public final List<String> exporterLabels;
    public final int connectTimeoutMillis;
    public final int readTimeoutMillis;
    /**
     * The suites offered, most preferred first, as {@link CipherSuites} code points; empty (the default) offers all of
     * the credential's kind ({@link CipherSuites#PSK} or {@link CipherSuites#ECDHE_ECDSA}).
     */
    public final List<Integer> cipherSuites;

    private TlsClientConfig(Builder b) {
        this.host = Objects.requireNonNull(b.host, "host");
        this.port = b.port;
        this.serverName = Objects.requireNonNull(b.serverName, "serverName");
        this.psk = b.psk;
        this.certificate = b.certificate;
        this.serverTrustAnchors = List.copyOf(b.serverTrustAnchors);
        this.exporterLabels = List.copyOf(b.exporterLabels);
        this.connectTimeoutMillis = b.connectTimeoutMillis;
        this.readTimeoutMillis = b.readTimeoutMillis;
        this.cipherSuites = List.copyOf(b.cipherSuites);
        List<Integer> allowed = psk != null ? CipherSuites.PSK : CipherSuites.ECDHE_ECDSA;
        for (int suite : cipherSuites) {
            if (!allowed.contains(suite)) throw new IllegalArgumentException(String.format(
                    "suite 0x%04X is not one of TS-0003 10.2 for a %s client", suite, psk != null ? "PSK" : "certificate"));
        }
        if ((psk == null) == (certificate == null)) throw new IllegalArgumentException("a TLS client authenticates with a PSK or with a certificate");
        if (certificate != null && serverTrustAnchors.isEmpty()) throw new IllegalArgumentException("certificate mode needs trust anchors for the server");
    }

    public static Builder builder(String host, int port, String serverName) { return new Builder(host, port, serverName); }

    public static final class Builder {
        private final String host;
        private final int port;
        private final String serverName;
        private PskCredential psk;
        private CertificateCredential certificate;
        private List<X509Certificate> serverTrustAnchors = List.of();
        private List<String> exporterLabels = List.of();
        private int connectTimeoutMillis = 10_000;
        private int readTimeoutMillis = 30_000;
        private List<Integer> cipherSuites = List.of();

        private Builder(String host, int port, String serverName) {
            this.host = host;
            this.port = port;
            this.serverName = serverName;
        }

        public Builder psk(PskCredential psk) { this.psk = psk; return this; }
        public Builder certificate(CertificateCredential certificate, List<X509Certificate> serverTrustAnchors) {
            this.certificate = certificate;
            this.serverTrustAnchors = serverTrustAnchors;
            return this;
        }
        public Builder exporterLabels(List<String> labels) { this.exporterLabels = labels; return this; }
        public Builder connectTimeoutMillis(int millis) { this.connectTimeoutMillis = millis; return this; }
        public Builder readTimeoutMillis(int millis) { this.readTimeoutMillis = millis; return this; }
        /** Offers only these suites ({@link CipherSuites}), in this order; none given offers the default set. */
        public Builder cipherSuites(int... suites) {
            this.cipherSuites = java.util.Arrays.stream(suites).boxed().collect(java.util.stream.Collectors.toList());
            return this;
        }
        public TlsClientConfig build() { return new TlsClientConfig(this); }
    }
}
