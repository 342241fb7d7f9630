package org.example.onem2m.bench.tree;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

import org.HdrHistogram.Histogram;
import org.example.onem2m.bench.Load;

/**
 * What the tree load client sends: a population of {@code <node>}s with mgmtObj children under a CSEBase, and the
 * operations measured on it, over the oneM2M HTTP binding (TS-0009) with {@link Http1} keep-alive connections.
 * Nothing here knows the product: any CSE that serves TS-0022's dataCollection and authenticationProfile answers it.
 */
public final class TreeWorkload {
    /** TS-0001 resource types and the HTTP binding's media type with the ty parameter (TS-0009 6.4.3). */
    static final int TY_MGMTOBJ = 13;
    static final int TY_NODE = 14;
    static final String JSON = "application/json";

    /** The two mgmtObj specializations measured (TS-0022; short names as in the README's table). */
    public enum Kind {
        DATC("dcfg:datc", 1021, "dc", ",\"cntp\":\"/in-cse/in-name/benchAe/benchCnt\",\"meil\":60"),
        AUTHP("dcfg:authp", 1022, "ap", ",\"suid\":22,\"tlscs\":[174]");

        public final String jsonName;
        public final int mgd;
        final String prefix;
        private final String mandatory;

        Kind(String jsonName, int mgd, String prefix, String mandatory) {
            this.jsonName = jsonName;
            this.mgd = mgd;
            this.prefix = prefix;
            this.mandatory = mandatory;
        }

        /** The CREATE body: {@code {"dcfg:datc":{"rn":"dc7","mgd":1021,"cntp":...}}}. */
        public String createBody(String rn) {
            return "{\"" + jsonName + "\":{\"rn\":\"" + rn + "\",\"mgd\":" + mgd + mandatory + "}}";
        }

        /** The UPDATE body: a new label, an attribute every mgmtObj has. */
        public String updateBody(long n) { return "{\"" + jsonName + "\":{\"lbl\":[\"u" + n + "\"]}}"; }

        public String label() { return name().toLowerCase(); }
    }

    public enum Op {
        FLOOR("GET /floor", 200), RETRIEVE("RETRIEVE", 2000), UPDATE("UPDATE", 2004), CREATE("CREATE", 2001), DELETE("DELETE", 2002);

        final String label;
        /** The X-M2M-RSC expected (the HTTP status for the floor). */
        public final int expected;

        Op(String label, int expected) {
            this.label = label;
            this.expected = expected;
        }
    }

    /** One measured operation: an op on a kind of mgmtObj (the floor has none). */
    public static final class Action {
        public final Op op;
        public final Kind kind;

        public Action(Op op, Kind kind) {
            this.op = op;
            this.kind = kind;
        }

        @Override
        public String toString() { return kind == null ? op.label : op.label + " " + kind.label(); }
    }

    /**
     * {@code nodes} {@code <node>}s named {@code prefix0..}, each with {@code perNode} mgmtObj children alternating
     * dataCollection ({@code dc0, dc2, ...}) and authenticationProfile ({@code ap1, ap3, ...}), under the CSEBase at
     * {@code cse}; {@code floor} is a URL answering GET with 200 on the same server, or null.
     */
    public static final class Population {
        public final String name;
        public final URI cse;
        public final URI floor;
        public final String origin;
        public final int nodes;
        public final int perNode;
        final String prefix;
        private final String csePath;
        private final AtomicLong sequence = new AtomicLong();
        private final ConcurrentLinkedDeque<String> createdDatc = new ConcurrentLinkedDeque<>();
        private final ConcurrentLinkedDeque<String> createdAuthp = new ConcurrentLinkedDeque<>();

        public Population(String name, URI cse, URI floor, String origin, int nodes, int perNode, String prefix) {
            if (perNode < 2) throw new IllegalArgumentException("at least 2 children per node (one of each kind)");
            this.name = name;
            this.cse = cse;
            this.floor = floor;
            this.origin = origin;
            this.nodes = nodes;
            this.perNode = perNode;
            this.prefix = prefix;
            String p = cse.getRawPath();
            this.csePath = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        }

        public long mgmtObjs() { return (long) nodes * perNode; }

        public String nodeName(int j) { return prefix + j; }

        String nodePath(int j) { return csePath + "/" + nodeName(j); }

        /** The path of preloaded child i of node j (even i: dataCollection, odd i: authenticationProfile). */
        String childPath(int j, int i) { return nodePath(j) + "/" + (i % 2 == 0 ? Kind.DATC.prefix : Kind.AUTHP.prefix) + i; }

        static Kind kindOf(int i) { return i % 2 == 0 ? Kind.DATC : Kind.AUTHP; }

        ConcurrentLinkedDeque<String> created(Kind kind) { return kind == Kind.DATC ? createdDatc : createdAuthp; }

        @Override
        public String toString() {
            return String.format("%s: %,d <node>%s of %,d mgmtObjs under %s", name, nodes, nodes == 1 ? "" : "s", perNode, cse);
        }
    }

    private TreeWorkload() {}

    /** One thread's keep-alive connection and its state; not thread-safe. */
    public static final class Client implements AutoCloseable {
        final Population pop;
        final Http1 http;
        final int thread;
        final SplittableRandom random;
        long n;
        /** Time spent, while measuring, on untimed refills: a DELETE with nothing left to delete creates one first. */
        long refillNanos;
        long refills;

        public Client(Population pop, int thread, URI server) {
            this.pop = pop;
            this.http = new Http1(server);
            this.thread = thread;
            this.random = new SplittableRandom(31L * thread + pop.name.hashCode());
        }

        private String rqi() { return "b" + thread + "-" + n++; }

        private int randomChild(Kind kind) {
            // even indices are dataCollections, odd ones authenticationProfiles
            return kind == Kind.DATC ? 2 * random.nextInt((pop.perNode + 1) / 2) : 2 * random.nextInt(pop.perNode / 2) + 1;
        }

        /** Sends the action once; returns the answer, which the caller checks against {@code action.op.expected}. */
        public Http1.Answer call(Action action, boolean measuring) throws IOException {
            switch (action.op) {
                case FLOOR:
                    return http.exchange("GET", pop.floor.getRawPath(), null, null, null, null);
                case RETRIEVE: {
                    int j = random.nextInt(pop.nodes);
                    return http.exchange("GET", pop.childPath(j, randomChild(action.kind)), null, null, pop.origin, rqi());
                }
                case UPDATE: {
                    int j = random.nextInt(pop.nodes);
                    return http.exchange("PUT", pop.childPath(j, randomChild(action.kind)), JSON,
                            action.kind.updateBody(n).getBytes(StandardCharsets.UTF_8), pop.origin, rqi());
                }
                case CREATE: {
                    int j = random.nextInt(pop.nodes);
                    String rn = "k" + pop.sequence.getAndIncrement();
                    Http1.Answer a = create(j, action.kind, rn);
                    if (a.rsc == 2001) pop.created(action.kind).add(pop.nodePath(j) + "/" + rn);
                    return a;
                }
                case DELETE: {
                    String path = pop.created(action.kind).pollLast();
                    if (path == null) { // nothing left that this run created: make one, untimed
                        long t0 = System.nanoTime();
                        int j = random.nextInt(pop.nodes);
                        String rn = "k" + pop.sequence.getAndIncrement();
                        Http1.Answer a = create(j, action.kind, rn);
                        if (a.rsc != 2001) return a;
                        path = pop.nodePath(j) + "/" + rn;
                        if (measuring) {
                            refillNanos += System.nanoTime() - t0;
                            refills++;
                        }
                    }
                    return http.exchange("DELETE", path, null, null, pop.origin, rqi());
                }
                default:
                    throw new IllegalStateException();
            }
        }

        Http1.Answer create(int node, Kind kind, String rn) throws IOException {
            return http.exchange("POST", pop.nodePath(node), JSON + ";ty=" + TY_MGMTOBJ, kind.createBody(rn).getBytes(StandardCharsets.UTF_8),
                    pop.origin, rqi());
        }

        Http1.Answer createNode(int j) throws IOException {
            String body = "{\"m2m:nod\":{\"rn\":\"" + pop.nodeName(j) + "\",\"ni\":\"urn:bench:" + pop.nodeName(j) + "\"}}";
            String p = pop.cse.getRawPath();
            return http.exchange("POST", p, JSON + ";ty=" + TY_NODE, body.getBytes(StandardCharsets.UTF_8), pop.origin, rqi());
        }

        Http1.Answer deleteNode(int j) throws IOException { return http.exchange("DELETE", pop.nodePath(j), null, null, pop.origin, rqi()); }

        Http1.Answer createChild(int j, int i) throws IOException {
            Kind kind = Population.kindOf(i);
            return create(j, kind, kind.prefix + i);
        }

        @Override
        public void close() { http.close(); }
    }

    /** What one measured window gave. */
    public static final class Result {
        public long calls;
        public long errors;
        public long refills;
        public double seconds;
        public double rate;
        public final Histogram latency = new Histogram(60_000_000_000L, 3);
        public String firstError;
        /** This load client's own CPU over the window, as a share of the whole machine (all cores), 0..1. */
        public double clientCpu;
        /** The machine's CPU use (all cores, /proc/stat), and the share of it by processes not this one nor its children. */
        public double machineBusy;
        public double others;

        public double millis(double percentile) { return latency.getValueAtPercentile(percentile) / 1e6; }

        @Override
        public String toString() {
            return String.format("%,.0f/s (%,d calls in %.2f s, %d errors%s), p50 %.2f ms, p99 %.2f ms, max %.2f ms; CPU: this client %.0f%% of the machine, machine %.0f%% busy, other jobs %.0f%%",
                    rate, calls, seconds, errors, refills == 0 ? "" : ", " + refills + " untimed refills", millis(50), millis(99),
                    latency.getMaxValue() / 1e6, 100 * clientCpu, 100 * machineBusy, 100 * others)
                    + (firstError == null ? "" : "; first error: " + firstError);
        }
    }

    /**
     * A closed loop: {@code threads} threads, each with its own keep-alive connection (opened before the warm-up),
     * sending the action again as soon as its answer arrived; warm-up, then a measured window. The rate is the
     * calls answered with the expected status in the window over the window's length (minus, per thread, the time a
     * DELETE spent creating something to delete when nothing created was left).
     */
    public static Result run(Population pop, Action action, int threads, double warmupSeconds, double seconds) throws InterruptedException {
        URI server = action.op == Op.FLOOR ? pop.floor : pop.cse;
        AtomicLong phase = new AtomicLong(); // 0 warm-up, 1 measuring, 2 stop
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(threads);
        Client[] clients = new Client[threads];
        Histogram[] histograms = new Histogram[threads];
        long[] counts = new long[threads];
        long[] errors = new long[threads];
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int id = t;
            histograms[t] = new Histogram(60_000_000_000L, 3);
            clients[t] = new Client(pop, t, server);
            Thread thread = new Thread(() -> {
                Client c = clients[id];
                try {
                    ready.countDown();
                    while (phase.get() < 2) {
                        boolean measuring = phase.get() == 1;
                        long t0 = System.nanoTime();
                        long refillBefore = c.refillNanos;
                        try {
                            Http1.Answer a = c.call(action, measuring);
                            long t1 = System.nanoTime();
                            int got = action.op == Op.FLOOR ? a.status : a.rsc;
                            if (got != action.op.expected) {
                                if (measuring) errors[id]++;
                                firstError.compareAndSet(null, action + ": " + a);
                            } else if (measuring && phase.get() == 1) {
                                histograms[id].recordValue(Math.min(t1 - t0 - (c.refillNanos - refillBefore), 60_000_000_000L));
                                counts[id]++;
                            }
                        } catch (IOException | RuntimeException e) {
                            if (measuring) errors[id]++;
                            firstError.compareAndSet(null, action + ": " + e);
                            c.http.close();
                            sleep(10);
                        }
                    }
                } finally {
                    c.close();
                }
            }, "tree-load-" + t);
            thread.setDaemon(true);
            all.add(thread);
            thread.start();
        }
        ready.await();
        Thread.sleep((long) (warmupSeconds * 1000));
        for (Client c : clients) c.refillNanos = 0; // written by their threads only while measuring
        Load.CpuWindow cpu = new Load.CpuWindow();
        long cpu0 = processCpuNanos();
        long start = System.nanoTime();
        phase.set(1);
        Thread.sleep((long) (seconds * 1000));
        phase.set(2);
        long end = System.nanoTime();
        long cpu1 = processCpuNanos();
        cpu.end();
        for (Thread thread : all) thread.join(60_000);
        Result r = new Result();
        r.seconds = (end - start) / 1e9;
        for (int t = 0; t < threads; t++) {
            r.latency.add(histograms[t]);
            r.calls += counts[t];
            r.errors += errors[t];
            r.refills += clients[t].refills;
            double own = r.seconds - clients[t].refillNanos / 1e9;
            r.rate += own > 0 ? counts[t] / own : 0;
        }
        r.firstError = firstError.get();
        r.clientCpu = cpu0 < 0 || cpu1 < 0 ? Double.NaN
                : (cpu1 - cpu0) / 1e9 / r.seconds / Runtime.getRuntime().availableProcessors();
        r.machineBusy = cpu.busy();
        r.others = cpu.others();
        return r;
    }

    /** This JVM's CPU time (all threads), or -1. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        return -1;
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
