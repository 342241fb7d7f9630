package org.example.mgmtobj.impl.store;

/** The shared contract against the in-memory store (not durable: no reopening). */
public class InMemoryResourceStoreContractTest extends ResourceStoreContract {
    @Override
    protected ResourceStore newStore() {
        return new InMemoryResourceStore();
    }
}
