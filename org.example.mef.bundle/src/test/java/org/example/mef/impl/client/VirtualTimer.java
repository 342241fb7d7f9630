package org.example.mef.impl.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link CommandSchedule.Timer} in virtual time: tasks run on the test's thread when {@link #advance} reaches them,
 * and {@link #clock()} tells the same time, so that what a task reads of the clock agrees with when it ran.
 */
final class VirtualTimer implements CommandSchedule.Timer {
    final class Task implements ScheduledFuture<Object> {
        final Runnable run;
        final long due;
        boolean cancelled;
        Task(Runnable run, long due) { this.run = run; this.due = due; }
        @Override public boolean cancel(boolean b) { cancelled = true; return true; }
        @Override public boolean isCancelled() { return cancelled; }
        @Override public boolean isDone() { return cancelled; }
        @Override public Object get() { return null; }
        @Override public Object get(long t, TimeUnit u) { return null; }
        @Override public long getDelay(TimeUnit u) { return u.convert(due - now, TimeUnit.MILLISECONDS); }
        @Override public int compareTo(Delayed o) { return Long.compare(getDelay(TimeUnit.MILLISECONDS), o.getDelay(TimeUnit.MILLISECONDS)); }
    }

    /** Milliseconds since {@link #start}. */
    volatile long now;
    final List<Task> tasks = new ArrayList<>();
    private final Instant start;

    VirtualTimer() { this(Instant.EPOCH); }

    VirtualTimer(Instant start) { this.start = start; }

    @Override public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        Task t = new Task(task, now + delay.toMillis());
        tasks.add(t);
        return t;
    }

    @Override public void close() { tasks.clear(); }

    /** Moves time on by {@code d}, running what falls due, in order. */
    void advance(Duration d) {
        long until = now + d.toMillis();
        while (true) {
            Task next = tasks.stream().filter(t -> !t.cancelled && t.due <= until).min(Comparator.comparingLong(t -> t.due)).orElse(null);
            if (next == null) break;
            tasks.remove(next);
            now = next.due;
            next.run.run();
        }
        now = until;
    }

    /** The delays of the tasks waiting, from now. */
    List<Duration> waiting() {
        return tasks.stream().filter(t -> !t.cancelled).map(t -> Duration.ofMillis(t.due - now)).toList();
    }

    /** The virtual time as a clock. */
    Clock clock() {
        return new Clock() {
            @Override public ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { return this; }
            @Override public Instant instant() { return start.plusMillis(now); }
        };
    }
}
