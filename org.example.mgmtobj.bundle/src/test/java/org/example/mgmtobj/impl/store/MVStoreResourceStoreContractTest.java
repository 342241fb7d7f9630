package org.example.mgmtobj.impl.store;

import java.nio.file.Path;

import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/** The shared and the durable contract against the MVStore file store, a fresh file per test. */
public class MVStoreResourceStoreContractTest extends DurableResourceStoreContract {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path file() { return tmp.getRoot().toPath().resolve("data/mgmtobj-tree.mv.db"); }

    @Override
    protected ResourceStore newStore() {
        return new MVStoreResourceStore(file());
    }

    @Override
    protected ResourceStore reopen(ResourceStore closing) {
        closing.close();
        return new MVStoreResourceStore(file());
    }
}
