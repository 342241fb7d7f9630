package org.example.tef.impl.store;

import java.nio.file.Path;

import org.example.tef.spi.RegistrationStore;
import org.example.tef.spi.RegistrationStores;

/**
 * This bundle's stores for plain Java ({@code new RegistrationStoresComponent().openDurable(file)}); the caller owns
 * and closes what it opens. Not an OSGi component any more, despite its name (kept for the callers outside OSGi): in
 * OSGi the stores are {@link RegistrationStore} services, one per configuration of
 * {@link MVStoreRegistrationStoreComponent} or {@link InMemoryRegistrationStoreComponent}.
 */
public final class RegistrationStoresComponent implements RegistrationStores {
    @Override
    public RegistrationStore openDurable(Path file) { return new MVStoreRegistrationStore(file); }

    @Override
    public RegistrationStore inMemory() { return new InMemoryRegistrationStore(); }
}
