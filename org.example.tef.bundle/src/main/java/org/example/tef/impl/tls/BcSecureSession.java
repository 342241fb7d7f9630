package org.example.tef.impl.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.tls.TlsProtocol;
import org.example.tef.api.channel.SecureSession;

/** An established session over a blocking Bouncy Castle protocol on a socket. */
final class BcSecureSession implements SecureSession {
    private final TlsProtocol protocol;
    private final Socket socket;
    private final Authentication authentication;
    private final String serverName;
    private final String peerCredential;
    private final String peerId;
    private final int cipherSuite;
    private final Map<String, byte[]> exported;

    /** The records as they come from the socket, before BC reads them (Flights' buffer over the socket). */
    private final InputStream records;

    BcSecureSession(TlsProtocol protocol, Socket socket, InputStream records, HandshakeFacts facts) {
        this.protocol = protocol;
        this.socket = socket;
        this.records = records;
        this.authentication = facts.authentication;
        this.serverName = facts.serverName;
        this.peerCredential = facts.peerCredential;
        this.peerId = facts.peerId;
        this.cipherSuite = facts.cipherSuite;
        this.exported = facts.exported();
    }

    @Override public Authentication authentication() { return authentication; }
    @Override public String serverName() { return serverName; }
    @Override public String peerCredential() { return peerCredential; }
    @Override public Optional<String> peerId() { return Optional.ofNullable(peerId); }
    @Override public int cipherSuite() { return cipherSuite; }

    @Override
    public byte[] exported(String label) {
        byte[] value = exported.get(label);
        if (value == null) {
            throw new IllegalArgumentException("no key export under label " + label + "; this session exported " + exported.keySet());
        }
        return value.clone();
    }

    @Override
    public boolean isOpen() {
        if (protocol.isClosed() || socket.isClosed()) return false;
        try {
            return records.available() == 0 && protocol.applicationDataAvailable() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override public InputStream inputStream() { return protocol.getInputStream(); }
    @Override public OutputStream outputStream() { return protocol.getOutputStream(); }

    @Override
    public void close() throws IOException {
        // The exported keying material is a key (Kc): it does not outlive the session in memory.
        exported.values().forEach(value -> java.util.Arrays.fill(value, (byte) 0));
        try {
            protocol.close();
        } finally {
            socket.close();
        }
    }

    String remote() { return String.valueOf(socket.getRemoteSocketAddress()); }

    @Override
    public String toString() {
        return "SecureSession[" + authentication + " " + PeerText.of(peerCredential) + (peerId == null ? "" : " for " + PeerText.of(peerId))
            + ", SNI " + PeerText.of(serverName) + ", suite " + Suites.hex(cipherSuite) + ", peer " + remote() + "]";
    }
}
