package org.example.tef.core.certificates;

import java.util.Optional;

import org.example.tef.api.channel.ClientCertificates;
import org.example.tef.api.channel.PskCredentials;
import org.example.tef.api.channel.TlsServerConfig;

/**
 * How clients may complete a MAF's or MEF's handshake (TS-0003 8.8.2.2, 8.3.5.2.2): with a pre-provisioned PSK, with a
 * certificate, or either. Read from the function's configuration when it starts: neither, or a certificate file that
 * cannot serve, is an {@link IllegalArgumentException} naming the setting or the file, so that the function does not
 * start rather than failing every handshake later.
 */
public final class HandshakeModes {
    private final boolean psk;
    private final Optional<CertificateMode> certificates;

    private HandshakeModes(boolean psk, Optional<CertificateMode> certificates) {
        this.psk = psk;
        this.certificates = certificates;
    }

    /**
     * @param function "MAF" or "MEF"
     * @param clause the handshake's clause, e.g. "8.8.2.2", for the message when neither mode is configured
     */
    public static HandshakeModes of(String function, String clause, String fqdn, boolean pskEnabled, String chainFile, String keyFile,
                                    String anchorsFile) {
        Optional<CertificateMode> certificates = CertificateMode.from(function, fqdn, chainFile, keyFile, anchorsFile);
        if (!pskEnabled && certificates.isEmpty()) {
            throw new IllegalArgumentException("neither PSK clients (pskEnabled=false) nor certificate clients (" + CertificateMode.CHAIN
                    + ", " + CertificateMode.KEY + ", " + CertificateMode.ANCHORS + " not set) are configured, so no " + function
                    + " Client could complete the " + function + " Handshake (TS-0003 " + clause + ")");
        }
        return new HandshakeModes(pskEnabled, certificates);
    }

    /** Sets the modes on the endpoint's TLS configuration: the PSK look-up, and the certificate with its clients. */
    public TlsServerConfig.Builder configure(TlsServerConfig.Builder tls, PskCredentials pskClients, ClientCertificates clientCertificates) {
        if (psk) tls.psk(pskClients);
        certificates.ifPresent(c -> tls.certificate(c.credential, c.clientTrustAnchors, clientCertificates));
        return tls;
    }

    /** For the start-up log line: "PSK", "certificate CN=..., 1 client trust anchor(s)", or both. */
    public String describe() {
        return (psk ? "PSK" : "") + (psk && certificates.isPresent() ? " and " : "") + certificates.map(CertificateMode::describe).orElse("");
    }
}
