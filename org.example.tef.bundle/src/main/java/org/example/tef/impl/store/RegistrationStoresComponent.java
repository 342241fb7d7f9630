package org.example.tef.impl.store;

import java.nio.file.Path;

import org.example.tef.spi.RegistrationStore;
import org.example.tef.spi.RegistrationStores;
import org.osgi.service.component.annotations.Component;

/** Offers this bundle's stores to MAF and MEF, whose bundles cannot see the implementations. */
@Component(service = RegistrationStores.class)
public final class RegistrationStoresComponent implements RegistrationStores {
    @Override
    public RegistrationStore openDurable(Path file) { return new MVStoreRegistrationStore(file); }

    @Override
    public RegistrationStore inMemory() { return new InMemoryRegistrationStore(); }
}
