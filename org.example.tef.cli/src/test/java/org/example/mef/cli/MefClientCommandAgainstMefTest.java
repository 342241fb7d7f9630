package org.example.mef.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.example.mef.api.MefServer;
import org.example.mef.api.MefServerBuilder;
import org.example.tef.api.Hex;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.core.Stakeholder;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonParser;

/**
 * mef-client against a real MEF (the exported MefServerBuilder, with the distribution's demo values), one invocation
 * per call as from a shell: each builds its own client on the same state file, so what one invocation enrolled the next
 * one finds.
 */
public class MefClientCommandAgainstMefTest {
    private static final String DEVICE = "//sp.example.com/cse-device";
    private static final String DEV_CFG = "{\"cmdClassID\":2,\"cmdArgs\":{\"devCfgCmdArgs\":{\"deviceConfigURI\":\"1:https://mef.example.com/dm\"}}}";

    @Rule public final TemporaryFolder folder = new TemporaryFolder();

    private MefServer mef;
    private String stdout;
    private String stderr;

    @Before
    public void startTheDemoMef() throws IOException {
        mef = MefServerBuilder.create("mef.example.com").port(0)
                .stakeholder(new Stakeholder("sp.example.com", Set.of(DEVICE), Duration.ofDays(1), Duration.ofHours(1), null))
                .pskClient(new PskCredential("device-kpm@mef.example.com", Hex.decode("303132333435363738393a3b3c3d3e3f"), DEVICE))
                .start();
    }

    @After
    public void stop() throws IOException { mef.close(); }

    /** One invocation of bin/mef-client, with the demo device's Kpm and a state file of its own. */
    private int mefClient(String... command) {
        Path state = folder.getRoot().toPath().resolve("mef-client-state.mv.db");
        String[] args = new String[10 + command.length];
        System.arraycopy(new String[] {"--client-id", DEVICE, "--kpmid", "device-kpm@mef.example.com", "--kpm", "303132333435363738393a3b3c3d3e3f",
                "--port", Integer.toString(mef.address().getPort()), "--state", state.toString()}, 0, args, 0, 10);
        System.arraycopy(command, 0, args, 10, command.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new MefClientCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of()).run(args, MefClientCommand.BUILT);
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return status;
    }

    private static String value(String output, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " +(\\S+)$").matcher(output);
        assertTrue(name + " in\n" + output, m.find());
        return m.group(1);
    }

    @Test
    public void registerThenACommandQueuedByTheStakeholderIsProcessedAndReportedOk_8_3_9() {
        assertEquals(stderr, 0, mefClient("register", "sp.example.com"));
        String registration = value(stdout, "registrationID");
        String keId = value(stdout, "KeID");
        assertTrue(keId, keId.matches("[0-9a-f]{32}@mef\\.example\\.com"));
        assertEquals("the four lines of the registration, then the KeID, nothing more", 5, stdout.lines().count());

        String cmdId = mef.enqueue(registration, DEV_CFG);
        assertEquals(stderr, 0, mefClient("--exec", "dev-cfg=test \"$MEF_SERVER_URI\" = https://mef.example.com/dm", "commands", registration));
        assertEquals(cmdId, value(stdout, "cmdID"));
        assertTrue(stdout, stdout.contains("cmdClassID     2 (DEV_CFG)\n"));
        assertTrue(stdout, stdout.contains("reported       20 (MEF_CLIENT_CMD_OK)\n"));
        assertTrue(stdout, stdout.endsWith("cmdClassID     0 (NO_MORE_COMMANDS)\nretryDuration  PT1H\n"));

        List<String> commands = mef.commands(registration);
        assertEquals(1, commands.size());
        assertEquals("the stakeholder sees the status the client reported", "OK",
                JsonParser.parseString(commands.get(0)).getAsJsonObject().get("status").getAsString());

        // a later invocation is the same MEF Client: its state file holds the registration and the Enrolment Key
        assertEquals(stderr, 0, mefClient("enrolment-key"));
        assertEquals("KeID           " + keId + "\n", stdout);
        assertEquals(stderr, 0, mefClient("registrations"));
        assertTrue(stdout, stdout.startsWith("registrationID " + registration + " adminFQDN sp.example.com expires "));
        String second = mef.enqueue(registration, DEV_CFG);
        assertEquals(stderr, 0, mefClient("commands", registration));
        assertEquals(second, value(stdout, "cmdID"));
        assertTrue("without --exec the client has no DM protocol (8.3.9.8 step 4)\n" + stdout,
                stdout.contains("reported       43 (MEF_CLIENT_CMD_UNACCEPTABLE_ARGUMENTS)\n"));

        assertEquals(stderr, 0, mefClient("deregister", registration));
        assertEquals("de-registered\n", stdout);
        assertEquals(1, mefClient("command", registration));
        assertTrue(stderr, stderr.startsWith("mef-client: refused with oneM2M status 4"));
        assertEquals(stderr, 0, mefClient("registrations"));
        assertEquals("no registrations\n", stdout);
    }

    @Test
    public void aWrongKpmGetsNoAnswerAndExits1() {
        Path state = folder.getRoot().toPath().resolve("other.mv.db");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new MefClientCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()).run(new String[] {"--client-id", DEVICE,
                "--kpmid", "device-kpm@mef.example.com", "--kpm", "ffffffffffffffffffffffffffffffff", "--port", Integer.toString(mef.address().getPort()),
                "--state", state.toString(), "register", "sp.example.com"}, MefClientCommand.BUILT);
        assertEquals(1, status);
        assertTrue(err.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8).startsWith("mef-client: no answer: MEF Client Registration"));
    }
}
