package org.example.mef.impl.shell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.example.mef.api.MefAdministration;
import org.junit.Test;

/** What the stakeholder types at the Gogo shell reaches the MEF's administration service, and what it prints. */
public class MefShellCommandsTest {
    private final List<String> calls = new ArrayList<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final MefShellCommands shell = new MefShellCommands(new MefAdministration() {
        @Override public String enqueue(String regId, String json) {
            if (!regId.equals("mfr-1")) throw new IllegalArgumentException("no live MEF Client Registration " + regId);
            calls.add("enqueue " + regId + " " + json);
            return "7";
        }
        @Override public String enqueueForClient(String clientId, String json) { calls.add("forClient " + clientId); return "1"; }
        @Override public List<String> clients() { return List.of("{\"mefClientID\":\"//sp/a\"}"); }
        @Override public List<String> commands(String regId) { return List.of(); }
    }, new PrintStream(printed, true, StandardCharsets.UTF_8));

    private String printed() { return printed.toString(StandardCharsets.UTF_8); }

    @Test
    public void queueWithARegistrationIdQueuesOnThatRegistration_8_3_9() {
        shell.queue("mfr-1", "{}");
        assertEquals(List.of("enqueue mfr-1 {}"), calls);
        assertEquals("queued cmdID 7 for mfr-1\n", printed());
    }

    @Test
    public void queueWithAClientIdQueuesForTheClient_8_3_4_6() {
        shell.queue("//sp.example.com/cse-device", "{}");
        assertEquals(List.of("forClient //sp.example.com/cse-device"), calls);
    }

    @Test
    public void aRefusalIsPrintedNotThrown() {
        shell.queue("mfr-2", "{}");
        assertEquals("not queued: no live MEF Client Registration mfr-2\n", printed());
    }

    @Test
    public void queueWithoutArgumentsPrintsHowToQuoteThem() {
        shell.queue();
        assertTrue(printed(), printed().startsWith("usage: mef:queue '<MEFClientRegID or MEF Client ID>'"));
        assertTrue(calls.isEmpty());
    }

    @Test
    public void clientsAndCommandsPrintOneLineEach() {
        shell.clients();
        shell.commands("mfr-1");
        assertEquals("{\"mefClientID\":\"//sp/a\"}\nno commands for mfr-1\n", printed());
    }
}
