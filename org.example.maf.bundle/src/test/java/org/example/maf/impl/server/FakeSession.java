package org.example.maf.impl.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Optional;

import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.SecureSession;

/** What a completed MAF Handshake leaves behind: who the client is and the exported key material. */
final class FakeSession implements SecureSession {
    private final String peerId;
    final byte[] exported = new byte[48];

    FakeSession(String peerId) {
        this.peerId = peerId;
        new SecureRandom().nextBytes(exported);
    }

    @Override public Authentication authentication() { return Authentication.PSK; }
    @Override public String serverName() { return "maf.example.com"; }
    @Override public String peerCredential() { return "km-" + peerId + "@maf.example.com"; }
    @Override public Optional<String> peerId() { return Optional.ofNullable(peerId); }
    @Override public int cipherSuite() { return 0x00AE; }
    @Override public byte[] exported(String label) {
        if (!label.equals(KeyExport.CONNECTION_LABEL)) throw new IllegalArgumentException(label);
        return exported.clone();
    }
    @Override public InputStream inputStream() { throw new UnsupportedOperationException(); }
    @Override public OutputStream outputStream() { throw new UnsupportedOperationException(); }
    @Override public void close() {}
}
