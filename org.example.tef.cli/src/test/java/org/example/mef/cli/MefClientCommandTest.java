package org.example.mef.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.MefCommand;
import org.example.mef.api.MefCommandExecutor;
import org.example.mef.api.MefException;
import org.example.tef.api.EnrolmentKey;
import org.example.tef.api.Hex;
import org.example.tef.client.Registration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** mef-client's contract with a fake MEF Client: what it sends, what it prints (never Ke), how it fails. */
public class MefClientCommandTest {
    private static final String[] KPM = {"--client-id", "//sp.example.com/cse-device", "--kpmid", "device-kpm@mef.example.com",
            "--kpm", "303132333435363738393a3b3c3d3e3f"};
    private static final byte[] KE = Hex.decode("1772dba23c1f89114ce5e33eb616cc084e9be6a0884cb7aee034640d713848db");
    private static final EnrolmentKey ENROLMENT_KEY = EnrolmentKey.of("03ba2192ebdea5e05eddf1bf5290ad40", KE, "mef.example.com");

    @Rule public final TemporaryFolder folder = new TemporaryFolder();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> calls = new ArrayList<>();
    private MefClientConfig config;
    private List<MefCommandExecutor> executors;
    private MefException refusal;
    private Optional<EnrolmentKey> enrolmentKey = Optional.of(ENROLMENT_KEY);

    private int run(Map<String, String> env, String... args) {
        return new MefClientCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env)
                .run(args, (c, e) -> {
                    config = c;
                    executors = e;
                    return fakeClient();
                });
    }

    private int run(String... args) { return run(Map.of("ONEM2M_DATA", data().toString()), args); }

    private Path data() { return folder.getRoot().toPath().resolve("data"); }

    private static String[] with(String... more) {
        String[] all = new String[KPM.length + more.length];
        System.arraycopy(KPM, 0, all, 0, KPM.length);
        System.arraycopy(more, 0, all, KPM.length, more.length);
        return all;
    }

    static MefCommand command(String id, int status, int classId, String description, Duration retry) {
        return new MefCommand() {
            @Override public String cmdId() { return id; }
            @Override public int statusCode() { return status; }
            @Override public int cmdClassId() { return classId; }
            @Override public String descriptionJson() { return description; }
            @Override public Optional<String> argumentFault() { return Optional.empty(); }
            @Override public Optional<String> targetId() { return Optional.empty(); }
            @Override public Optional<Duration> retryDuration() { return Optional.ofNullable(retry); }
            @Override public OptionalInt devMgmtId() { return OptionalInt.empty(); }
            @Override public Optional<URI> serverUri() { return Optional.empty(); }
            @Override public Optional<String> objectPath() { return Optional.empty(); }
            @Override public OptionalInt objectTypeId() { return OptionalInt.empty(); }
            @Override public OptionalInt objectSuid() { return OptionalInt.empty(); }
        };
    }

    private static final String DEV_CFG = "{\"cmdClassID\":2,\"cmdArgs\":{\"devCfgCmdArgs\":{\"deviceConfigURI\":\"1:https://mef.example.com/dm\"}}}";

    private MefClient fakeClient() {
        return (MefClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MefClient.class}, (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("close")) return null;
            calls.add(name);
            if (refusal != null) throw refusal;
            switch (name) {
                case "mefFqdn": return "mef.example.com";
                case "register": return new Registration("mfr-1", List.of(), Instant.parse("2026-12-01T00:00:00Z"), "//sp.example.com/cse-device", (String) args[0]);
                case "enrolmentKey": return enrolmentKey;
                case "registrations": return List.of();
                case "retrieveCommand": return command("1", 10, 2, DEV_CFG, null);
                case "reportCommand": return command("0", 10, 0, "{\"cmdClassID\":0}", Duration.ofHours(1));
                case "processCommands":
                    ((MefClient.CommandReports) args[1]).reporting(command("1", 10, 2, DEV_CFG, null), 20);
                    return Duration.ofHours(1);
                default: return null;
            }
        });
    }

    private String stdout() { return out.toString(StandardCharsets.UTF_8); }
    private String stderr() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    public void registerPrintsTheRegistrationAndTheKeIdButNeverKe_8_3_5_2_3() {
        assertEquals(0, run(with("register", "sp.example.com", "3600", "a,b")));
        assertEquals(List.of("register", "enrolmentKey"), calls);
        assertTrue(stdout(), stdout().contains("registrationID mfr-1\n"));
        assertTrue(stdout(), stdout().contains("KeID           03ba2192ebdea5e05eddf1bf5290ad40@mef.example.com\n"));
        assertFalse("Ke is never printed", stdout().contains(Hex.encode(KE)));
        assertEquals("mef.example.com", config.mefFqdn);
        assertEquals(8444, config.port);
        assertEquals("the state file defaults to $ONEM2M_DATA/mef-client-<client ID>.mv.db",
                data().resolve("mef-client-sp.example.com_cse-device.mv.db"), config.stateFile);
    }

    @Test
    public void enrolmentKeyPrintsOnlyTheKeId_10_3_4() {
        assertEquals(0, run(with("--show-key", "enrolment-key")));
        assertEquals("KeID           03ba2192ebdea5e05eddf1bf5290ad40@mef.example.com\n", stdout());
    }

    @Test
    public void withoutAnEnrolmentKeyEnrolmentKeyFailsWithExit1() {
        enrolmentKey = Optional.empty();
        assertEquals(1, run(with("enrolment-key")));
        assertTrue(stderr(), stderr().contains("mef-client: no Enrolment Key: this client has not registered with MEF mef.example.com"));
    }

    @Test
    public void commandsPrintsEachCommandTheStatusReportedAndTheRetryDuration_8_3_9_2() {
        assertEquals(0, run(with("--exec", "dev-cfg=true", "commands", "mfr-1")));
        assertEquals(List.of("processCommands"), calls);
        assertEquals("cmdID          1\ncmdStatusCode  10 (MEF_CLIENT_CMD_ISSUED)\ncmdClassID     2 (DEV_CFG)\ncmdDescription " + DEV_CFG + "\n"
                + "reported       20 (MEF_CLIENT_CMD_OK)\n\ncmdClassID     0 (NO_MORE_COMMANDS)\nretryDuration  PT1H\n", stdout());
        assertEquals(1, executors.size());
        assertEquals(2, executors.get(0).cmdClassId());
    }

    @Test
    public void reportPrintsTheStatusAndTheNextCommand_8_3_9_3() {
        assertEquals(0, run(with("report", "mfr-1", "1", "20")));
        assertTrue(stdout(), stdout().startsWith("reported       20 (MEF_CLIENT_CMD_OK)\n\ncmdID          0\n"));
        assertTrue(stdout(), stdout().contains("retryDuration  PT1H\n"));
    }

    @Test
    public void aRefusalPrintsTheMefsStatusCodeAndExits1() {
        refusal = new MefException(4004, "MEF Client Command Retrieve (TS-0003 8.3.9.2) refused with 4004 (NOT_FOUND): no registration mfr-9");
        assertEquals(1, run(with("command", "mfr-9")));
        assertTrue(stderr(), stderr().contains("mef-client: refused with oneM2M status 4004: MEF Client Command Retrieve"));
    }

    @Test
    public void noAnswerIsSaidSo() {
        refusal = new MefException("MEF Client Registration (TS-0003 8.3.5.2.3): TLS handshake failed", null);
        assertEquals(1, run(with("register", "sp.example.com")));
        assertTrue(stderr(), stderr().contains("mef-client: no answer: MEF Client Registration"));
    }

    // --- bad usage: exit 2, no client made, nothing sent ---

    @Test
    public void extraArgumentsAreRefusedBeforeAnythingIsSent() {
        assertEquals(2, run(with("deregister", "mfr-1", "mfr-2")));
        assertTrue(stderr(), stderr().contains("mef-client: deregister: extra arguments [mfr-2] (it takes REGISTRATION_ID)"));
        assertEquals("no client was made", null, config);
        assertEquals(2, run(with("enrolment-key", "now")));
        assertTrue(calls.isEmpty());
    }

    @Test
    public void aStatusCodeThatIsNoNumberIsRefusedBeforeAnythingIsSent() {
        assertEquals(2, run(with("report", "mfr-1", "1", "OK")));
        assertTrue(stderr(), stderr().contains("report: STATUS_CODE must be a whole number, not 'OK'"));
        assertEquals(null, config);
    }

    @Test
    public void anUnknownExecClassIsRefusedBeforeAnythingIsSent() {
        assertEquals(2, run(with("--exec", "firmware=true", "commands", "mfr-1")));
        assertTrue(stderr(), stderr().contains("--exec takes CLASS=COMMAND"));
        assertTrue(calls.isEmpty());
    }

    @Test
    public void theMafClientsOptionsAreNotTheMefClients() {
        assertEquals(2, run("--client-id", "//sp.example.com/cse-device", "--kmid", "k@mef.example.com", "--km", "00", "register", "sp.example.com"));
        assertTrue(stderr(), stderr().contains("unknown option --kmid"));
    }

    @Test
    public void aBadKpmIsRefusedWithoutQuotingIt() {
        assertEquals(2, run("--client-id", "//a/b", "--kpmid", "x", "--kpm", "secretzz", "register", "sp.example.com"));
        assertTrue(stderr(), stderr().contains("--kpm must be hex or base64:..., and is neither"));
        assertFalse(stderr().contains("secretzz"));
    }

    @Test
    public void helpListsTheCommands() {
        assertEquals(0, run("--help"));
        for (String c : List.of("register ", "config ", "update ", "deregister ", "key-register", "key-retrieve", "key-update", "key-deregister",
                "enrolment-key", "command ", "report ", "commands ")) {
            assertTrue(c, stdout().contains("  " + c) || stdout().contains("|" + c));
        }
    }

    @Test
    public void thePortComesFromOnem2mMefPortAndTheStateFileFromState() {
        Path state = folder.getRoot().toPath().resolve("x/state.mv.db");
        assertEquals(0, run(Map.of("ONEM2M_MEF_PORT", "9444"), with("--state", state.toString(), "registrations")));
        assertEquals(9444, config.port);
        assertEquals(state, config.stateFile);
        assertEquals("no registrations\n", stdout());
    }

    @Test
    public void clientIdsBecomeFileNames() {
        assertEquals("sp.example.com_cse-device", MefClientCommand.sanitized("//sp.example.com/cse-device"));
        assertEquals("sp.example.com_cse-device_ae_1", MefClientCommand.sanitized("//sp.example.com/cse-device/ae 1"));
    }
}
