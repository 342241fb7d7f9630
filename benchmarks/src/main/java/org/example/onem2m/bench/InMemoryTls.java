package org.example.onem2m.bench;

import java.io.IOException;
import java.security.SecureRandom;

import org.bouncycastle.tls.BasicTlsPSKIdentity;
import org.bouncycastle.tls.PSKTlsClient;
import org.bouncycastle.tls.PSKTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsPSKIdentityManager;
import org.bouncycastle.tls.TlsProtocol;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Bouncy Castle's raw TLS 1.2 PSK handshake, in memory: its own {@link PSKTlsClient} and {@link PSKTlsServer}
 * (no SNI, no key export, a one-entry PSK table), the non-blocking {@link TlsClientProtocol} and
 * {@link TlsServerProtocol}, bytes handed from one to the other with offerInput/readOutput. No sockets, no
 * threads: the limit of what BC's handshake code can do on one core.
 */
public final class InMemoryTls {
    private final BcTlsCrypto crypto;
    private final byte[] identity;
    private final byte[] psk;

    public InMemoryTls(byte[] identity, byte[] psk) {
        this(new BcTlsCrypto(new SecureRandom()), identity, psk);
    }

    public InMemoryTls(BcTlsCrypto crypto, byte[] identity, byte[] psk) {
        this.crypto = crypto;
        this.identity = identity.clone();
        this.psk = psk.clone();
    }

    /** One full handshake offering (and accepting) only {@code suite}; returns the suite both agreed on. */
    public int handshake(int suite) throws IOException {
        int[] suites = {suite};
        int[] negotiated = {-1};
        PSKTlsClient client = new PSKTlsClient(crypto, new BasicTlsPSKIdentity(identity, psk)) {
            @Override protected ProtocolVersion[] getSupportedVersions() { return ProtocolVersion.TLSv12.only(); }
            @Override protected int[] getSupportedCipherSuites() { return suites; }
            @Override public void notifyHandshakeComplete() throws IOException {
                super.notifyHandshakeComplete();
                negotiated[0] = context.getSecurityParametersConnection().getCipherSuite();
            }
        };
        TlsPSKIdentityManager table = new TlsPSKIdentityManager() {
            @Override public byte[] getHint() { return null; }
            @Override public byte[] getPSK(byte[] offered) { return java.util.Arrays.equals(offered, identity) ? psk.clone() : null; }
        };
        PSKTlsServer server = new PSKTlsServer(crypto, table) {
            @Override protected ProtocolVersion[] getSupportedVersions() { return ProtocolVersion.TLSv12.only(); }
            @Override protected int[] getSupportedCipherSuites() { return suites; }
        };
        TlsClientProtocol clientProtocol = new TlsClientProtocol();
        TlsServerProtocol serverProtocol = new TlsServerProtocol();
        clientProtocol.connect(client);
        serverProtocol.accept(server);
        pump(clientProtocol, serverProtocol);
        return negotiated[0];
    }

    /**
     * Moves bytes both ways until neither side has more to send; then both must be connected. tef's
     * InMemoryTlsHandshakes has the same loop for the product's TLS classes; this one stays here because this class is
     * the peer figure 1 compares the product with (Bouncy Castle alone), which must not run product code.
     */
    public static void pump(TlsClientProtocol client, TlsServerProtocol server) throws IOException {
        byte[] buffer = new byte[4096];
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
