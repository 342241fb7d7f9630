package org.example.tef.impl.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Optional;

import org.example.tef.api.channel.SecureSession;

/** A session over a plain loopback socket: the transport does not care what secured the streams. */
final class PlainSession implements SecureSession {
    private final Socket socket;

    PlainSession(Socket socket) { this.socket = socket; }

    @Override public Authentication authentication() { return Authentication.PSK; }
    @Override public String serverName() { return "maf.example.com"; }
    @Override public String peerCredential() { return "client1@maf.example.com"; }
    @Override public Optional<String> peerId() { return Optional.of("/in-cse/Cclient1"); }
    @Override public int cipherSuite() { return 0x00AE; }
    @Override public byte[] exported(String label) { throw new IllegalArgumentException(label); }
    @Override public InputStream inputStream() {
        try { return socket.getInputStream(); } catch (IOException e) { throw new IllegalStateException(e); }
    }
    @Override public OutputStream outputStream() {
        try { return socket.getOutputStream(); } catch (IOException e) { throw new IllegalStateException(e); }
    }
    @Override public void close() throws IOException { socket.close(); }
}
