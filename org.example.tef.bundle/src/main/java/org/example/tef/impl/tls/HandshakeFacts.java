package org.example.tef.impl.tls;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.tls.TlsContext;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.SecureSession;

/**
 * What one handshake established, filled in by the TLS peer on the connection's thread while the handshake runs
 * and read by the same thread afterwards. Holds exported keying material: never printed.
 */
final class HandshakeFacts {
    SecureSession.Authentication authentication;
    String serverName;
    String peerCredential;
    String peerId;
    int cipherSuite = -1;
    private final Map<String, byte[]> exported = new LinkedHashMap<>();

    /**
     * RFC 5705 export for each label, 48 bytes, no context (TS-0003 10.3.1). Only possible from inside
     * notifyHandshakeComplete(): Bouncy Castle destroys the master secret once the handshake is over.
     */
    void completeFrom(TlsContext context, List<String> labels) throws IOException {
        cipherSuite = context.getSecurityParametersConnection().getCipherSuite();
        for (String label : labels) {
            exported.put(label, context.exportKeyingMaterial(label, null, KeyExport.LENGTH));
        }
    }

    Map<String, byte[]> exported() { return Collections.unmodifiableMap(exported); }
}
