package org.example.tef.api.standalone;

import java.io.IOException;

import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.channel.TlsServerConfig;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Full TLS 1.2 handshakes between this bundle's TLS client and server (SNI check, PSK look-up or certificate checks,
 * RFC 5705 export on both sides) with the bytes moved in memory: no sockets, no threads. What one handshake costs
 * in CPU, without the network, for capacity planning and benchmarks. Not thread-safe: one per thread.
 */
@ProviderType
public interface InMemoryHandshakes {

    /**
     * One handshake; the client offers what {@code client} says (its {@link TlsClientConfig#cipherSuites}).
     *
     * @return the negotiated suite
     * @throws IOException when the handshake fails or the server did not authenticate the client
     */
    int handshake(TlsServerConfig server, TlsClientConfig client) throws IOException;
}
