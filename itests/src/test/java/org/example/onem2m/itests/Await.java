package org.example.onem2m.itests;

import java.time.Duration;
import java.util.function.Supplier;

/** Bounded waiting: poll a condition until it holds or a deadline passes, then fail with what was last seen. */
public final class Await {
    private static final long POLL_MILLIS = 50;

    private Await() {}

    /**
     * Polls {@code probe} until it returns a non-null value and returns that value.
     *
     * @param what       what is awaited, for the failure message
     * @param lastSeen   describes the state at the deadline, for the failure message
     */
    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Supplier<String> lastSeen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) return value;
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what + "; last seen: " + lastSeen.get());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
