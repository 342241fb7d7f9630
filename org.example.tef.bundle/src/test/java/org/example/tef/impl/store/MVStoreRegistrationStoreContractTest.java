package org.example.tef.impl.store;

import org.example.tef.spi.RegistrationStore;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/** The shared contract, against a fresh MVStore file per test. */
public class MVStoreRegistrationStoreContractTest extends RegistrationStoreContract {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Override
    protected RegistrationStore newStore() throws Exception {
        return new MVStoreRegistrationStore(tmp.getRoot().toPath().resolve("data/registrations.mv.db"));
    }
}
