package org.example.onem2m.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The log file of a process a test started (the distribution, OM2M): what it wrote, and waiting for a line of it. */
public final class LogFiles {
    private LogFiles() {}

    /** Everything the process wrote so far; its length is the {@code from} of a later {@link #await}. */
    public static String text(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /**
     * Waits (at most {@code max}) for a match of {@code pattern} after the first {@code from} characters of the log and
     * returns it: a line the process writes after answering a request may come later than the answer, so a test polls.
     */
    public static Matcher await(Path log, Pattern pattern, int from, Duration max) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            Matcher m = pattern.matcher(text(log));
            if (m.find(from)) return m;
            if (System.nanoTime() > deadline) throw new AssertionError("no line matching '" + pattern + "' in " + log + " within "
                    + max.toSeconds() + " s after its first " + from + " characters");
            Thread.sleep(100);
        }
    }
}
