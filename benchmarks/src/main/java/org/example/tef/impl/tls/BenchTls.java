package org.example.tef.impl.tls;

import java.io.IOException;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.channel.TlsServerConfig;

/**
 * The benchmarks' way into the package-private parts of tef's TLS (a class of the benchmarks module in the same
 * package; on a flat class path, not in OSGi): a client session that offers one suite only, and the product's own
 * client and server classes handshaking in memory.
 */
public final class BenchTls {
    /** The PSK suites the MAF offers (Suites.psk()), as IANA code points, in the MAF's order of preference. */
    public static int[] pskSuites() { return Suites.psk(); }

    public static final int PSK_AES_128_CBC_SHA256 = CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA256;
    public static final int PSK_AES_128_GCM_SHA256 = CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256;
    public static final int PSK_AES_128_CCM = CipherSuite.TLS_PSK_WITH_AES_128_CCM;
    public static final int PSK_AES_128_CCM_8 = CipherSuite.TLS_PSK_WITH_AES_128_CCM_8;

    private BenchTls() {}

    /** {@link BcSecureChannels#connect} offering only {@code suite} (the service always offers all four). */
    public static SecureSession connect(BcSecureChannels channels, TlsClientConfig config, int suite) throws IOException {
        return channels.connect(config, new int[] {suite}, true);
    }

    /**
     * One TLS 1.2 handshake between the product's {@code OneM2mTlsClient} and {@code OneM2mTlsServer} (SNI check,
     * PSK look-up, RFC 5705 export on both sides) over Bouncy Castle's non-blocking protocol objects, bytes moved in
     * memory; no sockets, no threads. Returns the negotiated suite.
     */
    public static int handshakeInMemory(BcTlsCrypto crypto, TlsServerConfig serverConfig, TlsClientConfig clientConfig, int suite)
            throws IOException {
        OneM2mTlsClient client = new OneM2mTlsClient(crypto, clientConfig, new int[] {suite}, true, null);
        OneM2mTlsServer server = new OneM2mTlsServer(crypto, serverConfig, null);
        TlsClientProtocol clientProtocol = new TlsClientProtocol();
        TlsServerProtocol serverProtocol = new TlsServerProtocol();
        clientProtocol.connect(client);
        serverProtocol.accept(server);
        org.example.onem2m.bench.InMemoryTls.pump(clientProtocol, serverProtocol);
        if (server.facts().peerId == null) throw new IOException("the server did not authenticate the client");
        return server.facts().cipherSuite;
    }
}
