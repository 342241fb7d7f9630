package org.example.onem2m.om2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.example.onem2m.testsupport.Failures;

/**
 * An Eclipse OM2M of ../shared/om2m with the drop-in installed as its README says: the drop-in, as built, copied into
 * OM2M's folder as om2m-dropin/, its config.ini.bundles appended to osgi.bundles and its config.ini.lines added to
 * OM2M's config.ini. Only the MAF's, MEF's and EST server's ports are changed (to free ones); OM2M's own HTTP and
 * console ports are free ones too. om2m-runtime writes config.ini ({@code --prepare-only}); the JVM it prints is then
 * started as a child process of its own, so its process id is OM2M's.
 */
final class Om2mWithDropIn {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Path runtime, folder, dropIn, log;
    final int httpPort = Failures.freePort(), consolePort = Failures.freePort(), mafPort = Failures.freePort(), mefPort = Failures.freePort(),
            estPort = Failures.freePort();
    private Process process;
    private long started;

    /** Copies the built drop-in into {@code folder}/om2m-dropin; the stores of an earlier run (tef-data) are removed. */
    Om2mWithDropIn(Path runtime, Path builtDropIn, Path folder, Path log) throws IOException {
        this.runtime = runtime;
        this.folder = folder;
        this.dropIn = folder.resolve("om2m-dropin");
        this.log = log;
        deleteTree(dropIn);
        deleteTree(folder.resolve("tef-data"));
        Files.deleteIfExists(log); // each launch appends to it: a restart's output follows the first
        try (Stream<Path> all = Files.walk(builtDropIn)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path to = dropIn.resolve(builtDropIn.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
    }

    /** The drop-in's etc/ in OM2M's folder, as FileInstall reads it. */
    Path etc() {
        return dropIn.resolve("etc");
    }

    /** Writes OM2M's config.ini with the drop-in's lines, starts OM2M and waits for its CSEBase. */
    void launch() throws Exception {
        ProcessBuilder prepare = new ProcessBuilder("bash", runtime.toString(), folder.toString(), "--prepare-only");
        ports(prepare);
        prepare.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = prepare.start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals("om2m-runtime --prepare-only failed; see " + log, 0, p.waitFor());
        String command = printed.substring(printed.lastIndexOf('\n') + 1);
        addDropInLines(folder.resolve("configuration/config.ini"));

        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "cd \"$0\" && exec " + command, folder.toString());
        ports(pb);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        started = System.nanoTime();
        process = pb.start();
        System.out.println("OM2M pid " + process.pid() + ", HTTP " + httpPort + ", console " + consolePort + ", log " + log);
        awaitStatus("/~/in-cse", 200, STARTUP);
        System.out.printf("OM2M answered /~/in-cse after %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private void ports(ProcessBuilder pb) {
        pb.environment().put("OM2M_HTTP_PORT", String.valueOf(httpPort));
        pb.environment().put("OM2M_CONSOLE_PORT", String.valueOf(consolePort));
    }

    /** The README's two steps on config.ini; the TLS ports of config.ini.lines replaced by this run's. */
    private void addDropInLines(Path configIni) throws IOException {
        String bundles = Files.readString(dropIn.resolve("config.ini.bundles")).strip();
        Map<String, Integer> ports = Map.of("onem2m.maf.port", mafPort, "onem2m.mef.port", mefPort, "onem2m.est.port", estPort);
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(configIni)) lines.add(line.startsWith("osgi.bundles=") ? line + "," + bundles : line);
        for (String line : Files.readAllLines(dropIn.resolve("config.ini.lines"))) {
            String key = line.substring(0, Math.max(0, line.indexOf('=')));
            lines.add(ports.containsKey(key) ? key + "=" + ports.get(key) : line);
        }
        Files.write(configIni, lines);
    }

    /** By its process id (the JVM's: bash exec's it), then forcibly; and any child it left. */
    synchronized void stop() {
        if (process == null) return;
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        process = null;
        System.out.printf("OM2M ran %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    String console(String command) throws IOException {
        return EquinoxConsole.run(consolePort, command);
    }

    HttpRequest.Builder request(String path, String originator) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(10))
                .header("X-M2M-Origin", originator).header("X-M2M-RI", "it-" + System.nanoTime()).header("Accept", "application/json");
    }

    HttpResponse<String> get(String path, String originator) throws IOException, InterruptedException {
        return HTTP.send(request(path, originator).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, int ty, String body, String originator) throws IOException, InterruptedException {
        return HTTP.send(request(path, originator).header("Content-Type", "application/json;ty=" + ty)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (at most 40 s) until {@code path} answers {@code status} to OM2M's admin; asserts that it did, and returns the answer. */
    HttpResponse<String> awaitStatus(String path, int status) throws Exception {
        return awaitStatus(path, status, Duration.ofSeconds(40));
    }

    /** The same, waiting at most {@code max}; OM2M not listening yet is waited for, OM2M gone fails at once. */
    private HttpResponse<String> awaitStatus(String path, int status, Duration max) throws Exception {
        HttpResponse<String> r = null;
        long deadline = System.nanoTime() + max.toNanos();
        do {
            if (!process.isAlive()) fail("OM2M exited with " + process.exitValue() + "; see " + log);
            try {
                r = get(path, "admin:admin");
                if (r.statusCode() == status) return r;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        } while (System.nanoTime() < deadline);
        fail(path + " answered " + (r == null ? "nothing" : r.statusCode() + ", not " + status + ": " + r.body()) + " within " + max.toSeconds()
                + " s; see " + log + "; Equinox's log: " + equinoxLog());
        return r;
    }

    List<Path> bundles() throws IOException {
        try (Stream<Path> jars = Files.list(dropIn.resolve("bundle"))) {
            return jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }


    /**
     * What Equinox wrote to its own log (configuration/*.log): where Felix SCR reports a component it could not activate
     * (such as a circular reference), which OM2M's console output does not show. "none" when there is no such file.
     */
    String equinoxLog() throws IOException {
        Path configuration = folder.resolve("configuration");
        if (!Files.isDirectory(configuration)) return "none";
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(configuration)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                text.append(f).append(":\n").append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return text.length() == 0 ? "none" : text.toString();
    }
}
