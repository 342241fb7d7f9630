package org.example.tef.impl.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.SessionHandler;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.channel.TlsServerConfig;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * {@link SecureChannels} on Bouncy Castle's TLS API (bctls) with its lightweight crypto, over blocking sockets:
 * TLS 1.2 only, SNI required, PSK and ECDHE_ECDSA suites of TS-0003 10.2, RFC 5705 export in the handshake.
 * Usable as a DS component or constructed directly.
 */
@Component(service = SecureChannels.class)
public final class BcSecureChannels implements SecureChannels {
    private final BcTlsCrypto crypto;
    private final Set<TlsListener> listeners = ConcurrentHashMap.newKeySet();

    public BcSecureChannels() {
        this.crypto = new BcTlsCrypto(new SecureRandom());
    }

    @Override
    public Server listen(TlsServerConfig config, SessionHandler handler) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(handler, "handler");
        requireAscii(config.serverName);
        TlsListener listener = new TlsListener(crypto, config, handler, listeners::remove);
        listeners.add(listener);
        return listener;
    }

    @Override
    public SecureSession connect(TlsClientConfig config) throws IOException {
        return connect(config, null, true);
    }

    /**
     * {@link #connect(TlsClientConfig)} with the offered suites replaced (null keeps them) and, when
     * {@code sendSni} is false, no server_name extension. For tests of the server's refusals and of the
     * mandatory suite on its own; not part of the service.
     */
    SecureSession connect(TlsClientConfig config, int[] suites, boolean sendSni) throws IOException {
        Objects.requireNonNull(config, "config");
        requireAscii(config.serverName);
        SigningMaterial signing = config.certificate == null ? null : SigningMaterial.of(config.certificate);
        int[] offered = suites != null ? suites
                : !config.cipherSuites.isEmpty() ? config.cipherSuites.stream().mapToInt(Integer::intValue).toArray()
                : config.psk != null ? Suites.psk() : Suites.ecdheEcdsa();
        String where = config.host + ":" + config.port + " (SNI " + config.serverName + ")";
        Socket socket = new Socket();
        try {
            try {
                socket.connect(new InetSocketAddress(config.host, config.port), config.connectTimeoutMillis);
            } catch (IOException e) {
                throw new IOException("cannot connect to " + where + ": " + e.getMessage(), e);
            }
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(config.readTimeoutMillis);
            Flights flights = new Flights(socket.getInputStream(), socket.getOutputStream());
            TlsClientProtocol protocol = new TlsClientProtocol(flights.input(), flights.output());
            OneM2mTlsClient client = new OneM2mTlsClient(crypto, config, offered, sendSni, signing);
            try {
                protocol.connect(client);
                flights.handshakeDone();
            } catch (IOException e) {
                throw new IOException("TLS handshake with " + where + " failed: "
                    + (e.getMessage() != null ? e.getMessage() : e.toString()), e);
            }
            return new BcSecureSession(protocol, socket, flights.input(), client.facts());
        } catch (IOException | RuntimeException e) {
            try {
                socket.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Closes the servers still open when the component goes away. */
    @Deactivate
    void deactivate() {
        for (TlsListener listener : new ArrayList<>(listeners)) listener.close();
    }

    /** SNI carries an ASCII host name (RFC 6066 section 3); an IDN is given in its A-label form. */
    private static void requireAscii(String serverName) {
        if (serverName.isEmpty() || !StandardCharsets.US_ASCII.newEncoder().canEncode(serverName)) {
            throw new IllegalArgumentException("the SNI server name is an ASCII host name, not '" + PeerText.of(serverName) + "'");
        }
    }
}
