package org.example.tef.impl.tls;

import java.io.IOException;
import java.security.SecureRandom;

import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsProtocol;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.channel.TlsServerConfig;
import org.example.tef.api.standalone.InMemoryHandshakes;

/**
 * {@link OneM2mTlsClient} and {@link OneM2mTlsServer} over Bouncy Castle's non-blocking protocol objects, bytes
 * handed from one to the other with offerInput/readOutput.
 */
public final class InMemoryTlsHandshakes implements InMemoryHandshakes {
    private final BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
    private byte[] buffer = new byte[4096];

    @Override
    public int handshake(TlsServerConfig serverConfig, TlsClientConfig clientConfig) throws IOException {
        int[] offered = !clientConfig.cipherSuites.isEmpty() ? clientConfig.cipherSuites.stream().mapToInt(Integer::intValue).toArray()
                : clientConfig.psk != null ? Suites.psk() : Suites.ecdheEcdsa();
        OneM2mTlsClient client = new OneM2mTlsClient(crypto, clientConfig, offered, true,
                clientConfig.certificate == null ? null : SigningMaterial.of(clientConfig.certificate));
        OneM2mTlsServer server = new OneM2mTlsServer(crypto, serverConfig,
                serverConfig.certificate == null ? null : SigningMaterial.of(serverConfig.certificate));
        TlsClientProtocol clientProtocol = new TlsClientProtocol();
        TlsServerProtocol serverProtocol = new TlsServerProtocol();
        clientProtocol.connect(client);
        serverProtocol.accept(server);
        pump(clientProtocol, serverProtocol);
        if (server.facts().peerId == null) throw new IOException("the server did not authenticate the client");
        return server.facts().cipherSuite;
    }

    /** Moves bytes both ways until neither side has more to send; then both must be connected. */
    private void pump(TlsClientProtocol client, TlsServerProtocol server) throws IOException {
        for (;;) {
            int n = client.getAvailableOutputBytes();
            TlsProtocol from = client;
            TlsProtocol to = server;
            if (n == 0) {
                n = server.getAvailableOutputBytes();
                from = server;
                to = client;
            }
            if (n == 0) break;
            if (buffer.length < n) buffer = new byte[n];
            from.readOutput(buffer, 0, n);
            to.offerInput(buffer, 0, n);
        }
        if (!client.isConnected() || client.isHandshaking() || !server.isConnected() || server.isHandshaking()) {
            throw new IOException("the in-memory handshake stalled before both sides completed it");
        }
    }
}
