package org.example.onem2m.bench.tree;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.example.onem2m.bench.Log;
import org.example.onem2m.bench.MafProcess;
import org.example.onem2m.bench.Preload;

/**
 * A copy of the assembled distribution ({@code distribution/target/onem2m-tef}, never modified) with the floor
 * bundle added to its bundle/ folder, started as a user starts it ({@code bin/onem2m-tef}) on free ports with its
 * own data directory, and stopped with SIGTERM.
 */
final class LocalDistribution implements AutoCloseable {
    final String name;
    final URI cse;
    final URI floor;
    /** The TLS port of the distribution's MEF on 127.0.0.1 (ONEM2M_MEF_PORT), e.g. for a MEFClientRegCfg's hprt. */
    final int mefPort;
    private final Process process;

    private LocalDistribution(String name, Path home, int httpPort, int mefPort, Process process) {
        this.name = name;
        this.process = process;
        this.mefPort = mefPort;
        this.cse = URI.create("http://127.0.0.1:" + httpPort + "/~/in-cse/in-name");
        this.floor = URI.create("http://127.0.0.1:" + httpPort + "/floor");
    }

    long pid() { return process.pid(); }

    /** Copies {@code shipped} (with {@code floorBundle} added) to {@code dir}/onem2m-tef and starts it; waits until it serves. */
    static LocalDistribution start(String name, Path shipped, Path floorBundle, Path dir, String javaOpts, Log log) throws IOException, InterruptedException {
        return start(name, shipped, floorBundle, dir, javaOpts, home -> { }, log);
    }

    /** Something done to the copy (its home) before it starts, e.g. a line added to one of its etc/ files. */
    interface Customizer {
        void apply(Path home) throws IOException;
    }

    /** As {@link #start(String, Path, Path, Path, String, Log)}, with {@code customize} applied to the copy before it starts. */
    static LocalDistribution start(String name, Path shipped, Path floorBundle, Path dir, String javaOpts, Customizer customize, Log log)
            throws IOException, InterruptedException {
        Path command = shipped.resolve("bin/onem2m-tef");
        if (!Files.isExecutable(command)) {
            throw new IllegalStateException(command + " is not there; build it with mvn -B -o -DskipTests package -pl benchmarks,distribution -am"
                    + " (benchmarks/run does)");
        }
        if (!Files.isRegularFile(floorBundle)) throw new IllegalStateException("no floor bundle at " + floorBundle + " (module benchmarks-floor; benchmarks/run builds it)");
        // a fresh copy and an empty data directory every time (a run with the same --out starts from nothing)
        Preload.deleteTree(dir.resolve("data"));
        Preload.deleteTree(dir.resolve("onem2m-tef"));
        Path home = dir.resolve("onem2m-tef");
        copy(shipped, home);
        Files.copy(floorBundle, home.resolve("bundle").resolve(floorBundle.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        customize.apply(home);
        int http = MafProcess.freePort();
        int mef = MafProcess.freePort();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/onem2m-tef").toString());
        pb.environment().put("ONEM2M_HTTP_PORT", Integer.toString(http));
        pb.environment().put("ONEM2M_MAF_PORT", Integer.toString(MafProcess.freePort()));
        pb.environment().put("ONEM2M_MEF_PORT", Integer.toString(mef));
        pb.environment().put("ONEM2M_EST_PORT", Integer.toString(MafProcess.freePort()));
        pb.environment().put("ONEM2M_DATA", dir.resolve("data").toString());
        pb.environment().put("ONEM2M_CONSOLE", "off");
        pb.environment().put("JAVA_OPTS", javaOpts);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("distribution.log").toFile()));
        LocalDistribution d = new LocalDistribution(name, home, http, mef, pb.start());
        long t0 = System.nanoTime();
        d.awaitServing(Duration.ofSeconds(90));
        log.line("distribution %s: pid %d, JAVA_OPTS \"%s\", %s (floor %s), data %s; serving %.1f s after its start",
                name, d.pid(), javaOpts, d.cse, d.floor, dir.resolve("data"), (System.nanoTime() - t0) / 1e9);
        return d;
    }

    /** Polls until GET /floor answers 200 and the CSEBase 2000 (the resource tree's component is up). */
    private void awaitServing(Duration max) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        String last = "nothing yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see its distribution.log");
            try (Http1 h = new Http1(cse)) {
                Http1.Answer f = h.exchange("GET", floor.getRawPath(), null, null, null, null);
                if (f.status == 200) {
                    Http1.Answer a = h.exchange("GET", cse.getRawPath(), null, null, "CAdmin", "ready");
                    if (a.rsc == 2000) return;
                    last = a.toString();
                } else {
                    last = "floor: " + f;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " did not serve within " + max + "; last: " + last);
    }

    /**
     * The heap in use after a full GC ({@code jcmd <pid> GC.run}, then {@code GC.heap_info}), in bytes, with the
     * lines jcmd printed; the JDK's own tools, no JMX agent in the product.
     */
    List<String> heapAfterGc() throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        out.addAll(jcmd("GC.run"));
        out.addAll(jcmd("GC.heap_info"));
        return out;
    }

    private List<String> jcmd(String what) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String command = Files.isExecutable(java) ? java.toString() : "jcmd";
        Process p = new ProcessBuilder(command, Long.toString(pid()), what).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        return List.of(text.split("\n"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (p.getFileName() != null && p.getFileName().toString().equals("felix-cache") && Files.isDirectory(p)) continue;
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else if (!p.toString().contains("/felix-cache/")) Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
