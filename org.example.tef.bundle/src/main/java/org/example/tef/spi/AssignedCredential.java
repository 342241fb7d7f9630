package org.example.tef.spi;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A credential the function assigned a client in its Client Registration or Registration Update: for the MAF, the
 * Master Credential Km remotely provisioned through the MEF (TS-0003 8.8.2.3, 8.8.2.5, 8.3.2.1) and the KmID the MAF
 * gave it ({@code assignedSymmKeyID}, 10.6), which the client uses as psk_identity from then on. Kept with the
 * registration it was assigned in, so that it is as durable as the registration and ends with it.
 * {@link #toString()} never shows the key.
 *
 * @since 1.1
 */
public final class AssignedCredential {
    private final String identity;
    private final byte[] key;
    private final Instant expiresAt;

    /**
     * @param identity the assigned identifier, e.g. a KmID {@code relative@MAF-FQDN}
     * @param key the credential's value, 16 bytes or more
     * @param expiresAt when the credential stops authenticating (its lifetime at the MEF)
     */
    public AssignedCredential(String identity, byte[] key, Instant expiresAt) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.key = Objects.requireNonNull(key, "key").clone();
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        if (identity.isEmpty()) throw new IllegalArgumentException("an assigned credential has an identity");
        if (this.key.length < 16) throw new IllegalArgumentException("an assigned credential of " + this.key.length + " bytes is too short");
    }

    public String identity() { return identity; }

    /** A copy of the value. */
    public byte[] key() { return key.clone(); }

    public Instant expiresAt() { return expiresAt; }

    public boolean expiredAt(Instant now) { return !expiresAt.isAfter(now); }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AssignedCredential)) return false;
        AssignedCredential a = (AssignedCredential) o;
        return identity.equals(a.identity) && Arrays.equals(key, a.key) && expiresAt.equals(a.expiresAt);
    }

    @Override
    public int hashCode() { return Objects.hash(identity, expiresAt); }

    /** The identity only: the key never reaches a log. */
    @Override
    public String toString() { return "AssignedCredential[" + identity + " until " + expiresAt + ", key=(" + key.length + " bytes)]"; }
}
