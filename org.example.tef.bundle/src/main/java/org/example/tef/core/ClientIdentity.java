package org.example.tef.core;

import java.util.Optional;

import org.example.tef.api.channel.SecureSession;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Who the client of a procedure is: the identity its handshake authenticated (TS-0003 8.8.2.2, 8.3.5.2.2), never
 * {@code X-M2M-Origin}. Empty when the credential is bound to no client ID; the procedure is then refused.
 */
@ConsumerType
@FunctionalInterface
public interface ClientIdentity {

    /** The AE-ID or CSE-ID the session's credential look-up bound to the peer ({@link SecureSession#peerId()}). */
    ClientIdentity HANDSHAKE_PEER = SecureSession::peerId;

    Optional<String> of(SecureSession session);
}
