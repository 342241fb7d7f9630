package org.example.onem2m.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code openssl s_client} as a MAF or MEF Client would run it by hand: bytes in on stdin, everything it prints
 * collected. Other openssl commands run the same way ({@link #exitValue()}).
 */
public final class SClient implements AutoCloseable {
    private final Process process;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final Path stderr;
    private final Thread reader;

    private SClient(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        InputStream in = process.getInputStream();
        reader = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (stdout) {
                        stdout.write(buffer, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // the process went away
            }
        }, "s_client-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the command, writes {@code input} to its stdin and closes stdin, as {@code printf ... | openssl s_client} does. */
    public static SClient run(List<String> command, byte[] input) throws IOException {
        Path stderr = Files.createTempFile("s_client", ".stderr");
        SClient client = new SClient(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr);
        try (OutputStream stdin = client.process.getOutputStream()) {
            stdin.write(input);
        }
        return client;
    }

    /**
     * Starts the command and writes {@code input} to its stdin, which stays open (s_client with -quiet or -ign_eof
     * then keeps the session until the server closes it, or until {@link #close}). Input that cannot be written because
     * the process ended first (a handshake the server refused) is no failure: what the process did is what counts.
     */
    public static SClient start(List<String> command, byte[] input) throws IOException {
        Path stderr = Files.createTempFile("s_client", ".stderr");
        SClient client = new SClient(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr);
        try {
            OutputStream stdin = client.process.getOutputStream();
            stdin.write(input);
            stdin.flush();
        } catch (IOException endedAlready) {
            // "Stream closed" seen in CI when s_client had already given up
        }
        return client;
    }

    /**
     * Whether the process ended within {@code seconds} and all it printed on stdout has been read: the process
     * ending says nothing of the reader thread, which may not have read its last output yet (CI once saw an empty
     * stdout right after the exit).
     */
    public boolean awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) return false;
        reader.join(5_000);
        return !reader.isAlive();
    }

    /** Whether stdout contains {@code expected} within {@code millis}, the process still running or not. */
    public boolean awaitStdout(String expected, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!stdout().contains(expected)) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(20);
        }
        return true;
    }

    /** Waits for s_client to end (the MAF closes the session after Connection: close) and returns what it printed. */
    public String stdoutAfterExit(long seconds) throws InterruptedException {
        if (!awaitExit(seconds)) throw new AssertionError("s_client did not end within " + seconds + " s (or its stdout was not read "
                + "to the end); stdout: " + stdout() + "; stderr: " + stderr());
        return stdout();
    }

    /** The exit status, once {@link #stdoutAfterExit} returned; for openssl commands other than s_client (req, pkcs7, verify). */
    public int exitValue() {
        return process.exitValue();
    }

    public String stdout() {
        synchronized (stdout) {
            return stdout.toString(StandardCharsets.UTF_8);
        }
    }

    public String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        Files.deleteIfExists(stderr);
    }

    public static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
