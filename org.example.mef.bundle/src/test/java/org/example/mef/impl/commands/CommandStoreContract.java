package org.example.mef.impl.commands;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** What every {@link CommandStore} does; a subclass per implementation says how to make one. */
public abstract class CommandStoreContract {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    static final String REG = "mfr-0123456789ab";
    static final CommandDescription DESCRIPTION = CommandDataTypesTest.CERT_PROV;

    protected CommandStore store;

    protected abstract CommandStore newStore() throws Exception;

    @Before
    public void openStore() throws Exception {
        store = newStore();
    }

    @After
    public void closeStore() {
        if (store != null) store.close();
    }

    static List<Long> numbers(List<Command> commands) {
        return commands.stream().map(Command::number).collect(Collectors.toList());
    }

    @Test
    public void addNumbersARegistrationsCommandsFromOne_8_3_9_1() {
        Command first = store.add(REG, DESCRIPTION, T0);
        Command second = store.add(REG, DESCRIPTION, T0.plusSeconds(1));
        Command other = store.add("mfr-other", DESCRIPTION, T0);
        assertEquals("1", first.cmdId());
        assertEquals("2", second.cmdId());
        assertEquals("1", other.cmdId());
        assertEquals(first, store.get(REG, 1).orElseThrow());
        assertFalse(first.status().isPresent());
        assertEquals(T0.plusSeconds(1), store.get(REG, 2).orElseThrow().enqueuedAt());
    }

    @Test
    public void aRemovedCommandsNumberIsNotAssignedAgain_8_3_9_1() {
        store.add(REG, DESCRIPTION, T0);
        store.add(REG, DESCRIPTION, T0);
        assertTrue(store.remove(REG, 2));
        assertTrue(store.remove(REG, 1));
        assertFalse(store.remove(REG, 1));
        assertEquals(List.of(), store.list(REG));
        assertEquals(3, store.add(REG, DESCRIPTION, T0).number());
    }

    @Test
    public void putReplacesTheCommandWithItsStatusHistory() {
        Command queued = store.add(REG, DESCRIPTION, T0);
        Command reported = queued.issued(T0.plusSeconds(1)).issued(T0.plusSeconds(2)).reported(CommandStatus.OK, T0.plusSeconds(3));
        assertTrue(store.put(REG, reported));
        Command read = store.get(REG, 1).orElseThrow();
        assertEquals(reported, read);
        assertEquals(List.of(new Command.StatusChange(CommandStatus.ISSUED, T0.plusSeconds(1)),
                new Command.StatusChange(CommandStatus.REISSUED, T0.plusSeconds(2)),
                new Command.StatusChange(CommandStatus.OK, T0.plusSeconds(3))), read.history());
        assertEquals(2, read.timesIssued());
        assertEquals(DESCRIPTION, read.description());
    }

    @Test
    public void putOfACommandThatIsNotThereStoresNothing() {
        Command queued = store.add(REG, DESCRIPTION, T0);
        store.remove(REG, 1);
        assertFalse(store.put(REG, queued.issued(T0)));
        assertFalse(store.get(REG, 1).isPresent());
        assertFalse(store.put("mfr-other", queued));
        assertEquals(List.of(), store.list("mfr-other"));
    }

    @Test
    public void listIsInNumberOrderAndOfOneRegistration() {
        for (int i = 0; i < 12; i++) store.add(REG, DESCRIPTION, T0); // 10 after 9, not after 1
        store.add(REG + "x", DESCRIPTION, T0); // a registration ID that extends the other
        store.add("mfr-0", DESCRIPTION, T0);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L), numbers(store.list(REG)));
        assertEquals(List.of(1L), numbers(store.list(REG + "x")));
        assertEquals(List.of(), store.list("mfr-none"));
    }

    @Test
    public void removeAllForgetsOneRegistrationsCommands() {
        store.add(REG, DESCRIPTION, T0);
        store.add(REG, DESCRIPTION, T0);
        store.add("mfr-other", DESCRIPTION, T0);
        assertEquals(2, store.removeAll(REG));
        assertEquals(List.of(), store.list(REG));
        assertFalse(store.get(REG, 1).isPresent());
        assertEquals(List.of(1L), numbers(store.list("mfr-other")));
        assertEquals(0, store.removeAll(REG));
    }

    @Test
    public void aClosedStoreRefusesCalls() {
        store.close();
        assertThrows(IllegalStateException.class, () -> store.list(REG));
        assertThrows(IllegalStateException.class, () -> store.add(REG, DESCRIPTION, T0));
        store = null;
    }
}
