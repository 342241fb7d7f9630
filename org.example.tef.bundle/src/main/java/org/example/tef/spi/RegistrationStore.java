package org.example.tef.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Client and key registrations of a MAF or MEF. Every write is durable when the method returns (an
 * acknowledged registration survives a crash); concurrent writers may be committed together. Look-ups of a
 * RelativeKeyID ignore case (TS-0003 10.6). Implementations are thread-safe.
 *
 * <h2>As an OSGi service</h2>
 * A store is an OSGi service of this type with a service property {@code name}; a MAF or MEF references one with a
 * target filter from its own configuration (DS convention: the MAF's {@code store.target}, e.g. {@code (name=maf)}).
 * The tef bundle registers one per configuration of factory PID {@code org.example.tef.store.mvstore} (the embedded
 * durable MVStore file) or {@code org.example.tef.store.memory} (heap only, not durable). The component that
 * registers a store owns it: it opens it and closes it when it is deactivated, and {@link #close()} called by a
 * consumer on the service does nothing. A consumer never closes a store it did not open.
 * <p>
 * Another kind of store, for instance one in a server database such as PostgreSQL, is a new bundle that
 * implements this interface and registers its stores the same way (a factory configuration with a {@code name});
 * nothing else changes: the MAF is pointed at it by its {@code store.target} alone.
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

    /**
     * Releases what the store holds; afterwards every method throws {@link IllegalStateException}. Called by whoever
     * opened the store; on a store obtained as an OSGi service it does nothing (its component closes it).
     */
    @Override
    void close();
}
