package org.example.onem2m.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A MAF in a child JVM ({@link MafServerMain}), seen from the load generator; also a MEF ({@link MefServerMain}), which
 * speaks the same protocol on its standard input and output.
 */
public final class MafProcess implements AutoCloseable {
    public final int port;
    public final long startMillis;
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path logFile;

    private MafProcess(int port, Process process, Path logFile) throws IOException, InterruptedException {
        this.port = port;
        this.process = process;
        this.logFile = logFile;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) lines.add(line);
            } catch (IOException e) {
                // the child died; what it printed is in the queue
            }
            lines.add("EXIT");
        }, "maf-stdout-" + port);
        reader.setDaemon(true);
        reader.start();
        String ready = await("READY", 120);
        this.startMillis = Long.parseLong(ready.replaceAll(".*startMillis=(\\d+).*", "$1"));
    }

    /**
     * Starts a MAF on a free port.
     *
     * @param jvmOptions e.g. -Xmx1g
     * @param dataDirectory its durable store's directory, or null for the in-memory store
     * @param logLevel the MAF's slf4j-simple level (the distribution logs at INFO)
     */
    public static MafProcess start(List<String> jvmOptions, Path dataDirectory, int clients, Path logFile, String logLevel)
            throws IOException, InterruptedException {
        return start(MafServerMain.class, List.of(), jvmOptions, dataDirectory, clients, logFile, logLevel);
    }

    /**
     * Starts {@code main} ({@link MafServerMain} or {@link MefServerMain}) on a free port with arguments port, data
     * directory, clients, maxConnections and then {@code more}.
     */
    public static MafProcess start(Class<?> main, List<String> more, List<String> jvmOptions, Path dataDirectory, int clients,
                                   Path logFile, String logLevel) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=" + logLevel);
        command.add("-Dorg.slf4j.simpleLogger.logFile=" + logFile.toAbsolutePath());
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.add(String.valueOf(port));
        command.add(dataDirectory == null ? "-" : dataDirectory.toAbsolutePath().toString());
        command.add(String.valueOf(clients));
        command.add("256"); // the MAF's (and MEF's) default maxConnections
        command.addAll(more);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(logFile.resolveSibling(logFile.getFileName() + ".err").toFile()))
                .start();
        try {
            return new MafProcess(port, process, logFile);
        } catch (IOException | RuntimeException | InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    public long pid() { return process.pid(); }

    /** Heap after a full GC in the MAF process: {used, committed, max, peakUsed} in bytes. */
    public long[] heap() throws IOException, InterruptedException {
        send("heap");
        String line = await("HEAP", 60);
        long[] v = new long[4];
        String[] names = {"used", "committed", "max", "peakUsed"};
        for (int i = 0; i < 4; i++) v[i] = Long.parseLong(line.replaceAll(".*\\b" + names[i] + "=(\\d+).*", "$1"));
        return v;
    }

    /** kill -9: SIGKILL, no shutdown hook, no close (Process.destroyForcibly is SIGKILL on Linux). */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("the MAF process did not die");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (!process.isAlive()) return;
        try {
            send("stop");
            await("STOPPED", 60);
        } catch (IOException | IllegalStateException e) {
            // fall through to the kill
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    private void send(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
    }

    private String await(String prefix, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (;;) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) throw new IllegalStateException("the MAF process did not print " + prefix + " within " + seconds + " s; see " + logFile);
            if (line.startsWith(prefix)) return line;
            if (line.equals("EXIT")) throw new IllegalStateException("the MAF process ended before it printed " + prefix + "; see " + logFile + ".err");
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
