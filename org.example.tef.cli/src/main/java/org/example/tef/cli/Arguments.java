package org.example.tef.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A command's arguments, read in order. Every failure is an IllegalArgumentException that names the command and the
 * argument, which the tool reports as bad usage (exit status 2) before anything is sent.
 */
public final class Arguments {
    /** The word for "leave this unchanged" in the optional arguments of the update commands. */
    public static final String UNCHANGED = "-";

    private final String command;
    private final Deque<String> remaining;

    Arguments(String command, List<String> arguments) {
        this.command = command;
        this.remaining = new ArrayDeque<>(arguments);
    }

    public boolean hasMore() { return !remaining.isEmpty(); }

    public String take(String name) {
        if (remaining.isEmpty()) throw new IllegalArgumentException(command + ": " + name + " is missing");
        return remaining.pop();
    }

    public int integer(String name) { return integer(name, take(name)); }

    /** The optional LIFETIME_SECONDS argument as an expiration time, {@code otherwise} from now without it; the function may shorten it. */
    public Instant expiration(Duration otherwise) {
        Duration lifetime = remaining.isEmpty() ? otherwise : lifetime(take("LIFETIME_SECONDS"));
        return Instant.now().plus(lifetime);
    }

    /** An optional LIFETIME_SECONDS that {@value #UNCHANGED} leaves out: the expiration time, or null. */
    public Instant expirationOrUnchanged() {
        if (remaining.isEmpty()) return null;
        String text = take("LIFETIME_SECONDS");
        return UNCHANGED.equals(text) ? null : Instant.now().plus(lifetime(text));
    }

    /** An optional comma-separated list, {@code otherwise} without it. */
    public List<String> list(String name, List<String> otherwise) {
        return remaining.isEmpty() ? otherwise : split(take(name));
    }

    /** An optional comma-separated list that {@value #UNCHANGED} leaves out: the list, or null. */
    public List<String> listOrUnchanged(String name) {
        if (remaining.isEmpty()) return null;
        String text = take(name);
        return UNCHANGED.equals(text) ? null : split(text);
    }

    private Duration lifetime(String text) {
        int seconds = integer("LIFETIME_SECONDS", text);
        if (seconds <= 0) throw new IllegalArgumentException(command + ": LIFETIME_SECONDS must be positive, not " + seconds);
        return Duration.ofSeconds(seconds);
    }

    private int integer(String name, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(command + ": " + name + " must be a whole number, not '" + text + "'");
        }
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split(",")).filter(s -> !s.isEmpty()).toList();
    }
}
