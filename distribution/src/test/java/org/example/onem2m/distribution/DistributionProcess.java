package org.example.onem2m.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.AssumptionViolatedException;
import org.example.onem2m.testsupport.Failures;
import org.example.onem2m.testsupport.LogFiles;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * The assembled distribution ({@code target/onem2m-tef}) run the way a user runs it, through {@code bin/onem2m-tef},
 * as a child process: a JUnit rule that gives each test its own loopback HTTP port, MAF port, data directory and
 * bundle cache, launches and stops the process, prints its output ({@code target/it-logs/<test>.log}) when the test
 * fails, and kills what is still running after it.
 * <p>
 * The child's standard input is {@code /dev/null} (as in CI), so every test also checks that the launcher does not
 * let the Gogo console stop the framework at end of input.
 */
public final class DistributionProcess implements TestRule {
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    static final Path HOME = Path.of(System.getProperty("onem2m.home", "target/onem2m-tef"));
    private static final Path WORK = Path.of(System.getProperty("onem2m.it.work", "target/it-work"));
    private static final Path LOGS = Path.of(System.getProperty("onem2m.it.logs", "target/it-logs"));

    private final List<Process> launched = new ArrayList<>();
    /** Tells two processes of one test apart (their logs and work directories); empty for one. */
    private final String label;
    /** The configuration directory (Felix FileInstall's), or null for the distribution's own etc/. */
    private Path etc;
    private String testName;
    private Path work;
    private Path dataDir;
    private Path cacheDir;
    private Path log;
    private int port;
    private int mafPort;
    private int mefPort;
    private int estPort;
    private Instant launchedAt;
    private CseHttp http;

    public DistributionProcess() { this(""); }

    /** @param label names this process among the test's processes, e.g. "device" */
    public DistributionProcess(String label) { this.label = label; }

    /**
     * Launches with the files of the distribution's etc/ that {@code keep} accepts (by name), copied to this test's own
     * configuration directory, where the test may change or add more; returns that directory. Call before launching.
     */
    public Path ownEtc(java.util.function.Predicate<String> keep) throws IOException {
        etc = Files.createDirectories(work.resolve("etc"));
        try (java.util.stream.Stream<Path> files = Files.list(HOME.resolve("etc"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (keep.test(f.getFileName().toString())) Files.copy(f, etc.resolve(f.getFileName()));
            }
        }
        return etc;
    }

    /** The tree of this test's configuration has this CSE-ID and CSEBase name (start() waits for that CSEBase). */
    public void cse(String cseId, String cseName) { http.cse(cseId, cseName); }

    @Override
    public Statement apply(Statement base, Description description) {
        return new Statement() {
            @Override
            public void evaluate() throws Throwable {
                prepare(description.getMethodName());
                try {
                    base.evaluate();
                } catch (AssumptionViolatedException skipped) {
                    throw skipped;
                } catch (Throwable failure) {
                    printOutput();
                    throw failure;
                } finally {
                    killWhatIsStillRunning();
                }
            }
        };
    }

    private void prepare(String name) throws IOException {
        assertTrue("the distribution is not assembled at " + HOME.toAbsolutePath() + " (run the package phase first)",
                Files.isExecutable(HOME.resolve("bin/onem2m-tef")));
        testName = name;
        Files.createDirectories(WORK);
        Files.createDirectories(LOGS);
        String own = label.isEmpty() ? name : name + "-" + label;
        work = Files.createTempDirectory(WORK, own + "-");
        dataDir = work.resolve("data");
        cacheDir = work.resolve("felix-cache");
        log = LOGS.resolve(own + ".log");
        Files.deleteIfExists(log);
        port = Failures.freePort();
        mafPort = Failures.freePort();
        mefPort = Failures.freePort();
        estPort = Failures.freePort();
        http = new CseHttp(port);
    }

    /** The HTTP port of the resource tree (127.0.0.1). */
    public int port() { return port; }

    /** The TLS port of the MAF (127.0.0.1). */
    public int mafPort() { return mafPort; }

    /** The TLS port of the MEF (127.0.0.1). */
    public int mefPort() { return mefPort; }

    /** The oneM2M HTTP binding of this distribution. */
    public CseHttp http() { return http; }

    /** The child's output so far (every launch of this test). */
    public String output() throws IOException { return LogFiles.text(log); }

    /**
     * Waits (at most 60 s) for a match of {@code pattern} in the output after its first {@code from} characters; a line
     * the process writes after answering a request may come later than the answer, so a test polls for it.
     */
    public java.util.regex.Matcher awaitOutput(java.util.regex.Pattern pattern, int from) throws Exception {
        try {
            return LogFiles.await(log, pattern, from, Duration.ofSeconds(60));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; output:\n" + output());
        }
    }

    /** When the last launch's start command was issued. */
    public Instant launchedAt() { return launchedAt; }

    /** How many launches this test made. */
    public int launches() { return launched.size(); }

    public String testName() { return testName; }

    /** Launches and waits until the resource tree answers its CSEBase with 200; prints the time that took. */
    public Process start() throws IOException, InterruptedException {
        Process p = launch();
        awaitCseBase(p);
        System.out.println(testName + ": launch " + launched.size() + " answered 200 after "
                + Duration.between(launchedAt, Instant.now()).toMillis() + " ms");
        return p;
    }

    /** Runs bin/onem2m-tef on this test's ports and data directory and returns at once. */
    public Process launch() throws IOException {
        Files.writeString(log, "==== launch " + (launched.size() + 1) + " at " + Instant.now() + " on port " + port
                        + ", MAF port " + mafPort + ", MEF port " + mefPort + ", EST port " + estPort + " ====\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(HOME.resolve("bin/onem2m-tef").toAbsolutePath().toString());
        pb.environment().put("ONEM2M_HTTP_PORT", Integer.toString(port));
        // Every test on its own MAF port: the default 8443 may be taken, or be another test's distribution.
        pb.environment().put("ONEM2M_MAF_PORT", Integer.toString(mafPort));
        pb.environment().put("ONEM2M_MEF_PORT", Integer.toString(mefPort));
        pb.environment().put("ONEM2M_EST_PORT", Integer.toString(estPort));
        pb.environment().put("ONEM2M_DATA", dataDir.toAbsolutePath().toString());
        pb.environment().remove("ONEM2M_CONSOLE"); // "auto": no console, because stdin is not a terminal
        // Own bundle cache, so a distribution started by hand from the same directory is not disturbed.
        pb.environment().put("JAVA_OPTS", "-Xmx128m -Dorg.osgi.framework.storage=" + cacheDir.toAbsolutePath()
                + (etc == null ? "" : " -Dfelix.fileinstall.dir=" + etc.toAbsolutePath()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        launchedAt = Instant.now();
        Process p = pb.start();
        launched.add(p);
        return p;
    }

    /** SIGKILL: no shutdown hook, no store close. Asserts that the JVM died of it. */
    public void killMinus9(Process p) throws InterruptedException {
        p.destroyForcibly();
        assertTrue("the distribution did not die of SIGKILL", p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertEquals("exit code of a JVM killed by SIGKILL", 128 + 9, p.exitValue());
    }

    /** SIGTERM to the JVM (the launcher script exec's java); asserts that it stops in time and prints how long it took. */
    public void stop(Process p) throws InterruptedException {
        Instant stopAt = Instant.now();
        p.destroy();
        assertTrue("the distribution did not stop within " + STOP_TIMEOUT + " of SIGTERM", p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        System.out.println("graceful stop took " + Duration.between(stopAt, Instant.now()).toMillis() + " ms, exit code " + p.exitValue());
    }

    /** Jetty listens before the servlet is registered (TOOLCHAIN pitfall 15): wait for 200, not for a connection. */
    private void awaitCseBase(Process p) throws InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) fail("bin/onem2m-tef exited with " + p.exitValue() + " before it answered; last: " + last);
            try {
                HttpResponse<String> r = http.get(http.cseBase());
                if (r.statusCode() == 200 && r.body().contains("\"m2m:cb\"")) return;
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        fail("no 200 with m2m:cb from " + http.cseBase() + " within " + STARTUP_TIMEOUT + "; last: " + last);
    }

    private void printOutput() {
        try {
            System.err.println("---- output of bin/onem2m-tef" + (label.isEmpty() ? "" : " (" + label + ")") + " (" + log + ") ----");
            System.err.println(output());
            System.err.println("---- end of output ----");
        } catch (IOException | RuntimeException io) {
            System.err.println("cannot print " + log + ": " + io);
        }
    }

    private void killWhatIsStillRunning() throws InterruptedException {
        for (Process p : launched) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    /** One step a test retries until it succeeds. */
    public interface Attempt<T> { T run() throws Exception; }

    /**
     * Retries {@code attempt} (every 50 ms, at most 30 s) until it succeeds: the MAF and MEF start after the resource
     * tree answers, and until then a handshake fails, which changes nothing.
     */
    public static <T> T await(Process p, String what, Attempt<T> attempt) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Throwable last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) throw new AssertionError("bin/onem2m-tef exited before " + what + " succeeded; last: " + last, last);
            try {
                return attempt.run();
            } catch (java.io.IOException | AssertionError e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + " did not succeed within 30 s; last: " + last, last);
    }
}
