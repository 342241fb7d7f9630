package org.example.tef.core;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

import org.slf4j.Logger;

/**
 * The background removal of expired records of a MAF or MEF. Expired records are refused from the moment they expire
 * (the procedures check); this only frees their space. A failed run is logged and the next one runs as planned.
 */
public final class PurgeSchedule implements AutoCloseable {
    private static final long STOP_WAIT_SECONDS = 10;

    private final ScheduledExecutorService executor;
    private final Logger log;
    private final String what;

    /**
     * @param threadName e.g. "maf-purge"
     * @param what how the log names what is purged, e.g. "registration(s)"
     * @param purge removes what has expired at the instant it is given and returns how many
     */
    public PurgeSchedule(String threadName, long intervalSeconds, Logger log, String what, Clock clock, ToIntFunction<java.time.Instant> purge) {
        this.log = log;
        this.what = what;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        long interval = Math.max(1, intervalSeconds);
        executor.scheduleWithFixedDelay(() -> run(purge, clock), interval, interval, TimeUnit.SECONDS);
    }

    private void run(ToIntFunction<java.time.Instant> purge, Clock clock) {
        try {
            int removed = purge.applyAsInt(clock.instant());
            if (removed > 0) log.info("purged {} expired {}", removed, what);
        } catch (RuntimeException e) {
            log.error("purging expired {} failed; it runs again at the next interval", what, e);
        }
    }

    /** Stops, waiting for a run in progress, so that none touches a store after this returns. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) log.warn("the purge of expired {} did not stop within {} s", what, STOP_WAIT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
