package org.example.mef.impl.commands;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The shared contract against a fresh MVStore file per test, and what survives closing and reopening it. */
public class MVStoreCommandStoreContractTest extends CommandStoreContract {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path file() { return tmp.getRoot().toPath().resolve("data/commands.mv.db"); }

    @Override
    protected CommandStore newStore() { return new MVStoreCommandStore(file()); }

    @Test
    public void commandsAndTheirStatusesSurviveAReopen_8_3_9_3() {
        Command done = store.add(REG, DESCRIPTION, T0).issued(T0.plusSeconds(1)).reported(CommandStatus.CERT_PROV_SERVER_ERROR, T0.plusSeconds(2));
        store.put(REG, done);
        Command issued = store.add(REG, DESCRIPTION, T0).issued(T0.plusSeconds(3)).issued(T0.plusSeconds(4));
        store.put(REG, issued);
        Command queued = store.add(REG, DESCRIPTION, T0.plusSeconds(5));
        store.close();

        store = newStore();
        assertEquals(List.of(done, issued, queued), store.list(REG));
        Command reread = store.get(REG, 1).orElseThrow();
        assertEquals(CommandStatus.CERT_PROV_SERVER_ERROR, reread.status().orElseThrow());
        assertEquals(T0.plusSeconds(2), reread.report().orElseThrow().at());
        assertEquals(CommandStatus.REISSUED, store.get(REG, 2).orElseThrow().status().orElseThrow());
        assertTrue(store.location().endsWith("commands.mv.db"));
    }

    @Test
    public void theNumberingSurvivesAReopenAfterRemovals_8_3_9_1() {
        store.add(REG, DESCRIPTION, T0);
        store.add(REG, DESCRIPTION, T0);
        store.remove(REG, 2);
        store.close();

        store = newStore();
        assertEquals(3, store.add(REG, DESCRIPTION, T0).number());
    }
}
