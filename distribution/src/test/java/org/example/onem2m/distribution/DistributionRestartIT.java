package org.example.onem2m.distribution;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.example.maf.api.ClientRegistrationInfo;
import org.example.maf.api.KeyRegistrationRequest;
import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafClientFactory;
import org.example.maf.api.MafException;
import org.example.maf.api.MafKey;
import org.example.maf.impl.client.MafClientFactoryComponent;
import org.example.tef.impl.tls.BcSecureChannels;
import org.example.tef.impl.wire.HttpPrimitiveTransport;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestName;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Runs the assembled distribution ({@code target/onem2m-tef}) the way a user does, through {@code bin/onem2m-tef},
 * as a child process with its own loopback port, data directory and bundle cache, and checks that what the
 * product acknowledged with 201 is still there after a graceful stop and after {@code kill -9}.
 * <p>
 * The child's standard input is {@code /dev/null} (as in CI), so this also checks that the launcher does not let
 * the Gogo console stop the framework at end of input. Its output goes to {@code target/it-logs/<test>.log} and is
 * printed when a test fails.
 * <p>
 * The MAF (TS-0003 8.8) of the distribution runs with the demo configuration shipped in {@code etc/} (stakeholder
 * sp.example.com, PSK clients source, target and other) on a free port ({@code ONEM2M_MAF_PORT}); this JVM is
 * its MAF Client, built from the product's own classes outside OSGi. The time from the start command to the first
 * request the MAF served is printed as {@code MAF first request served N ms after start}.
 */
public class DistributionRestartIT {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String ORIGIN = "CAdmin";
    private static final String NODE = "{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"urn:dev:1\"}}";
    private static final String MEF_CLIENT_REG_CFG =
            "{\"dcfg:mefcr\":{\"rn\":\"mefcfg\",\"mgd\":1026,\"fqdn\":\"mef.example.com\",\"adfq\":\"admin.example.com\"}}";

    private static final String MAF = "maf.example.com";
    private static final String SP = "sp.example.com";
    /** SAEF key distributed by a MAF (TS-0004 table 6.3.4.2.39-1, usage x2): exactly one target (TS-0003 8.8.2.7). */
    private static final int SUID_MAF_SAEF = 32;
    /** Polling interval while waiting for the MAF: short, as the wait is also the measurement. */
    private static final long MAF_POLL_MILLIS = 20;

    static {
        // The product's classes log through slf4j; on this class path that is pax-logging-api, which would log at DEBUG.
        System.setProperty("org.ops4j.pax.logging.DefaultServiceLog.level", "WARN");
    }

    private static final Path HOME = Path.of(System.getProperty("onem2m.home", "target/onem2m-tef"));
    private static final Path WORK = Path.of(System.getProperty("onem2m.it.work", "target/it-work"));
    private static final Path LOGS = Path.of(System.getProperty("onem2m.it.logs", "target/it-logs"));

    @Rule public final TestName testName = new TestName();
    @Rule public final TestWatcher printChildOutputOnFailure = new TestWatcher() {
        @Override
        protected void failed(Throwable e, Description description) {
            try {
                System.err.println("---- output of bin/onem2m-tef (" + log + ") ----");
                System.err.println(Files.readString(log, StandardCharsets.UTF_8));
                System.err.println("---- end of output ----");
            } catch (IOException | RuntimeException io) {
                System.err.println("cannot print " + log + ": " + io);
            }
        }
    };

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger requestIds = new AtomicInteger();
    private final List<Process> launched = new ArrayList<>();
    private Path dataDir;
    private Path cacheDir;
    private Path log;
    private int port;
    private int mafPort;
    /** When the last launch's start command was issued. */
    private Instant launchedAt;

    @Before
    public void prepare() throws IOException {
        assertTrue("the distribution is not assembled at " + HOME.toAbsolutePath() + " (run the package phase first)",
                Files.isExecutable(HOME.resolve("bin/onem2m-tef")));
        Files.createDirectories(WORK);
        Files.createDirectories(LOGS);
        Path work = Files.createTempDirectory(WORK, testName.getMethodName() + "-");
        dataDir = work.resolve("data");
        cacheDir = work.resolve("felix-cache");
        log = LOGS.resolve(testName.getMethodName() + ".log");
        Files.deleteIfExists(log);
        port = freeLoopbackPort();
        do {
            mafPort = freeLoopbackPort();
        } while (mafPort == port);
    }

    @After
    public void killWhatIsStillRunning() throws InterruptedException {
        for (Process p : launched) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    @Test
    public void acknowledgedResourcesSurviveAGracefulRestart() throws Exception {
        Process first = start();
        String nodeRi = createdRi(post(cseBase(), 14, NODE), "m2m:nod");
        String cfgRi = createdRi(post(cseBase() + "/dev1", 13, MEF_CLIENT_REG_CFG), "dcfg:mefcr");

        Instant stopAt = Instant.now();
        first.destroy(); // SIGTERM to the JVM (the launcher script exec's java)
        assertTrue("the distribution did not stop within " + STOP_TIMEOUT + " of SIGTERM",
                first.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        System.out.println("graceful stop took " + Duration.between(stopAt, Instant.now()).toMillis() + " ms, exit code "
                + first.exitValue());
        assertTrue("the resource tree was not shut down (no 'store ... closed' line in the log)",
                Files.readString(log).contains("oneM2M resource tree stopped; store"));

        start();
        JsonObject node = resource(cseBase() + "/dev1", "m2m:nod");
        assertEquals(nodeRi, node.get("ri").getAsString());
        assertEquals("urn:dev:1", node.get("ni").getAsString());
        JsonObject cfg = resource(cseBase() + "/dev1/mefcfg", "dcfg:mefcr");
        assertEquals(cfgRi, cfg.get("ri").getAsString());
        assertEquals(nodeRi, cfg.get("pi").getAsString());
        assertEquals(1026, cfg.get("mgd").getAsInt());
        assertEquals("mef.example.com", cfg.get("fqdn").getAsString());
        assertEquals("admin.example.com", cfg.get("adfq").getAsString());
    }

    @Test
    public void aResourceAcknowledgedBeforeKillMinus9IsThereAfterRestart() throws Exception {
        Process first = start();
        String nodeRi = createdRi(post(cseBase(), 14, NODE), "m2m:nod");
        String cfgRi = createdRi(post(cseBase() + "/dev1", 13, MEF_CLIENT_REG_CFG), "dcfg:mefcr");
        first.destroyForcibly(); // SIGKILL right after the 201: no shutdown hook, no store close
        assertTrue("the distribution did not die of SIGKILL", first.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertEquals("exit code of a JVM killed by SIGKILL", 128 + 9, first.exitValue());

        start();
        assertEquals(nodeRi, resource(cseBase() + "/dev1", "m2m:nod").get("ri").getAsString());
        JsonObject cfg = resource(cseBase() + "/dev1/mefcfg", "dcfg:mefcr");
        assertEquals(cfgRi, cfg.get("ri").getAsString());
        assertEquals("mef.example.com", cfg.get("fqdn").getAsString());
    }

    @Test
    public void theHttpBindingIsNotReachableOnANonLoopbackAddress() throws Exception {
        List<InetAddress> others = nonLoopbackAddresses();
        Assume.assumeFalse("this machine has no non-loopback address to try", others.isEmpty());
        start();
        for (InetAddress address : others) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 2000);
                fail("port " + port + " accepts connections on " + address.getHostAddress() + "; it must listen on 127.0.0.1 only");
            } catch (ConnectException | SocketTimeoutException expected) {
                // refused (or filtered): not listening there
            }
        }
    }

    /**
     * TS-0003 8.8.2.3, 8.8.2.7, 8.8.2.8, 8.8.2.10 against the distribution's MAF with the demo configuration of
     * {@code etc/}: the Source registers a SAEF key for the Target and the Target retrieves the same value (Other is
     * refused with 4103); the process is killed with SIGKILL right after and started again on the same data
     * directory; a new Target MafClient (no cached key) retrieves the same key; after the Source de-registers it the
     * MAF answers 4004. Prints, for both launches, the time from the start command to the first MAF request served.
     */
    @Test
    public void aMafKeyRegisteredBeforeKillMinus9IsRetrievedAfterTheProcessRestarts() throws Exception {
        Credential source = demoCredential("source");
        Credential target = demoCredential("target");
        Credential other = demoCredential("other");
        MafClientFactory clients = new MafClientFactoryComponent(new BcSecureChannels(), new HttpPrimitiveTransport());
        warmUp(clients, source);

        Process first = launch();
        MafClient sourceClient = clients.create(source.config(mafPort));
        ClientRegistrationInfo sourceRegistration = firstMafRequest("MAF Client Registration of " + source.clientId, first,
                () -> sourceClient.register(SP, Instant.now().plus(Duration.ofHours(12)), List.of("it")));
        assertEquals(source.clientId, sourceRegistration.clientId);
        MafClient targetClient = clients.create(target.config(mafPort));
        MafClient otherClient = clients.create(other.config(mafPort));
        targetClient.register(SP, Instant.now().plus(Duration.ofHours(12)), List.of("it"));
        otherClient.register(SP, Instant.now().plus(Duration.ofHours(12)), List.of("it"));

        MafKey registered = sourceClient.registerKey(KeyRegistrationRequest.exported(SP, Instant.now().plus(Duration.ofMinutes(30)),
                SUID_MAF_SAEF, List.of(target.clientId), List.of("it")));
        assertEquals(registered.relativeKeyId + "@" + MAF, registered.keyIdentifier);
        assertEquals(List.of(target.clientId), registered.targetIds);
        MafKey retrieved = targetClient.retrieveKey(registered.keyIdentifier);
        assertArrayEquals("the Target holds the Source's key value", registered.value(), retrieved.value());
        assertEquals(source.clientId, retrieved.sourceClientId);
        assertRefused("Other is not the key's target", 4103, () -> otherClient.retrieveKey(registered.keyIdentifier));

        first.destroyForcibly(); // SIGKILL right after the answers: no shutdown hook, no store close
        assertTrue("the distribution did not die of SIGKILL", first.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertEquals("exit code of a JVM killed by SIGKILL", 128 + 9, first.exitValue());

        Process second = launch();
        MafClient freshTarget = clients.create(target.config(mafPort));
        assertFalse("a new MafClient holds no key", freshTarget.heldKey(registered.keyIdentifier).isPresent());
        MafKey afterRestart = firstMafRequest("Key Retrieval by a new " + target.clientId, second,
                () -> freshTarget.retrieveKey(registered.keyIdentifier));
        assertArrayEquals("the key value survived kill -9 and a new process", registered.value(), afterRestart.value());
        assertEquals(source.clientId, afterRestart.sourceClientId);
        assertEquals(SUID_MAF_SAEF, afterRestart.suid);

        clients.create(source.config(mafPort)).deregisterKey(registered.relativeKeyId);
        assertRefused("the de-registered key is gone", 4004,
                () -> clients.create(target.config(mafPort)).retrieveKey(registered.keyIdentifier));
        assertTrue("the MAF of the second launch opened the registry with the key in it: " + log,
                Files.readString(log).contains("holds 3 client and 1 key registration(s)"));
    }

    // ---- the child process ----

    private Process start() throws IOException, InterruptedException {
        Process p = launch();
        awaitCseBase(p);
        System.out.println(testName.getMethodName() + ": launch " + launched.size() + " answered 200 after "
                + Duration.between(launchedAt, Instant.now()).toMillis() + " ms");
        return p;
    }

    /** Runs bin/onem2m-tef and returns at once; {@link #launchedAt} is the moment of the start command. */
    private Process launch() throws IOException {
        Files.writeString(log, "==== launch " + (launched.size() + 1) + " at " + Instant.now() + " on port " + port
                        + ", MAF port " + mafPort + " ====\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(HOME.resolve("bin/onem2m-tef").toAbsolutePath().toString());
        pb.environment().put("ONEM2M_HTTP_PORT", Integer.toString(port));
        // Every test on its own MAF port: the default 8443 may be taken, or be another test's distribution.
        pb.environment().put("ONEM2M_MAF_PORT", Integer.toString(mafPort));
        pb.environment().put("ONEM2M_DATA", dataDir.toAbsolutePath().toString());
        pb.environment().remove("ONEM2M_CONSOLE"); // "auto": no console, because stdin is not a terminal
        // Own bundle cache, so a distribution started by hand from the same directory is not disturbed.
        pb.environment().put("JAVA_OPTS", "-Xmx128m -Dorg.osgi.framework.storage=" + cacheDir.toAbsolutePath());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        launchedAt = Instant.now();
        Process p = pb.start();
        launched.add(p);
        return p;
    }

    /** Jetty listens before the servlet is registered (TOOLCHAIN pitfall 15): wait for 200, not for a connection. */
    private void awaitCseBase(Process p) throws InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) fail("bin/onem2m-tef exited with " + p.exitValue() + " before it answered; last: " + last);
            try {
                HttpResponse<String> r = get(cseBase());
                if (r.statusCode() == 200 && r.body().contains("\"m2m:cb\"")) return;
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        fail("no 200 with m2m:cb from " + cseBase() + " within " + STARTUP_TIMEOUT + "; last: " + last);
    }

    // ---- the MAF ----

    /**
     * Repeats {@code procedure} until the MAF answers it with success and prints how long after the start command
     * that was. Until the MAF listens with its PSK clients and stakeholder configured, the attempts fail (no
     * connection, unknown psk_identity, a refusal); a failed attempt registers nothing.
     */
    private <T> T firstMafRequest(String what, Process p, MafProcedure<T> procedure) throws InterruptedException {
        Instant deadline = launchedAt.plus(STARTUP_TIMEOUT);
        String last = "no attempt";
        int attempts = 0;
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) fail("bin/onem2m-tef exited with " + p.exitValue() + " before the MAF answered; last: " + last);
            attempts++;
            try {
                T answer = procedure.run();
                long millis = Duration.between(launchedAt, Instant.now()).toMillis();
                System.out.println("MAF first request served " + millis + " ms after start (launch " + launched.size() + ", "
                        + what + ", attempt " + attempts + ", " + testName.getMethodName() + ")");
                return answer;
            } catch (MafException e) {
                last = "rsc " + e.rsc() + ": " + e.getMessage();
            }
            Thread.sleep(MAF_POLL_MILLIS);
        }
        fail("the MAF on 127.0.0.1:" + mafPort + " did not serve " + what + " within " + STARTUP_TIMEOUT + "; last: " + last);
        return null;
    }

    /**
     * Loads this JVM's client side (MAF Client, Bouncy Castle TLS, Gson) before the launch, so the measured time is the
     * distribution's: one attempt against the MAF port while nothing listens there yet.
     */
    private void warmUp(MafClientFactory clients, Credential credential) {
        try {
            clients.create(credential.config(mafPort)).retrieveKey("warm-up@" + MAF);
            fail("something answers on the MAF port " + mafPort + " before the distribution was started");
        } catch (MafException expected) {
            assertEquals("no answer, nothing listens yet: " + expected.getMessage(), 0, expected.rsc());
        }
    }

    private interface MafProcedure<T> {
        T run() throws MafException;
    }

    private static void assertRefused(String why, int rsc, MafProcedure<?> procedure) {
        try {
            procedure.run();
            fail(why + ": expected MafException " + rsc + ", but the procedure succeeded");
        } catch (MafException e) {
            assertEquals(why + ": " + e.getMessage(), rsc, e.rsc());
        }
    }

    /** A demo PSK client as the distribution ships it: etc/org.example.maf.psk-&lt;name&gt;.cfg. */
    private static Credential demoCredential(String name) throws IOException {
        Path file = HOME.resolve("etc/org.example.maf.psk-" + name + ".cfg");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        for (String key : List.of("kmId", "km", "clientId")) {
            if (p.getProperty(key, "").isBlank()) throw new AssertionError(file + " has no " + key);
        }
        return new Credential(p.getProperty("clientId").trim(), p.getProperty("kmId").trim(), HexFormat.of().parseHex(p.getProperty("km").trim()));
    }

    private static final class Credential {
        final String clientId;
        final String kmId;
        final byte[] km;

        Credential(String clientId, String kmId, byte[] km) {
            this.clientId = clientId;
            this.kmId = kmId;
            this.km = km;
        }

        MafClientConfig config(int port) {
            return MafClientConfig.withPsk(MAF, "127.0.0.1", port, clientId, kmId, km);
        }
    }

    // ---- HTTP ----

    private String cseBase() {
        return "http://127.0.0.1:" + port + "/~/in-cse/in-name";
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("X-M2M-Origin", ORIGIN)
                .header("X-M2M-RI", "it-" + requestIds.incrementAndGet())
                .header("Accept", "application/json");
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(request(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, int ty, String body) throws IOException, InterruptedException {
        return http.send(request(url).header("Content-Type", "application/json;ty=" + ty)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String createdRi(HttpResponse<String> r, String key) {
        assertEquals("create answered " + r.body(), 201, r.statusCode());
        String ri = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject(key).get("ri").getAsString();
        assertFalse(ri.isBlank());
        return ri;
    }

    private JsonObject resource(String url, String key) throws IOException, InterruptedException {
        HttpResponse<String> r = get(url);
        assertEquals("GET " + url + " answered " + r.body(), 200, r.statusCode());
        return JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject(key);
    }

    // ---- network helpers ----

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> result = new ArrayList<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) continue;
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) result.add(a);
            }
        }
        return result;
    }
}
