package org.example.onem2m.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * An Eclipse OM2M IN-CSE of ../shared/om2m for the integration tests of issue 14 (the drop-in inside OM2M, and the
 * stand-alone distribution registered with OM2M): om2m-runtime writes config.ini ({@code --prepare-only}), the test
 * may edit it, and the JVM the script prints is then started as a child process of its own ({@code exec}, so its
 * process id is OM2M's), on the given ports, its output appended to {@code log}; plain HTTP requests to its endpoint.
 * om2m-runtime empties OM2M's own directories at each launch: a restart is a fresh OM2M on the same ports.
 */
public final class Om2mProcess {
    /** What a test changes in OM2M's config.ini before OM2M starts (e.g. the drop-in's bundles). */
    @FunctionalInterface
    public interface ConfigIniEdit {
        void edit(Path configIni) throws IOException;
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicLong REQUESTS = new AtomicLong();

    public final Path folder, log;
    public final int httpPort, consolePort;
    private final Path runtime;
    private Process process;
    private long started;

    /** @param consolePort the Equinox console's port, 0 for none */
    public Om2mProcess(Path runtime, Path folder, Path log, int httpPort, int consolePort) {
        this.runtime = runtime;
        this.folder = folder;
        this.log = log;
        this.httpPort = httpPort;
        this.consolePort = consolePort;
    }

    /** Prepares OM2M's folder, lets {@code edit} change its config.ini, starts OM2M and waits (at most {@code startup}) for its CSEBase. */
    public void launch(ConfigIniEdit edit, Duration startup) throws Exception {
        ProcessBuilder prepare = new ProcessBuilder("bash", runtime.toString(), folder.toString(), "--prepare-only");
        ports(prepare);
        prepare.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = prepare.start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) throw new AssertionError("om2m-runtime --prepare-only failed with " + p.exitValue() + "; see " + log);
        String command = printed.substring(printed.lastIndexOf('\n') + 1);
        edit.edit(folder.resolve("configuration/config.ini"));

        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "cd \"$0\" && exec " + command, folder.toString());
        ports(pb);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        started = System.nanoTime();
        process = pb.start();
        System.out.println("OM2M pid " + process.pid() + ", HTTP " + httpPort + ", console " + consolePort + ", log " + log);
        awaitStatus("/~/in-cse", 200, "admin:admin", startup, () -> "");
        System.out.printf("OM2M answered /~/in-cse after %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private void ports(ProcessBuilder pb) {
        pb.environment().put("OM2M_HTTP_PORT", String.valueOf(httpPort));
        pb.environment().put("OM2M_CONSOLE_PORT", String.valueOf(consolePort));
    }

    /** By its process id (the JVM's: bash exec's it), then forcibly; and any child it left. Nothing when not running. */
    public synchronized void stop() {
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

    /** A request to OM2M's HTTP endpoint ({@code path} from the server's root, e.g. /~/in-cse) with the oneM2M headers. */
    public HttpRequest.Builder request(String path, String originator) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(20))
                .header("X-M2M-Origin", originator).header("X-M2M-RI", "om2m-it-" + REQUESTS.incrementAndGet())
                .header("Accept", "application/json");
    }

    public HttpResponse<String> get(String path, String originator) throws IOException, InterruptedException {
        return HTTP.send(request(path, originator).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A CREATE of resource type {@code ty}. */
    public HttpResponse<String> post(String path, int ty, String body, String originator) throws IOException, InterruptedException {
        return HTTP.send(request(path, originator).header("Content-Type", "application/json;ty=" + ty)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Waits (at most {@code max}) until {@code path} answers {@code status}, and returns the answer; OM2M not listening
     * yet is waited for, OM2M gone fails at once. The failure names the last answer, the log and {@code context}'s text.
     */
    public HttpResponse<String> awaitStatus(String path, int status, String originator, Duration max, Supplier<String> context) throws Exception {
        HttpResponse<String> r = null;
        long deadline = System.nanoTime() + max.toNanos();
        do {
            if (process == null || !process.isAlive()) {
                throw new AssertionError("OM2M exited" + (process == null ? "" : " with " + process.exitValue()) + "; see " + log + context.get());
            }
            try {
                r = get(path, originator);
                if (r.statusCode() == status) return r;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " answered " + (r == null ? "nothing" : r.statusCode() + ", not " + status + ": " + r.body())
                + " within " + max.toSeconds() + " s; see " + log + context.get());
    }

    /**
     * The Key Identifier ({@code skid}) the device side writes into the authenticationProfile at {@code path} once its key
     * is registered, read through OM2M, waited for at most 30 s; the failure names OM2M's last answer and {@code context}'s text.
     */
    public String awaitSymmKeyId(String path, String originator, Supplier<String> context) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "none";
        do {
            HttpResponse<String> r = get(path, originator);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200) {
                JsonObject profile = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("dcfg:authp");
                if (profile.has("skid")) return profile.get("skid").getAsString();
            }
            Thread.sleep(300);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no symmKeyID at " + path + " through OM2M within 30 s; OM2M's last answer: " + last + context.get());
    }
}
