package org.example.maf.impl.server.remote;

import java.time.Instant;
import java.util.Objects;

/**
 * What the MEF answered a fetch (TS-0003 table 8.3.2.1-5): the Credential (the usage-constrained key of 10.3.7, which
 * is the client's Km at this MAF), the EnroleeID (the MAF Client ID the handshake authenticates) and its Lifetime.
 * {@link #toString()} never shows the key.
 */
final class FetchedCredential {
    final String keId;
    private final byte[] key;
    final String enroleeId;
    final Instant lifetime;

    FetchedCredential(String keId, byte[] key, String enroleeId, Instant lifetime) {
        this.keId = Objects.requireNonNull(keId);
        this.key = key.clone();
        this.enroleeId = Objects.requireNonNull(enroleeId);
        this.lifetime = Objects.requireNonNull(lifetime);
    }

    byte[] key() { return key.clone(); }

    boolean liveAt(Instant now) { return lifetime.isAfter(now); }

    @Override
    public String toString() { return "FetchedCredential[" + keId + " of " + enroleeId + " until " + lifetime + ", key=(" + key.length + " bytes)]"; }
}
