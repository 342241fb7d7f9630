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
        @Override public List<String> clients() { return List.of("{\"mefClientID\":\"//sp/a\",\"registrations\":[{\"mefClientRegID\":\"mfr-1\"}]}"); }
        @Override public List<String> commands(String regId) { return List.of(); }
    }, (target, subject) -> {
        if (target.equals("mfr-off")) throw new IllegalStateException("this MEF has no EST server (estPort = -1)");
        calls.add("certprov " + target + " " + subject.uri());
        return "3";
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
        assertEquals("{\"mefClientID\":\"//sp/a\",\"registrations\":[{\"mefClientRegID\":\"mfr-1\"}]}\nno commands for mfr-1\n", printed());
    }

    @Test
    public void commandsOfAnIdTheMefDoesNotKnowSayItIsUnknown() {
        shell.commands("mfr-000000000000000000000000");
        assertEquals("no MEF Client or MEF Client Registration 'mfr-000000000000000000000000' is known to this MEF (mef:clients lists them)\n", printed());
    }

    /** Too few arguments print how to call the command, not Gogo's "Cannot coerce commands() to any of [(String)]". */
    @Test
    public void tooFewArgumentsPrintTheUsage() {
        shell.commands();
        shell.queue("//sp.example.com/cse-device");
        shell.certprov("//sp.example.com/cse-device");
        shell.certprov("//sp.example.com/cse-device", "cse");
        String[] lines = printed().split("\n");
        assertTrue(printed(), lines[0].startsWith("usage: mef:commands '<MEFClientRegID or MEF Client ID>'"));
        assertTrue(printed(), printed().contains("usage: mef:queue '<MEFClientRegID or MEF Client ID>'"));
        assertEquals(printed(), 2, printed().split("usage: mef:certprov ", -1).length - 1);
        assertTrue(calls.isEmpty());
    }

    @Test
    public void certprovQueuesAnEstCommandForTheSubject_8_3_9_7() {
        shell.certprov("//sp.example.com/cse-device", "cse", "/id-mn-cse-1");
        shell.certprov("mfr-1", "3", "Cae1");
        assertEquals(List.of("certprov //sp.example.com/cse-device urn:onem2m:cse:/id-mn-cse-1", "certprov mfr-1 urn:onem2m:ae:Cae1"), calls);
        assertTrue(printed(), printed().startsWith("queued CERT_PROV cmdID 3 for //sp.example.com/cse-device: EST enrolment of urn:onem2m:cse:/id-mn-cse-1\n"));
    }

    @Test
    public void certprovRefusalsArePrinted_8_3_9_7() {
        shell.certprov("mfr-1", "device", "x");
        shell.certprov("mfr-off", "node", "n1");
        assertTrue(calls.isEmpty());
        assertTrue(printed(), printed().contains("not queued: certSubjectType 'device' is none of node (1), cse (2), ae (3)"));
        assertTrue(printed(), printed().contains("not queued: this MEF has no EST server (estPort = -1)"));
    }
}
