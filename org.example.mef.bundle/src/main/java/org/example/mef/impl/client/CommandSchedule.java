package org.example.mef.impl.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.example.mef.api.MefException;
import org.slf4j.Logger;

/**
 * When a MEF Client retrieves its commands by itself (TS-0003 8.3.4.6): right after every MEF Client Registration and
 * Registration Update, and again after the retryDuration of a NO_MORE_COMMANDS answer (8.3.9.6); a successful
 * interaction with the MEF before that time cancels the pending retrieve, which is then due a retryDuration after that
 * interaction. A MEF that cannot be reached is tried again after {@link #RETRY_WITHOUT_ANSWER} at first, doubling up to
 * the last retryDuration; a registration the MEF no longer knows (4004) is left alone. One thread per client runs the
 * retrieves, so they never overlap and never wait in a caller's thread.
 */
final class CommandSchedule implements AutoCloseable {
    /** A first retry when the MEF gave no answer. */
    static final Duration RETRY_WITHOUT_ANSWER = Duration.ofSeconds(5);
    /** Until the MEF has said otherwise. */
    static final Duration DEFAULT_RETRY = Duration.ofHours(1);

    /** What a run does: {@code MefClient.processCommands} of one registration. */
    interface Run {
        Duration process(String registrationId) throws MefException;
    }

    /** Where runs are scheduled; a {@link ScheduledExecutorService} in production, virtual time in tests. */
    interface Timer extends AutoCloseable {
        ScheduledFuture<?> schedule(Runnable task, Duration delay);

        @Override
        void close();

        static Timer ofThread(String name) {
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
            return new Timer() {
                @Override public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
                    return executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                }
                @Override public void close() {
                    executor.shutdownNow(); // interrupts a run in progress: its executor stops, its command is not reported
                    try {
                        executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
        }
    }

    /** How long {@link #close()} waits for a run in progress. */
    static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Run run;
    private volatile boolean closed;
    private final Timer timer;
    private final Logger log;
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Map<String, Duration> retry = new ConcurrentHashMap<>();
    private final Map<String, Duration> backoff = new ConcurrentHashMap<>();
    /** The registrations whose waiting retrieve is a NO_MORE_COMMANDS retryDuration: only those an interaction postpones. */
    private final java.util.Set<String> waitingOutRetry = ConcurrentHashMap.newKeySet();

    CommandSchedule(Run run, Timer timer, Logger log) {
        this.run = run;
        this.timer = timer;
        this.log = log;
    }

    /** After a MEF Client Registration or Registration Update: retrieve now (8.3.4.6). */
    void registered(String registrationId) { arm(registrationId, Duration.ZERO, false); }

    /** A run (this schedule's or a caller's) ended with NO_MORE_COMMANDS: the next retrieve after its retryDuration. */
    void processed(String registrationId, Duration retryDuration) {
        retry.put(registrationId, retryDuration);
        backoff.remove(registrationId);
        arm(registrationId, retryDuration, true);
    }

    /** After a De-Registration: nothing more for that registration. */
    void deregistered(String registrationId) {
        ScheduledFuture<?> f = pending.remove(registrationId);
        if (f != null) f.cancel(false);
        retry.remove(registrationId);
        backoff.remove(registrationId);
        waitingOutRetry.remove(registrationId);
    }

    /**
     * A successful interaction with the MEF: a retryDuration running out is cancelled and starts again (8.3.4.6); a
     * retrieve due after a registration or after a failure is not put off.
     */
    void interacted() {
        for (String registrationId : waitingOutRetry) arm(registrationId, retry.getOrDefault(registrationId, DEFAULT_RETRY), true);
    }

    private synchronized void arm(String registrationId, Duration delay, boolean retryDuration) {
        if (closed) return;
        ScheduledFuture<?> before = pending.put(registrationId, timer.schedule(() -> runFor(registrationId), delay));
        if (before != null) before.cancel(false);
        if (retryDuration) waitingOutRetry.add(registrationId);
        else waitingOutRetry.remove(registrationId);
    }

    private void runFor(String registrationId) {
        try {
            processed(registrationId, run.process(registrationId));
        } catch (MefException e) {
            if (closed) return; // stopped while it ran: the next start retrieves again
            if (e.rsc() == 4004) {
                log.info("MEF Client Command Retrieve for {}: the MEF no longer knows the registration; no more retrieves for it", registrationId);
                deregistered(registrationId);
                return;
            }
            Duration wait = backoff.merge(registrationId, RETRY_WITHOUT_ANSWER, (a, b) -> a.multipliedBy(2));
            Duration cap = retry.getOrDefault(registrationId, DEFAULT_RETRY);
            if (wait.compareTo(cap) > 0) wait = cap;
            log.warn("MEF Client Command Retrieve for {} failed ({}: {}); trying again in {}", registrationId, e.rsc(), e.getMessage(), wait);
            arm(registrationId, wait, false);
        } catch (RuntimeException e) {
            log.error("MEF Client Command processing for {} failed; trying again after {}", registrationId, DEFAULT_RETRY, e);
            arm(registrationId, DEFAULT_RETRY, false);
        }
    }

    /** Whether a retrieve is waiting for this registration (tests, status). */
    boolean scheduled(String registrationId) { return pending.containsKey(registrationId); }

    /** Cancels what waits; a run in progress is interrupted and waited for (at most {@link #STOP_WAIT}). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        pending.values().forEach(f -> f.cancel(false));
        pending.clear();
        timer.close();
    }
}
