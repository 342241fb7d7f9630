package org.example.tef.api.channel;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens TLS 1.2 servers and client sessions with Bouncy Castle's TLS (the JDK has no PSK suites). Offered suites
 * (TS-0003 10.2.2, 10.2.3): PSK: TLS_PSK_WITH_AES_128_CBC_SHA256 (mandatory), TLS_PSK_WITH_AES_128_GCM_SHA256,
 * TLS_PSK_WITH_AES_128_CCM, TLS_PSK_WITH_AES_128_CCM_8; certificates: TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256
 * (mandatory), TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256.
 */
@ProviderType
public interface SecureChannels {

    /** A listening server; closing it stops accepting and closes open sessions. */
    interface Server extends Closeable {
        InetSocketAddress address();
    }

    /** Starts accepting; each session that completes its handshake is given to the handler on a pooled thread. */
    Server listen(TlsServerConfig config, SessionHandler handler) throws IOException;

    /** Connects and completes the handshake, or throws (a failed handshake is an {@link IOException}). */
    SecureSession connect(TlsClientConfig config) throws IOException;
}
