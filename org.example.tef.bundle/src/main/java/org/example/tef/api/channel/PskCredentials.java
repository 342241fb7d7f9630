package org.example.tef.api.channel;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/** The server's look-up of the PSK for a psk_identity; an unknown identity fails the handshake. */
@ConsumerType
@FunctionalInterface
public interface PskCredentials {
    Optional<PskCredential> lookup(String identity);
}
