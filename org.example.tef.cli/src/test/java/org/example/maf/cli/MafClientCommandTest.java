package org.example.maf.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.example.maf.api.ClientRegistrationInfo;
import org.example.maf.api.KeyRegistrationRequest;
import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafException;
import org.example.maf.api.MafKey;
import org.junit.Test;

/** The command line's contract: arguments to procedures, results to stdout, refusals to exit status 1 with the oneM2M status. */
public class MafClientCommandTest {
    private static final String[] PSK = {"--client-id", "//sp.example.com/cse-source", "--kmid", "source-km@maf.example.com",
            "--km", "000102030405060708090a0b0c0d0e0f"};
    private static final byte[] KEY = new byte[32];

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Object[]> calls = new ArrayList<>();
    private MafClientConfig config;
    private MafException refusal;

    private int run(Map<String, String> env, String... args) {
        return new MafClientCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env)
                .run(args, c -> { config = c; return fakeClient(); });
    }

    private int run(String... args) { return run(Map.of(), args); }

    private static String[] with(String... more) {
        String[] all = new String[PSK.length + more.length];
        System.arraycopy(PSK, 0, all, 0, PSK.length);
        System.arraycopy(more, 0, all, PSK.length, more.length);
        return all;
    }

    /** How often the command closed the client it was given. */
    private int closed;

    private MafClient fakeClient() {
        return (MafClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MafClient.class}, (proxy, method, args) -> {
            if (method.getName().equals("close")) {
                closed++;
                return null;
            }
            calls.add(new Object[] {method.getName(), args});
            if (refusal != null) throw refusal;
            switch (method.getName()) {
                case "updateRegistration": return new ClientRegistrationInfo("mcr-1", List.of("a", "b"), null, null, null);
                case "register": return new ClientRegistrationInfo("mcr-1", List.of(), Instant.parse("2026-11-24T00:00:00Z"), "//sp.example.com/cse-source", (String) args[0]);
                case "registerKey":
                case "retrieveKey": return new MafKey("k1@maf.example.com", "k1", Instant.parse("2026-11-24T00:00:00Z"), "//sp.example.com/cse-source",
                        "sp.example.com", 32, List.of("//sp.example.com/cse-target"), List.of(), KEY);
                default: return null;
            }
        });
    }

    private String stdout() { return out.toString(StandardCharsets.UTF_8); }
    private String stderr() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    public void registerSendsTheAdminFqdnAndPrintsTheRegistration_8_8_2_3() {
        assertEquals(0, run(with("register", "sp.example.com")));
        assertEquals("register", calls.get(0)[0]);
        assertEquals("the command closes its client (and the session it kept)", 1, closed);
        assertEquals("sp.example.com", ((Object[]) calls.get(0)[1])[0]);
        assertTrue(stdout(), stdout().contains("registrationID mcr-1"));
        assertEquals("maf.example.com", config.mafFqdn);
        assertEquals(8443, config.port);
    }

    @Test
    public void registerKeyNamesEveryTargetAndPrintsOnlyAFingerprint_8_8_2_7() {
        assertEquals(0, run(with("register-key", "sp.example.com", "48", "//sp/a,//sp/b", "600")));
        KeyRegistrationRequest request = (KeyRegistrationRequest) ((Object[]) calls.get(0)[1])[0];
        assertEquals(List.of("//sp/a", "//sp/b"), request.targetIds);
        assertEquals(48, request.suid);
        assertEquals(null, request.keyValue());
        assertTrue(stdout(), stdout().contains("key SHA-256    " + MafClientCommand.fingerprint(KEY)));
        assertFalse("the key value itself is not printed without --show-key", stdout().contains("0000000000000000000000000000000000000000000000000000000000000000"));
    }

    @Test
    public void showKeyPrintsTheKeyInHex_8_8_2_8() {
        assertEquals(0, run(with("--show-key", "retrieve-key", "k1@maf.example.com")));
        assertTrue(stdout(), stdout().contains("key            " + "00".repeat(32)));
    }

    @Test
    public void aRefusalExitsWith1AndPrintsTheStatusCode() {
        refusal = new MafException(4103, "not among the targets");
        assertEquals(1, run(with("retrieve-key", "k1@maf.example.com")));
        assertTrue(stderr(), stderr().contains("refused with oneM2M status 4103: not among the targets"));
    }

    // --- bad usage exits with 2 and contacts no MAF ---

    @Test
    public void missingCredentialsExitWith2AndContactNoMaf() {
        assertEquals(2, run("register", "sp.example.com"));
        assertTrue(stderr(), stderr().contains("--client-id, --kmid and --km are required"));
        assertTrue("no procedure was attempted", calls.isEmpty());
    }

    @Test
    public void anSuidThatIsNoWholeNumberExitsWith2AndContactsNoMaf() {
        assertEquals(2, run(with("register-key", "sp.example.com", "thirty-two", "//sp/a")));
        assertTrue(stderr(), stderr().contains("SUID must be a whole number"));
        assertTrue("no procedure was attempted", calls.isEmpty());
    }

    @Test
    public void aPortBeyond65535ExitsWith2AndContactsNoMaf() {
        assertEquals(2, run(with("--port", "70000", "register", "sp.example.com")));
        assertTrue("no procedure was attempted", calls.isEmpty());
    }

    @Test
    public void anUnknownCommandExitsWith2AndContactsNoMaf() {
        assertEquals(2, run(with("launch")));
        assertTrue(stderr(), stderr().contains("unknown command 'launch'"));
        assertTrue("no procedure was attempted", calls.isEmpty());
    }

    @Test
    public void extraArgumentsAreRefusedBeforeTheMafIsContacted() {
        assertEquals(2, run(with("retrieve-key", "k1@maf.example.com", "k2@maf.example.com")));
        assertTrue(stderr(), stderr().contains("retrieve-key: extra arguments [k2@maf.example.com]"));
        assertEquals("no client was made", null, config);
    }

    @Test
    public void theKeyCommandsAnswerToMefClientsSpellingToo() {
        assertEquals(0, run(with("key-retrieve", "k1@maf.example.com")));
        assertEquals("retrieveKey", calls.get(0)[0]);
    }

    @Test
    public void anUpdateWithNothingToChangeIsRefused_8_8_2_5() {
        assertEquals(2, run(with("update", "mcr-1", "-")));
        assertTrue(stderr(), stderr().contains("nothing to change"));
        assertEquals(0, run(with("update", "mcr-1", "-", "a,b")));
        assertEquals("updateRegistration", calls.get(0)[0]);
        assertEquals(null, ((Object[]) calls.get(0)[1])[1]);
        assertEquals(List.of("a", "b"), ((Object[]) calls.get(0)[1])[2]);
    }

    @Test
    public void thePortComesFromOnem2mMafPortUnlessGiven() {
        assertEquals(0, run(Map.of("ONEM2M_MAF_PORT", "9443"), with("register", "sp.example.com")));
        assertEquals(9443, config.port);
    }
}
