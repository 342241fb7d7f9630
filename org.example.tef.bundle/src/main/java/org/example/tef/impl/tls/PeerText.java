package org.example.tef.impl.tls;

import org.example.onem2m.primitive.LogText;

/** Peer-supplied text of a handshake (PSK identities, SNI names, certificate subjects) for one log line: 128 characters at most. */
final class PeerText {
    private static final int MAX = 128;

    private PeerText() {}

    static String of(String text) {
        return LogText.printable(text, MAX);
    }
}
