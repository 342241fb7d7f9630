package org.example.onem2m.om2m;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.example.onem2m.testsupport.Failures;
import org.example.onem2m.testsupport.Folders;
import org.example.onem2m.testsupport.Om2mProcess;

/**
 * An Eclipse OM2M of ../shared/om2m with the drop-in installed as its README says: the drop-in, as built, copied into
 * OM2M's folder as om2m-dropin/, its config.ini.bundles appended to osgi.bundles and its config.ini.lines added to
 * OM2M's config.ini. Only the MAF's, MEF's and EST server's ports are changed (to free ones); OM2M's own HTTP and
 * console ports are free ones too. OM2M itself is test-support's {@link Om2mProcess}.
 */
final class Om2mWithDropIn {
    private static final Duration STARTUP = Duration.ofSeconds(60);

    final Path folder, dropIn, log;
    final int httpPort, mafPort = Failures.freePort(), mefPort = Failures.freePort(), estPort = Failures.freePort();
    private final Om2mProcess om2m;

    /** Copies the built drop-in into {@code folder}/om2m-dropin; the stores of an earlier run (tef-data) are removed. */
    Om2mWithDropIn(Path runtime, Path builtDropIn, Path folder, Path log) throws IOException {
        this.om2m = new Om2mProcess(runtime, folder, log, Failures.freePort(), Failures.freePort());
        this.httpPort = om2m.httpPort;
        this.folder = folder;
        this.dropIn = folder.resolve("om2m-dropin");
        this.log = log;
        Folders.delete(dropIn);
        Folders.delete(folder.resolve("tef-data"));
        Files.deleteIfExists(log); // each launch appends to it: a restart's output follows the first
        Folders.copy(builtDropIn, dropIn);
    }

    /** The drop-in's etc/ in OM2M's folder, as FileInstall reads it. */
    Path etc() {
        return dropIn.resolve("etc");
    }

    /** Writes OM2M's config.ini with the drop-in's lines, starts OM2M and waits for its CSEBase. */
    void launch() throws Exception {
        om2m.launch(this::addDropInLines, STARTUP);
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

    /** By its process id, then forcibly; and any child it left. */
    void stop() {
        om2m.stop();
    }

    String console(String command) throws IOException {
        return EquinoxConsole.run(om2m.consolePort, command);
    }

    HttpResponse<String> get(String path, String originator) throws IOException, InterruptedException {
        return om2m.get(path, originator);
    }

    HttpResponse<String> post(String path, int ty, String body, String originator) throws IOException, InterruptedException {
        return om2m.post(path, ty, body, originator);
    }

    /**
     * Waits (at most 40 s) until {@code path} answers {@code status} to OM2M's admin; asserts that it did, and returns the
     * answer. OM2M not listening yet is waited for, OM2M gone fails at once; a failure shows Equinox's log.
     */
    HttpResponse<String> awaitStatus(String path, int status) throws Exception {
        return om2m.awaitStatus(path, status, "admin:admin", Duration.ofSeconds(40), this::equinoxLogForFailure);
    }

    /** The authenticationProfile's symmKeyID once the device side wrote it, through OM2M (at most 30 s). */
    String awaitSymmKeyId(String path, String originator) throws Exception {
        return om2m.awaitSymmKeyId(path, originator, this::equinoxLogForFailure);
    }

    private String equinoxLogForFailure() {
        try {
            return "; Equinox's log: " + equinoxLog();
        } catch (IOException e) {
            return "; Equinox's log unreadable: " + e;
        }
    }

    List<Path> bundles() throws IOException {
        try (Stream<Path> jars = Files.list(dropIn.resolve("bundle"))) {
            return jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
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
