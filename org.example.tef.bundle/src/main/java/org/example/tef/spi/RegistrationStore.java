package org.example.tef.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Client and key registrations of a MAF or MEF. Every write is durable when the method returns (an
 * acknowledged registration survives a crash); concurrent writers may be committed together. Look-ups of a
 * RelativeKeyID ignore case (TS-0003 10.6). Implementations are thread-safe.
 */
@ConsumerType
public interface RegistrationStore extends AutoCloseable {

    void putClientRegistration(ClientRegistration registration);

    Optional<ClientRegistration> clientRegistration(String registrationId);

    /** The registrations of one client, any stakeholder. */
    List<ClientRegistration> clientRegistrationsOf(String clientId);

    boolean removeClientRegistration(String registrationId);

    /** Stores a new key registration, or replaces the one with the same RelativeKeyID (ignoring case). */
    void putKeyRegistration(KeyRegistration registration);

    Optional<KeyRegistration> keyRegistration(String relativeKeyId);

    boolean removeKeyRegistration(String relativeKeyId);

    /** Removes every client and key registration whose expirationTime is not after {@code now}; returns how many. */
    int removeExpired(Instant now);

    long clientRegistrationCount();

    long keyRegistrationCount();

    /** Where the data lives, for the log. */
    String location();

    @Override
    void close();
}
