package org.example.tef.core;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.example.tef.api.Identifiers;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.PskCredentials;

/**
 * The pre-provisioned PSK clients of a MAF (KmID/Km, TS-0003 8.8.2.2) or a MEF (KpmID/Kpm, 8.3.5.2.2), looked up by
 * the psk_identity of a handshake. Identities are {@code relative@FQDN} and compared without regard to case (10.6);
 * anything else finds nothing, so the handshake fails. Configurations come and go while the server runs.
 */
public final class PskClients implements PskCredentials {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PskClients.class);
    private final Map<String, PskCredential> byIdentity = new ConcurrentHashMap<>();

    /**
     * Adds a client's credential. Two configurations of one identity for different clients are an operator's mistake:
     * the later one applies, and a WARN says which was replaced.
     *
     * @throws IllegalArgumentException if the credential's identity is not {@code relative@FQDN}
     */
    public void put(PskCredential credential) {
        PskCredential before = byIdentity.put(canonical(credential.identity()), credential);
        if (before != null && !java.util.Objects.equals(before.peerId(), credential.peerId())) {
            LOG.warn("PSK identity {} was configured for {} and is now configured for {}; {} applies (two configurations name it)",
                    credential.identity(), before.peerId(), credential.peerId(), credential.peerId());
        }
        LOG.info("PSK client {} authenticated by identity {}", credential.peerId(), credential.identity());
    }

    /** Removes this credential, not another configuration's under the same identity. */
    public void remove(PskCredential credential) {
        if (byIdentity.remove(canonical(credential.identity()), credential)) {
            LOG.info("PSK identity {} of {} removed", credential.identity(), credential.peerId());
        }
    }

    /** Every credential, for listings (the keys stay inside the credentials, which never print them). */
    public java.util.Collection<PskCredential> all() { return java.util.List.copyOf(byIdentity.values()); }

    @Override
    public Optional<PskCredential> lookup(String identity) {
        try {
            return Optional.ofNullable(byIdentity.get(canonical(identity)));
        } catch (IllegalArgumentException notAnIdentity) {
            return Optional.empty();
        }
    }

    /** The form an identity is filed under: parsed, then case folded (10.6). */
    public static String canonical(String identity) {
        return Identifiers.parse(identity).toString().toLowerCase(Locale.ROOT);
    }
}
