package org.example.onem2m.bench.tree;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

import org.HdrHistogram.Histogram;
import org.example.onem2m.bench.Load;
import org.example.onem2m.bench.tree.TreeWorkload.Action;
import org.example.onem2m.bench.tree.TreeWorkload.Client;
import org.example.onem2m.bench.tree.TreeWorkload.Op;
import org.example.onem2m.bench.tree.TreeWorkload.Population;

/**
 * How the tree load client drives a CSE: measured windows of one action through the benchmarks' closed loop
 * ({@link Load#run}), each thread with its own keep-alive {@link Client}; and the untimed preloads.
 */
public final class TreeLoad {
    private TreeLoad() {}

    /** What one measured window gave. */
    public static final class Result {
        public final long calls;
        public final long errors;
        /** DELETEs that found nothing left to delete and created something first, untimed (warm-up included). */
        public final long refills;
        public final double seconds;
        public final double rate;
        public final Histogram latency;
        public final String firstError;
        /** This load client's own CPU over the window, as a share of the whole machine (all cores), 0..1. */
        public final double clientCpu;
        /** The machine's CPU use (all cores, /proc/stat), and the share of it by processes not this one nor its children. */
        public final double machineBusy;
        public final double others;

        Result(Load.Result r, long refills) {
            this.calls = r.calls;
            this.errors = r.errors;
            this.refills = refills;
            this.seconds = r.seconds;
            this.rate = r.perSecond();
            this.latency = r.latencyNanos;
            this.firstError = r.firstError;
            this.clientCpu = r.clientCpu;
            this.machineBusy = r.cpuBusy;
            this.others = r.cpuOthers;
        }

        public double millis(double percentile) { return latency.getValueAtPercentile(percentile) / 1e6; }

        @Override
        public String toString() {
            return String.format("%,.0f/s (%,d calls in %.2f s, %d errors%s), p50 %.2f ms, p99 %.2f ms, max %.2f ms; CPU: this client %.0f%% of the machine, machine %.0f%% busy, other jobs %.0f%%",
                    rate, calls, seconds, errors, refills == 0 ? "" : ", " + refills + " untimed refills", millis(50), millis(99),
                    latency.getMaxValue() / 1e6, 100 * clientCpu, 100 * machineBusy, 100 * others)
                    + (firstError == null ? "" : "; first error: " + firstError);
        }
    }

    /** An answer other than the action's expected one: counted as an error by the loop. */
    static final class UnexpectedAnswer extends IOException {
        UnexpectedAnswer(Action action, Http1.Answer answer) { super(action + ": " + answer); }
    }

    /**
     * A closed loop: {@code threads} threads, each with its own keep-alive connection (opened before the warm-up),
     * sending the action again as soon as its answer arrived; warm-up, then a measured window. The rate is the
     * calls answered with the expected status in the window over the window's length (minus, per thread, the time a
     * DELETE spent creating something to delete when nothing created was left).
     */
    public static Result run(Population pop, Action action, int threads, double warmupSeconds, double seconds) throws InterruptedException {
        boolean floor = action.op == Op.FLOOR || action.op == Op.POST_FLOOR || action.op == Op.SYNCED_FLOOR;
        URI server = floor ? pop.floor : pop.cse;
        List<Client> clients = new CopyOnWriteArrayList<>();
        Load.Result r = Load.run(threads, t -> {
            Client c = new Client(pop, t, server);
            clients.add(c);
            return new Load.Worker() {
                @Override public void call() throws IOException {
                    Http1.Answer a = c.call(action);
                    int got = floor ? a.status : a.rsc;
                    if (got != action.op.expected) throw new UnexpectedAnswer(action, a);
                }

                @Override public long untimedNanos() { return c.refillNanos; }

                @Override public void close() { c.close(); }
            };
        }, warmupSeconds, seconds);
        long refills = 0;
        for (Client c : clients) refills += c.refills;
        return new Result(r, refills);
    }

    /**
     * Runs {@code body} for every index in [0, count) on {@code connections} threads, each with its own keep-alive
     * connection; {@code progress} hears the count done every 10 s. Returns the number of failures (the first is in
     * {@code firstError}).
     */
    interface Indexed {
        Http1.Answer call(Client c, long index) throws IOException;
    }

    static long parallel(Population pop, long count, int connections, int expected, Indexed body, AtomicReference<String> firstError,
                         LongConsumer progress) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < Math.min(connections, Math.max(1, count)); t++) {
            final int id = t;
            Thread thread = new Thread(() -> {
                try (Client c = new Client(pop, 10_000 + id, pop.cse)) {
                    for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        try {
                            Http1.Answer a = body.call(c, i);
                            if (a.rsc != expected) {
                                failed.incrementAndGet();
                                firstError.compareAndSet(null, "#" + i + ": " + a);
                            }
                        } catch (IOException | RuntimeException e) {
                            failed.incrementAndGet();
                            firstError.compareAndSet(null, "#" + i + ": " + e);
                            c.http.close();
                        }
                        done.incrementAndGet();
                    }
                }
            }, "tree-preload-" + t);
            thread.setDaemon(true);
            all.add(thread);
            thread.start();
        }
        for (Thread thread : all) {
            while (thread.isAlive()) {
                thread.join(10_000);
                if (thread.isAlive()) progress.accept(done.get());
            }
        }
        return failed.get();
    }

}
