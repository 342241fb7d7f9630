package org.example.onem2m.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: n threads, each with a worker of its own (for example one open TLS session), each calling
 * its operation again as soon as the previous call returned. Warm-up first, then a measured window; throughput is
 * the calls completed in the window divided by its length, latency is each call's wall time as its thread saw it.
 */
public final class Load {
    /** One thread's operation; {@link #close()} ends it. A failed call is counted, and the worker is replaced. */
    public interface Worker extends AutoCloseable {
        void call() throws Exception;

        /**
         * The time this worker has spent so far, inside its calls, on work that is not the measured operation (a
         * DELETE with nothing left to delete creates something first); it is left out of that call's latency and of
         * the thread's share of the window. Nanoseconds, cumulative.
         */
        default long untimedNanos() { return 0; }

        @Override
        default void close() throws Exception {}
    }

    @FunctionalInterface
    public interface WorkerFactory {
        Worker create(int thread) throws Exception;
    }

    /** What a run measured. Latencies in microseconds. */
    public static final class Result {
        public final long calls;
        public final long errors;
        public final double seconds;
        public final Histogram latencyNanos;
        public final String firstError;
        /** The machine's CPU use during the window (all cores, from /proc/stat), 0..1, or NaN. */
        public final double cpuBusy;
        /** The share of that time the hypervisor gave to others (steal), 0..1, or NaN. */
        public final double cpuSteal;
        /**
         * The machine's CPU used by processes other than this one and its children (the MAF processes, s_server):
         * other jobs on this shared machine, 0..1, or NaN.
         */
        public final double cpuOthers;
        /** This JVM's own CPU over the window (the load client), as a share of the whole machine, 0..1, or NaN. */
        public final double clientCpu;
        /** Calls per second: per thread, its calls over the window minus its untimed work; summed. */
        private final double rate;

        Result(long calls, long errors, double seconds, Histogram latencyNanos, String firstError, double cpuBusy, double cpuSteal,
               double cpuOthers, double clientCpu, double rate) {
            this.clientCpu = clientCpu;
            this.rate = rate;
            this.cpuBusy = cpuBusy;
            this.cpuSteal = cpuSteal;
            this.cpuOthers = cpuOthers;
            this.calls = calls;
            this.errors = errors;
            this.seconds = seconds;
            this.latencyNanos = latencyNanos;
            this.firstError = firstError;
        }

        public double perSecond() { return rate; }

        public double micros(double percentile) { return latencyNanos.getValueAtPercentile(percentile) / 1000.0; }

        @Override
        public String toString() {
            return String.format("%,.0f/s (%,d calls in %.2f s, %d errors, CPU %.0f%% busy, %.0f%% by other jobs, %.0f%% steal), latency us: p50 %.0f, p90 %.0f, p99 %.0f, p99.9 %.0f, max %.0f",
                    perSecond(), calls, seconds, errors, 100 * cpuBusy, 100 * cpuOthers, 100 * cpuSteal, micros(50), micros(90), micros(99), micros(99.9), latencyNanos.getMaxValue() / 1000.0)
                    + (firstError == null ? "" : "; first error: " + firstError);
        }
    }

    private Load() {}

    public static Result run(int threads, WorkerFactory factory, double warmupSeconds, double measureSeconds) throws InterruptedException {
        // 0: warm-up, 1: measuring, 2: stop
        AtomicLong phaseHolder = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(threads);
        Histogram[] histograms = new Histogram[threads];
        long[] counts = new long[threads];
        long[] errors = new long[threads];
        long[] untimed = new long[threads];
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int id = t;
            histograms[t] = new Histogram(60_000_000_000L, 3);
            Thread thread = new Thread(() -> {
                Worker worker = null;
                boolean counted = false;
                try {
                    while (phaseHolder.get() < 2) {
                        try {
                            if (worker == null) worker = factory.create(id);
                            if (!counted) { counted = true; ready.countDown(); }
                            boolean measuring = phaseHolder.get() == 1;
                            long u0 = worker.untimedNanos();
                            long t0 = System.nanoTime();
                            worker.call();
                            long t1 = System.nanoTime();
                            long u = worker.untimedNanos() - u0;
                            if (measuring) untimed[id] += u;
                            if (measuring && phaseHolder.get() == 1) {
                                histograms[id].recordValue(Math.min(t1 - t0 - u, 60_000_000_000L));
                                counts[id]++;
                            }
                        } catch (Exception e) {
                            if (phaseHolder.get() == 1) errors[id]++;
                            firstError.compareAndSet(null, e.toString());
                            closeQuietly(worker);
                            worker = null;
                            if (!counted) { counted = true; ready.countDown(); }
                            sleepQuietly(10);
                        }
                    }
                } finally {
                    closeQuietly(worker);
                }
            }, "load-" + t);
            thread.setDaemon(true);
            all.add(thread);
            thread.start();
        }
        ready.await();
        Thread.sleep((long) (warmupSeconds * 1000));
        CpuWindow cpu = new CpuWindow();
        long cpu0 = processCpuNanos();
        long start = System.nanoTime();
        phaseHolder.set(1);
        Thread.sleep((long) (measureSeconds * 1000));
        phaseHolder.set(2);
        long end = System.nanoTime();
        long cpu1 = processCpuNanos();
        cpu.end();
        for (Thread thread : all) thread.join(60_000);
        Histogram merged = new Histogram(60_000_000_000L, 3);
        long calls = 0;
        long failed = 0;
        double seconds = (end - start) / 1e9;
        double rate = 0;
        for (int t = 0; t < threads; t++) {
            merged.add(histograms[t]);
            calls += counts[t];
            failed += errors[t];
            double own = seconds - untimed[t] / 1e9;
            rate += own > 0 ? counts[t] / own : 0;
        }
        double clientCpu = cpu0 < 0 || cpu1 < 0 ? Double.NaN
                : (cpu1 - cpu0) / 1e9 / seconds / Runtime.getRuntime().availableProcessors();
        return new Result(calls, failed, seconds, merged, firstError.get(), cpu.busy(), cpu.steal(), cpu.others(), clientCpu, rate);
    }

    /** This JVM's CPU time (all threads), or -1. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        return -1;
    }

    /**
     * The machine's CPU time over a window, from /proc/stat and /proc/PID/stat: how busy it was, how much the
     * hypervisor stole, and how much went to processes other than this one and its children (other jobs on this
     * shared machine). Every share is 0..1, or NaN where /proc cannot be read.
     */
    public static final class CpuWindow {
        private final long[] before = cpuTicks();
        private final long oursBefore = ourTicks();
        private long[] after;
        private long oursAfter = -1;

        public void end() {
            after = cpuTicks();
            oursAfter = ourTicks();
        }

        private boolean readable() { return before != null && after != null; }

        private double of(long ticks) { return (double) ticks / Math.max(1, after[0] - before[0]); }

        public double busy() { return readable() ? 1.0 - of(after[1] - before[1]) : Double.NaN; }

        public double steal() { return readable() ? of(after[2] - before[2]) : Double.NaN; }

        public double others() {
            if (!readable() || oursBefore < 0 || oursAfter < 0) return Double.NaN;
            long busyTicks = (after[0] - after[1] - after[2]) - (before[0] - before[1] - before[2]);
            return Math.max(0, of(busyTicks - (oursAfter - oursBefore)));
        }
    }

    /** {total, idle + iowait, steal} jiffies of all CPUs, from the first line of /proc/stat; null where there is none. */
    private static long[] cpuTicks() {
        try {
            String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) total += Long.parseLong(f[i]);
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5]), f.length > 8 ? Long.parseLong(f[8]) : 0};
        } catch (Exception e) {
            return null;
        }
    }

    /** utime + stime of this process and its descendants (clock ticks, as /proc/stat counts), or -1. */
    private static long ourTicks() {
        try {
            long sum = ticksOf(ProcessHandle.current().pid());
            for (ProcessHandle h : (Iterable<ProcessHandle>) ProcessHandle.current().descendants()::iterator) {
                long t = ticksOf(h.pid());
                if (t > 0) sum += t;
            }
            return sum;
        } catch (Exception e) {
            return -1;
        }
    }

    private static long ticksOf(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15: utime, stime
        } catch (Exception e) {
            return 0;
        }
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception ignored) {
            // ending anyway
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
