package org.example.onem2m.karaf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.example.onem2m.testsupport.Folders;

/**
 * One Apache Karaf instance, as an operator runs it: a copy of the unpacked distribution with the configuration the
 * product needs written into etc/, started with {@code bin/karaf server} and driven with {@code bin/client} over SSH.
 * Every port is a free loopback port, chosen at construction; Karaf reads bundles only from the local
 * Maven-layout repository the build prepared (and the local Maven repository), never from the network.
 */
final class KarafProcess implements AutoCloseable {
    static final String CSE_ID = "in-cse";
    static final String CSE_NAME = "in-name";
    /** The admin originator of etc/org.example.mgmtobj.cfg as this test writes it (the feature's default is CAdmin). */
    static final String ADMIN = "CKarafAdmin";
    private static final String EXTRA_JAVA_OPTS = System.getProperty("karaf.itest.javaOpts", "-XX:TieredStopAtLevel=1");

    final Path home;
    final int sshPort = freePort();
    final int httpPort = freePort();
    final int mafPort = freePort();
    final int mefPort = freePort();
    private final int rmiRegistryPort = freePort();
    private final int rmiServerPort = freePort();
    private final String password = UUID.randomUUID().toString();
    private Process process;

    /**
     * @param distribution the unpacked apache-karaf distribution (left as it is)
     * @param home         where this instance is laid out (replaced)
     * @param repository   the Maven-layout repository with the feature repository and every bundle it installs
     * @param localRepository the local Maven repository, read as a further repository
     */
    KarafProcess(Path distribution, Path home, Path repository, Path localRepository) throws IOException {
        this.home = home;
        Folders.delete(home);
        Folders.copy(distribution, home);
        configure(repository, localRepository);
    }

    private void configure(Path repository, Path localRepository) throws IOException {
        Path etc = home.resolve("etc");
        // pax-url-mvn: the system folder, then the build's repository, then the local Maven repository; no remote one
        write(etc.resolve("org.ops4j.pax.url.mvn.cfg"),
                "org.ops4j.pax.url.mvn.useFallbackRepositories = false",
                "org.ops4j.pax.url.mvn.defaultRepositories = \\",
                "    ${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots, \\",
                "    ${karaf.data.uri}kar@id=kar.repository@multi@snapshots, \\",
                "    " + repository.toUri() + "@id=onem2m.repository@snapshots",
                "org.ops4j.pax.url.mvn.localRepository = " + localRepository,
                "org.ops4j.pax.url.mvn.repositories =",
                "org.ops4j.pax.url.mvn.offline = true");
        // SSH (bin/client) and JMX on free loopback ports, and a user for bin/client (none is enabled by default)
        replaceLines(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort = " + sshPort, "sshHost = 127.0.0.1");
        replaceLines(etc.resolve("org.apache.karaf.management.cfg"),
                "rmiRegistryPort = " + rmiRegistryPort, "rmiServerPort = " + rmiServerPort);
        append(etc.resolve("users.properties"),
                "karaf = " + password + ",_g_:admingroup",
                "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh");
        // Pax Web (the HTTP Whiteboard the resource tree's servlet registers with) on a free loopback port
        write(etc.resolve("org.ops4j.pax.web.cfg"),
                "org.osgi.service.http.enabled = true",
                "org.osgi.service.http.port = " + httpPort,
                "org.ops4j.pax.web.listening.addresses = 127.0.0.1",
                "org.osgi.service.http.secure.enabled = false",
                "javax.servlet.context.tempdir = ${karaf.data}/pax-web/tmp");
        // The product: the resource tree (its own admin originator, so that the test sees this file win over the
        // feature's default configuration), the MAF and MEF servers on free ports, and their stores. The stores' files
        // are written here rather than left to the feature: Karaf writes a feature's <config> into etc/ during the
        // install, FileInstall then reads that new file back as an update of the same configuration, and the store is
        // re-activated while the MAF or MEF bound to it may still be activating. One CI run (2026-11-30 17:03) lost the
        // MEF that way: its first instance was never deactivated (its purge kept running on a closed registry) and kept
        // its Enrolment Key file locked, so the second could not open it. README "In Karaf" tells operators the same.
        write(etc.resolve("org.example.mgmtobj.cfg"),
                "cseId = " + CSE_ID,
                "cseName = " + CSE_NAME,
                "adminOriginators = " + ADMIN,
                "dataDirectory = ${karaf.data}/onem2m");
        write(etc.resolve("org.example.maf.server.cfg"),
                "fqdn = maf.example.com",
                "host = 127.0.0.1",
                "port = " + mafPort,
                "store.target = (name=maf)");
        write(etc.resolve("org.example.tef.store.mvstore-maf.cfg"),
                "name = maf",
                "dataDirectory = ${karaf.data}/onem2m",
                "file = maf-registry.mv.db");
        write(etc.resolve("org.example.tef.store.mvstore-mef.cfg"),
                "name = mef",
                "dataDirectory = ${karaf.data}/onem2m",
                "file = mef-registry.mv.db");
        write(etc.resolve("org.example.mef.server.cfg"),
                "fqdn = mef.example.com",
                "host = 127.0.0.1",
                "port = " + mefPort,
                "store.target = (name=mef)",
                "dataDirectory = ${karaf.data}/onem2m");
    }

    /** {@code bin/karaf server}: no local console; the remote shell (SSH) is what {@link #client} uses. */
    void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("karaf-console.out").toFile());
        environment(builder);
        process = builder.start();
        // should this JVM end without close() (the build interrupted), Karaf must not outlive it
        ProcessHandle karaf = process.toHandle();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            karaf.descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
        }, "stop Karaf"));
    }

    /** The result of one {@code bin/client} run: its exit status and everything it printed. */
    record ClientResult(int exitStatus, String output) {
        boolean failed() { return exitStatus != 0 || output.contains("Error executing command"); }
    }

    /**
     * Runs one shell command through {@code bin/client} (an SSH client in a JVM of its own). With {@code retries} it
     * waits for the SSH server to come up. Its standard input stays open until it ends: at end of input the client
     * closes the session, possibly before the command has run.
     */
    ClientResult client(int retries, Duration timeout, String command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(home.resolve("bin/client").toString(),
                "-a", Integer.toString(sshPort), "-h", "127.0.0.1", "-u", "karaf", "-p", password));
        if (retries > 0) args.addAll(List.of("-r", Integer.toString(retries), "-d", "1"));
        args.add(command);
        ProcessBuilder builder = new ProcessBuilder(args).directory(home.toFile()).redirectErrorStream(true);
        environment(builder);
        Process client = builder.start();
        try (OutputStream stdin = client.getOutputStream(); InputStream stdout = client.getInputStream()) {
            java.util.concurrent.atomic.AtomicReference<String> output = new java.util.concurrent.atomic.AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    output.set(new String(stdout.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    output.set("(reading the client's output failed: " + e + ")");
                }
            }, "bin/client output");
            reader.start();
            if (!client.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                client.destroyForcibly();
                throw new AssertionError("bin/client '" + command + "' did not end within " + timeout);
            }
            // the client's exit says nothing of the reader, which may not have read its last output yet
            reader.join(30_000);
            if (reader.isAlive()) throw new AssertionError("bin/client '" + command + "' ended but its output was not read to the end within 30 s");
            return new ClientResult(client.exitValue(), output.get());
        }
    }

    /** The last lines of data/log/karaf.log (and of the console output), for a failure report. */
    String logTail(int lines) {
        StringBuilder tail = new StringBuilder();
        for (Path log : List.of(home.resolve("data/log/karaf.log"), home.resolve("karaf-console.out"))) {
            tail.append("---- last ").append(lines).append(" lines of ").append(log).append('\n');
            try {
                List<String> all = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of("(none)");
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> tail.append(l).append('\n'));
            } catch (IOException | UncheckedIOException e) {
                tail.append("(unreadable: ").append(e).append(")\n");
            }
        }
        return tail.toString();
    }

    /**
     * Stops Karaf: SIGTERM to the Java process (its shutdown hook stops the framework) and to the script that
     * started it, then a forced kill of whatever is left after 30 s. Safe to call more than once.
     */
    @Override
    public void close() throws InterruptedException {
        if (process == null) return;
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .collect(Collectors.toList());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ProcessHandle p : tree) {
            long left = deadline - System.nanoTime();
            try {
                p.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
            }
        }
        process.waitFor(10, TimeUnit.SECONDS);
        process = null;
    }

    /**
     * The JVM running this test runs Karaf and bin/client; settings for Karaf's scripts from the caller's environment
     * are dropped, so that the run is the same everywhere. C1 only: both JVMs live for seconds, and on two cores the
     * C2 compiler threads compete with Karaf's start-up.
     */
    private static void environment(ProcessBuilder builder) {
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("KARAF_") || name.endsWith("JAVA_OPTS") || name.startsWith("JAVA_M"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("EXTRA_JAVA_OPTS", EXTRA_JAVA_OPTS);
    }

    static int freePort() {
        try {
            return org.example.onem2m.testsupport.Failures.freePort(); // never the same port twice in this JVM
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String... lines) throws IOException {
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    }

    private static void append(Path file, String... lines) throws IOException {
        Files.write(file, List.of(lines), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Replaces each line that sets the same key as one of {@code settings} ("key = value") by that setting. */
    private static void replaceLines(Path file, String... settings) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        for (String setting : settings) {
            String key = setting.substring(0, setting.indexOf('=')).trim();
            boolean found = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.startsWith(key) && line.substring(key.length()).trim().startsWith("=")) {
                    lines.set(i, setting);
                    found = true;
                }
            }
            if (!found) lines.add(setting);
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
