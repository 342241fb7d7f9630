package org.example.mef.impl.commands;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.example.mef.impl.commands.Command.StatusChange;
import org.example.mef.impl.commands.CommandArgs.DevCfg;
import org.example.mef.impl.commands.CommandArgs.DevMgmt;
import org.example.mef.impl.commands.CommandArgs.MoNode;
import org.example.mef.impl.commands.CommandArgs.NoMoreCommands;
import org.example.mef.impl.commands.CommandArgs.ObjectType;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The sequencing of TS-0003 8.3.9.2 and 8.3.9.3 on the MEF. */
public class CommandQueueTest {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    static final String REG = "mfr-0123456789ab";
    static final CommandDescription CERT_PROV = CommandDataTypesTest.CERT_PROV;
    static final CommandDescription MO_NODE = CommandDescription.of(new MoNode("./oneM2M/authProfile/1", ObjectType.AUTHENTICATION_PROFILE, 22));

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final TestClock clock = new TestClock(T0);
    private final CommandStore store = new InMemoryCommandStore();
    private final CommandQueue queue = new CommandQueue(store, clock, "MEF.example.com", Duration.ofHours(1));

    private Instant tick() {
        clock.advance(Duration.ofSeconds(1));
        return clock.instant();
    }

    @Test
    public void aCommandIsIssuedTheFirstTime_8_3_9_5_2() {
        Command queued = queue.enqueue(REG, CERT_PROV);
        assertFalse(queued.status().isPresent());
        Command handed = queue.retrieve(REG);
        assertEquals("1", handed.cmdId());
        assertEquals(CommandStatus.ISSUED, handed.status().orElseThrow());
        assertEquals(CERT_PROV, handed.description());
        assertEquals(handed, queue.commands(REG).get(0));
    }

    @Test
    public void aCommandHandedOutAgainIsReissued_8_3_9_5_3() {
        queue.enqueue(REG, CERT_PROV);
        queue.retrieve(REG);
        Instant second = tick();
        Command again = queue.retrieve(REG);
        assertEquals("1", again.cmdId());
        assertEquals(CommandStatus.REISSUED, again.status().orElseThrow());
        assertEquals(second, again.lastIssuedAt().orElseThrow());
        Instant third = tick();
        Command thrice = queue.retrieve(REG);
        assertEquals(CommandStatus.REISSUED, thrice.status().orElseThrow());
        assertEquals(3, thrice.timesIssued());
        assertEquals(third, thrice.lastIssuedAt().orElseThrow());
        // a run of reissues keeps its latest only: the record does not grow with a client that never reports
        assertEquals(List.of(new StatusChange(CommandStatus.ISSUED, T0), new StatusChange(CommandStatus.REISSUED, third)),
                queue.commands(REG).get(0).history());
    }

    @Test
    public void issuedThenReissuedThenOkEndsTheCommandAndTheNextIsIssued_8_3_9_3() {
        queue.enqueue(REG, CERT_PROV);
        queue.enqueue(REG, MO_NODE);
        queue.retrieve(REG);
        Instant reissued = tick();
        queue.retrieve(REG);
        Instant reported = tick();
        Command next = queue.update(REG, "1", CommandStatus.OK);
        assertEquals("2", next.cmdId());
        assertEquals(CommandStatus.ISSUED, next.status().orElseThrow());
        assertEquals(MO_NODE, next.description());

        Command first = queue.commands(REG).get(0);
        assertTrue(first.isFinished());
        assertEquals(new StatusChange(CommandStatus.OK, reported), first.report().orElseThrow());
        assertEquals(List.of(new StatusChange(CommandStatus.ISSUED, T0), new StatusChange(CommandStatus.REISSUED, reissued),
                new StatusChange(CommandStatus.OK, reported)), first.history());
        // the first is not handed out again: the second is, now reissued
        assertEquals(CommandStatus.REISSUED, queue.retrieve(REG).status().orElseThrow());
        assertEquals("2", queue.retrieve(REG).cmdId());
    }

    @Test
    public void aMismatchedCmdIdIsDiscarded_8_3_9_3_2b() {
        queue.enqueue(REG, CERT_PROV);
        queue.enqueue(REG, MO_NODE);
        queue.retrieve(REG);
        List<Command> before = queue.commands(REG);
        for (String stray : new String[] {"2", "7", "01", "x\n1", "0"}) {
            Command answer = queue.update(REG, stray, CommandStatus.OK);
            // the answer is still the command issued, handed out again (8.3.9.3 steps 3 and 4)
            assertEquals(stray, "1", answer.cmdId());
            assertEquals(CommandStatus.REISSUED, answer.status().orElseThrow());
        }
        List<Command> after = queue.commands(REG);
        assertEquals(before.size(), after.size());
        assertFalse(after.get(0).isFinished());
        assertFalse(after.get(1).status().isPresent());
        assertEquals(6, after.get(0).timesIssued());
    }

    @Test
    public void aReportBeforeTheCommandWasIssuedIsDiscarded_8_3_9_3_2b() {
        queue.enqueue(REG, CERT_PROV);
        Command answer = queue.update(REG, "1", CommandStatus.OK);
        assertEquals(CommandStatus.ISSUED, answer.status().orElseThrow());
        assertFalse(queue.commands(REG).get(0).isFinished());
    }

    @Test
    public void aRepeatedCmdIdReportIsRecorded_8_3_9_5_5() {
        queue.enqueue(REG, CERT_PROV);
        queue.retrieve(REG);
        Command answer = queue.update(REG, "1", CommandStatus.REPEATED_CMD_ID);
        assertEquals(CommandClass.NO_MORE_COMMANDS, answer.description().commandClass());
        Command first = queue.commands(REG).get(0);
        assertEquals(CommandStatus.REPEATED_CMD_ID, first.status().orElseThrow());
        assertTrue(first.isFinished());
    }

    @Test
    public void noMoreCommandsCarriesTheRetryDuration_8_3_9_6() {
        Command answer = queue.retrieve(REG);
        assertEquals(Command.NO_MORE_COMMANDS_ID, answer.cmdId());
        assertEquals(CommandClass.NO_MORE_COMMANDS, answer.description().commandClass());
        assertEquals(Duration.ofHours(1), ((NoMoreCommands) answer.description().args()).retryDuration());
        assertEquals(CommandStatus.ISSUED, answer.status().orElseThrow());
        assertEquals("{\"cmdID\":\"0\",\"cmdDescription\":{\"cmdClassID\":0,\"cmdArgs\":{\"noMoreCmdArgs\":{\"retryDuration\":\"PT1H\"}}},"
                + "\"cmdStatusCode\":10}", answer.toWire().toString());
        // it is an answer, not a queued command
        assertEquals(List.of(), queue.commands(REG));
        CommandQueue shorter = new CommandQueue(store, clock, "mef.example.com", Duration.ofMinutes(5));
        assertEquals("PT5M", ((NoMoreCommands) shorter.retrieve(REG).description().args()).toJson().get("retryDuration").getAsString());
    }

    @Test
    public void aReportOnNoMoreCommandsChangesNothing_8_3_9_6() {
        queue.retrieve(REG);
        Command answer = queue.update(REG, Command.NO_MORE_COMMANDS_ID, CommandStatus.BAD_ARGUMENTS);
        assertEquals(CommandClass.NO_MORE_COMMANDS, answer.description().commandClass());
        assertEquals(List.of(), queue.commands(REG));
    }

    @Test
    public void aStatusTheMefAssignsIsNotAcceptedFromTheClient_8_3_9_3_2a() {
        queue.enqueue(REG, CERT_PROV);
        Command issued = queue.retrieve(REG);
        for (CommandStatus mefs : new CommandStatus[] {CommandStatus.ISSUED, CommandStatus.REISSUED}) {
            String message = assertThrows(IllegalArgumentException.class, () -> queue.update(REG, "1", mefs)).getMessage();
            assertTrue(message, message.contains("assigned by the MEF"));
        }
        assertThrows(IllegalArgumentException.class, () -> queue.update(REG, null, CommandStatus.OK));
        assertThrows(IllegalArgumentException.class, () -> queue.update(REG, "1", null));
        assertEquals(List.of(issued), queue.commands(REG)); // nothing changed, not even a reissue
    }

    @Test
    public void commandsGoOutInTheOrderQueuedAndRegistrationsAreSeparate_8_3_9_2() {
        queue.enqueue(REG, MO_NODE);
        queue.enqueue(REG, CERT_PROV);
        queue.enqueue("mfr-other", CERT_PROV);
        assertEquals(MO_NODE, queue.retrieve(REG).description());
        assertEquals(CERT_PROV, queue.update(REG, "1", CommandStatus.MO_NODE_NOT_FOUND).description());
        assertEquals(CommandClass.NO_MORE_COMMANDS, queue.update(REG, "2", CommandStatus.CERT_PROV_CLIENT_ERROR).description().commandClass());
        Command other = queue.retrieve("mfr-other");
        assertEquals("1", other.cmdId());
        assertEquals(CommandStatus.ISSUED, other.status().orElseThrow());
    }

    @Test
    public void theMefDoesNotQueueNoMoreCommandsOrForeignServers_8_3_9_6_8_3_9_7_8_3_9_8() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> queue.enqueue(REG, CommandDescription.of(new NoMoreCommands(Duration.ofHours(1)))))
                .getMessage().contains("8.3.9.6"));
        CommandDescription foreignEst = CommandDescription.of(new CommandArgs.CertProv(CommandArgs.CertProvProtocol.SCEP,
                URI.create("https://ca.example.org/scep"), CommandArgs.CertSubjectType.AE_ID, "Cae1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> queue.enqueue(REG, foreignEst)).getMessage().contains("mef.example.com"));
        CommandDescription foreignDm = CommandDescription.of(new DevCfg(DevMgmt.OMA_DM_2_0, URI.create("https://dm.example.org")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> queue.enqueue(REG, foreignDm)).getMessage().contains("8.3.9.8"));
        assertEquals(List.of(), queue.commands(REG));
        // the host is compared without regard to case
        assertEquals("1", queue.enqueue(REG, CommandDescription.of(new DevCfg(DevMgmt.OMA_DM_2_0, URI.create("https://Mef.Example.com/dm")))).cmdId());
    }

    @Test
    public void aScepCommandForThisMefIsRefusedAsItServesEstOnly_8_3_6_3_8_3_9_7() {
        CommandDescription scep = CommandDescription.of(new CommandArgs.CertProv(CommandArgs.CertProvProtocol.SCEP,
                URI.create("https://mef.example.com/scep"), CommandArgs.CertSubjectType.AE_ID, "Cae1"));
        String refusal = assertThrows(IllegalArgumentException.class, () -> queue.enqueue(REG, scep)).getMessage();
        assertTrue(refusal, refusal.contains("SCEP") && refusal.contains("certProvProtocolID 1 (EST)"));
        assertEquals(List.of(), queue.commands(REG));
    }

    @Test
    public void aWithdrawnCommandsReportIsDiscarded_8_3_9_3_2b() {
        queue.enqueue(REG, CERT_PROV);
        queue.enqueue(REG, MO_NODE);
        queue.retrieve(REG);
        assertTrue(queue.remove(REG, "1"));
        assertFalse(queue.remove(REG, "1"));
        assertFalse(queue.remove(REG, "not-a-number"));
        Command answer = queue.update(REG, "1", CommandStatus.OK);
        assertEquals("2", answer.cmdId());
        assertEquals(CommandStatus.ISSUED, answer.status().orElseThrow());
        assertEquals(1, queue.commands(REG).size());
    }

    @Test
    public void aDeregisteredRegistrationsCommandsAreForgotten_8_3_9_1() {
        queue.enqueue(REG, CERT_PROV);
        queue.enqueue(REG, MO_NODE);
        assertEquals(2, queue.forgetRegistration(REG));
        assertEquals(List.of(), queue.commands(REG));
        assertEquals(CommandClass.NO_MORE_COMMANDS, queue.retrieve(REG).description().commandClass());
    }

    @Test
    public void statusesAreDurableInTheFileStore_8_3_9_3() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("commands.mv.db");
        try (CommandStore durable = new MVStoreCommandStore(file)) {
            CommandQueue q = new CommandQueue(durable, clock, "mef.example.com", Duration.ofHours(1));
            q.enqueue(REG, CERT_PROV);
            q.enqueue(REG, MO_NODE);
            q.retrieve(REG);
            q.update(REG, "1", CommandStatus.UNACCEPTABLE_ARGUMENTS);
        }
        try (CommandStore reopened = new MVStoreCommandStore(file)) {
            CommandQueue q = new CommandQueue(reopened, clock, "mef.example.com", Duration.ofHours(1));
            assertEquals(CommandStatus.UNACCEPTABLE_ARGUMENTS, q.commands(REG).get(0).status().orElseThrow());
            // the second went out in the update's answer: after the restart it goes out again, reissued
            Command again = q.retrieve(REG);
            assertEquals("2", again.cmdId());
            assertEquals(CommandStatus.REISSUED, again.status().orElseThrow());
        }
    }
}
