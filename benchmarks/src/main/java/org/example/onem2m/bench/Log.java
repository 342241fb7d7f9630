package org.example.onem2m.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Prints to standard output and appends the same lines to the run's results file. */
public final class Log implements AutoCloseable {
    private final PrintWriter file;

    public Log(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.file = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), true);
    }

    public synchronized void line(String format, Object... args) {
        String text = args.length == 0 ? format : String.format(format, args);
        System.out.println(text);
        System.out.flush();
        file.println(text);
    }

    @Override
    public void close() { file.close(); }
}
