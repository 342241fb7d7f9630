package org.example.onem2m.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 */
public class DistributionRestartIT {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String ORIGIN = "CAdmin";
    private static final String NODE = "{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"urn:dev:1\"}}";
    private static final String MEF_CLIENT_REG_CFG =
            "{\"dcfg:mefcr\":{\"rn\":\"mefcfg\",\"mgd\":1026,\"fqdn\":\"mef.example.com\",\"adfq\":\"admin.example.com\"}}";

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

    // ---- the child process ----

    private Process start() throws IOException, InterruptedException {
        Files.writeString(log, "==== launch " + (launched.size() + 1) + " at " + Instant.now() + " on port " + port + " ====\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(HOME.resolve("bin/onem2m-tef").toAbsolutePath().toString());
        pb.environment().put("ONEM2M_HTTP_PORT", Integer.toString(port));
        pb.environment().put("ONEM2M_DATA", dataDir.toAbsolutePath().toString());
        pb.environment().remove("ONEM2M_CONSOLE"); // "auto": no console, because stdin is not a terminal
        // Own bundle cache, so a distribution started by hand from the same directory is not disturbed.
        pb.environment().put("JAVA_OPTS", "-Xmx128m -Dorg.osgi.framework.storage=" + cacheDir.toAbsolutePath());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Instant startedAt = Instant.now();
        Process p = pb.start();
        launched.add(p);
        awaitCseBase(p);
        System.out.println(testName.getMethodName() + ": launch " + launched.size() + " answered 200 after "
                + Duration.between(startedAt, Instant.now()).toMillis() + " ms");
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
