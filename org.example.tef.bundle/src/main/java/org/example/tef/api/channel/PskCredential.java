package org.example.tef.api.channel;

import java.util.Objects;

/**
 * A pre-shared key and its identity: KmID and Km for the MAF Handshake (TS-0003 8.8.2.2), or a Key Identifier
 * and Kc for MAF-based SAEF (8.2.2.3). {@code peerId} is who the identity authenticates (an AE-ID or CSE-ID),
 * when the holder knows it. The key is never printed.
 */
public final class PskCredential {
    private final String identity;
    private final byte[] key;
    private final String peerId;

    public PskCredential(String identity, byte[] key, String peerId) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.key = Objects.requireNonNull(key, "key").clone();
        this.peerId = peerId;
        if (identity.isEmpty()) throw new IllegalArgumentException("a PSK identity is not empty");
        if (key.length < 16) throw new IllegalArgumentException("a PSK of " + key.length + " bytes is too short; use at least 16");
    }

    /** The psk_identity sent in the handshake. */
    public String identity() { return identity; }

    public byte[] key() { return key.clone(); }

    /** The authenticated entity behind the identity, or null when unknown. */
    public String peerId() { return peerId; }

    @Override
    public String toString() { return "PskCredential[" + identity + (peerId == null ? "" : " for " + peerId) + "]"; }
}
