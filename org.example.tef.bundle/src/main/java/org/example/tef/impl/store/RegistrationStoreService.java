package org.example.tef.impl.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.example.tef.spi.ClientRegistration;
import org.example.tef.spi.KeyRegistration;
import org.example.tef.spi.RegistrationStore;

/**
 * A {@link RegistrationStore} registered as an OSGi service by a component of this bundle: every call goes to the
 * store the component opened, except {@link #close()}. The store's lifecycle is its component's: it is opened when
 * its configuration arrives and closed when the component is deactivated (configuration deleted, bundle stopped),
 * after the service is unregistered and so after every component that references it was deactivated. A consumer
 * such as the MAF must not end it, so {@code close()} on the service does nothing.
 */
abstract class RegistrationStoreService implements RegistrationStore {
    /** What a store's {@code name} may be: it is used in LDAP filters and may name the store's file. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The service property consumers select a store by, e.g. {@code store.target=(name=maf)} for the MAF. */
    static final String NAME_PROPERTY = "name";

    private final RegistrationStore store;

    RegistrationStoreService(RegistrationStore store) {
        this.store = store;
    }

    /** The configured name, checked; a message that names the factory PID otherwise. */
    static String checkedName(String name, String factoryPid) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a registration store of factory PID " + factoryPid + " needs a name of"
                    + " 1 to 64 characters [A-Za-z0-9._-] (consumers select it by it, e.g. (name=maf)), not " + name);
        }
        return name;
    }

    /** The component's deactivation: closes the store it opened. */
    final void closeStore() { store.close(); }

    @Override public void putClientRegistration(ClientRegistration registration) { store.putClientRegistration(registration); }
    @Override public Optional<ClientRegistration> clientRegistration(String registrationId) { return store.clientRegistration(registrationId); }
    @Override public List<ClientRegistration> clientRegistrationsOf(String clientId) { return store.clientRegistrationsOf(clientId); }
    @Override public boolean removeClientRegistration(String registrationId) { return store.removeClientRegistration(registrationId); }
    @Override public void putKeyRegistration(KeyRegistration registration) { store.putKeyRegistration(registration); }
    @Override public Optional<KeyRegistration> keyRegistration(String relativeKeyId) { return store.keyRegistration(relativeKeyId); }
    @Override public boolean removeKeyRegistration(String relativeKeyId) { return store.removeKeyRegistration(relativeKeyId); }
    @Override public int removeExpired(Instant now) { return store.removeExpired(now); }
    @Override public long clientRegistrationCount() { return store.clientRegistrationCount(); }
    @Override public long keyRegistrationCount() { return store.keyRegistrationCount(); }
    @Override public String location() { return store.location(); }

    /** Does nothing: the store belongs to its component, which closes it when it is deactivated. */
    @Override
    public final void close() {}
}
