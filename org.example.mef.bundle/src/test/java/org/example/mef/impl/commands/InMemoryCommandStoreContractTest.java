package org.example.mef.impl.commands;

/** The shared contract, against the heap. */
public class InMemoryCommandStoreContractTest extends CommandStoreContract {
    @Override
    protected CommandStore newStore() { return new InMemoryCommandStore(); }
}
