package org.example.tef.impl.store;

import org.example.tef.spi.RegistrationStore;

public class InMemoryRegistrationStoreTest extends RegistrationStoreContract {
    @Override
    protected RegistrationStore newStore() {
        return new InMemoryRegistrationStore();
    }
}
