package org.example.onem2m.bench.tree;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.example.onem2m.bench.Load;
import org.example.onem2m.bench.Log;
import org.example.onem2m.bench.Options;
import org.example.onem2m.bench.Stats;

/**
 * Figure 12 of BENCHMARKS.md (issue 13): device configuration drives enrolment. A copy of the local distribution (its
 * device side on, as shipped) gets one {@code <node>} and its MEFClientRegCfg (registered with the MEF during the
 * warm-up, before anything is measured; why not one per operator: {@link #setup}); then every operator thread, on its
 * own keep-alive connection, creates authenticationProfiles (SUID 22, linked to the cfg) on that node in a loop: POST the profile, POST the registration MO
 * that links to it (csi = the demo target //sp.example.com/cse-device2; the second POST is part of the operator's
 * action), then wait until the Key Identifier is there. Measured per MO: from the profile's POST being sent until the
 * device side recorded the profile DONE. The device records DONE after the MEF answered the Key Registration (the MEF
 * answers only after the registration is durable, figure 10) and after it wrote the Key Identifier into the profile's
 * skid (symmKeyID). By default ({@code --observe log}) that instant is read from the device's own "DONE" log line
 * ({@link LogWatch}), and one GET then checks that skid is visible, so the measurement puts no polling load on the
 * 2-core machine it measures; {@code --observe poll} instead GETs the profile every --poll-ms until skid appears (what
 * an operator would see, overstating by up to a poll interval plus a GET, and loading the server with the GETs).
 * <p>
 * Options: --operators 16,16,16,1 (one measurement per count, on the same distribution after one warm-up with the first,
 * so 16 three times: three windows of 1,000 MOs, whose p99 differ by tens of ms from one to the next (a GC pause, a store's
 * checkpoint, a burst of queueing fall in one window or not);
 * each count equal to the first creates --enrol-mos MOs, the others --other-mos 100), --enrol-mos 1000, --enrol-warmup 40000 (MOs before measuring, about 75 s: until then C2 compiles on one of
 * the 2 cores, and what is measured is the compiler: perf showed 18 % of the machine in it after 35 s of load, and 19 %
 * after 60 s (20,000 MOs of warm-up, then 8 s into a window); per-thread CPU put the compiler threads at 0.2-0.8 ms per
 * MO in the windows after 20,000 MOs, 0.02-0.06 ms in six of eight windows after 40,000; 100 before 2026-11-30 19:00, 20,000 before 22:50), --enrol-warmup-rounds 4 (the warm-up in rounds of fresh connections, as the windows; 1 before
 * 2026-11-30 22:45), --mo-timeout 10 (seconds per MO; a timeout counts as an
 * error), --observe log|poll (log: the DONE line's instant, no polling load on the server; poll: GET until skid), --poll-ms 2, --first-retry shipped,10 (one run per entry: "shipped" leaves etc/org.example.mef.device.cfg
 * as it is, a number appends firstRetryMillis=N to the copy's file), --enrol-java-opts -Xmx1g, --distribution,
 * --floor-bundle (as figure 7).
 */
public final class EnrolFigure {
    private static final Pattern RI = Pattern.compile("\"ri\":\"([^\"]+)\"");
    static final String TARGET = "//sp.example.com/cse-device2";

    private EnrolFigure() {}

    public static void run(Options o, Log log) throws Exception {
        int[] counts = TreeFigure.ints(o.text("operators", "16,16,16,1"));
        int operators = counts[0];
        int mos = o.integer("enrol-mos", 1000);
        int warmup = o.integer("enrol-warmup", 40000);
        int warmupRounds = Math.max(1, o.integer("enrol-warmup-rounds", 4));
        double timeout = o.decimal("mo-timeout", 10);
        long pollMillis = o.number("poll-ms", 2);
        boolean poll = o.text("observe", "log").equals("poll");
        Path shipped = Path.of(o.text("distribution", "distribution/target/onem2m-tef")).toAbsolutePath();
        Path floorBundle = TreeFigure.floorBundle(o);
        log.line("");
        log.line("== Figure 12: device configuration drives enrolment (issue 13): authenticationProfile CREATE over HTTP to the MEF Key"
                + " Registration durable (skid visible), %d operators, %,d MOs after %,d of warm-up", operators, mos, warmup);
        if (poll) {
            log.line("(per MO: POST authenticationProfile, POST registration MO linking to it, then GET the profile every %d ms until skid"
                    + " appears, at most %.0f s; the time runs from the first POST being sent to the GET showing skid)", pollMillis, timeout);
        } else {
            log.line("(per MO: POST authenticationProfile, POST registration MO linking to it, then wait, at most %.0f s, for the device side's"
                    + " \"authenticationProfile <ri> DONE <KeyId>\" line in the distribution's log, then one GET that must show skid; the time runs"
                    + " from the first POST being sent to the DONE instant the engine recorded, after the MEF's durable answer and the skid UPDATE)", timeout);
        }
        List<String> rows = new ArrayList<>();
        for (String mode : o.text("first-retry", "shipped,10").split(",")) {
            String m = mode.trim();
            Path dir = o.out.resolve("enrol-" + m);
            LocalDistribution d = LocalDistribution.start("enrol-" + m, shipped, floorBundle, dir, o.text("enrol-java-opts", "-Xmx1g"), home -> {
                if (!m.equals("shipped")) {
                    Files.writeString(home.resolve("etc/org.example.mef.device.cfg"), "\n# benchmark figure 12\nfirstRetryMillis=" + Long.parseLong(m) + "\n",
                            StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                }
            }, log);
            try {
                log.line("");
                log.line("-- firstRetryMillis %s", m.equals("shipped") ? "as shipped (2000: the first retry after 1-2 s, jittered)" : m + " (tuned for this run only)");
                List<String> nodes = setup(d.cse, d.mefPort, java.util.Arrays.stream(counts).max().getAsInt(), "CAdmin");
                log.line("created one <node> and its MEFClientRegCfg (fqdn mef.example.com, hprt %d); all %d operators create their MOs on that node", d.mefPort, operators);
                LogWatch watch = poll ? null : new LogWatch(dir.resolve("distribution.log"));
                // The warm-up runs in rounds that start and end as a measured window does (16 connections opened, the
                // pipeline drained at the end): in one round, C2 had never seen those paths, and the first window paid
                // for it (per-thread CPU: the compiler threads 1.0 ms per MO there, 0.13 ms in the warm-up's last 1,000
                // MOs; LogCompilation: unstable_if and class_check traps in Jetty's connection close and the device's
                // idle lanes at the boundary, 2026-11-30 22:30-22:38 UTC).
                for (int round = 0; round < warmupRounds; round++) {
                    int share = warmup / warmupRounds + (round < warmup % warmupRounds ? 1 : 0);
                    Result w = load(d.cse, nodes, "CAdmin", share, Math.max(timeout, 30), pollMillis, "w" + round + "x", watch);
                    log.line("warm-up, round %d of %d: %s", round + 1, warmupRounds, w);
                }
                for (int phase = 0; phase < counts.length; phase++) {
                    int n = counts[phase];
                    int count = n == operators ? mos : o.integer("other-mos", 100);
                    Load.CpuWindow cpu = new Load.CpuWindow();
                    long distBefore = ticks(d.pid());
                    Result r = load(d.cse, nodes.subList(0, Math.min(n, nodes.size())), "CAdmin", count, timeout, pollMillis, "m" + phase + "o" + n + "x", watch);
                    long distAfter = ticks(d.pid());
                    cpu.end();
                    double distShare = (distAfter - distBefore) / 100.0 / r.seconds / Runtime.getRuntime().availableProcessors();
                    log.line("measured, %d operator%s: %s", n, n == 1 ? "" : "s", r);
                    log.line("  machine busy %.0f %%, other jobs %.0f %%, the distribution's process %.0f %% of the machine (%d cores)", 100 * cpu.busy(),
                            100 * cpu.others(), 100 * distShare, Runtime.getRuntime().availableProcessors());
                    double p99 = r.latency.getValueAtPercentile(99) / 1e6;
                    rows.add(String.format("| %s | %d | %,d | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %.0f %% / %.0f %% | %s |", m.equals("shipped") ? "2000 (shipped)" : m, n, count,
                            r.latency.getValueAtPercentile(50) / 1e6, p99, r.latency.getMaxValue() / 1e6, r.creates.getValueAtPercentile(50) / 1e6,
                            r.rate(), r.errors.get(), 100 * cpu.busy(), 100 * distShare, Stats.verdict(p99 < 50 && r.errors.get() == 0)));
                }
                if (watch != null) watch.close();
            } finally {
                d.close();
            }
        }
        log.line("");
        log.line("Enrol result (target, with %d operators and %,d MOs: p99 < 50 ms)", operators, mos);
        log.line("| firstRetryMillis | operators | MOs | p50 ms | p99 ms | max ms | p50 of the two POSTs ms | MOs enrolled/s | errors | machine busy / distribution | p99 < 50 ms |");
        log.line("|---|---|---|---|---|---|---|---|---|---|---|");
        for (String row : rows) log.line(row);
    }

    /**
     * One {@code <node>} (the device) with one MEFClientRegCfg, and every operator creates its profiles and registration
     * MOs there. Not a node and a cfg per operator, for two reasons the product states: the device has one Enrolee
     * identity (etc/org.example.mef.device.cfg) and the MEF refuses a second MEF Client Registration of the same Enrolee
     * for the same administrating stakeholder (4117 ORIGINATOR_HAS_ALREADY_REGISTERED), so all cfgs but one would stay
     * unregistered; and a mgmtLink must stay within its {@code <node>} (4000 "links stay within one device"), so
     * profiles on other nodes cannot link to the one registered cfg. One entry per operator: "node path\ncfg ri".
     */
    static List<String> setup(URI cse, int mefPort, int operators, String origin) throws IOException {
        String rn = "dev" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String node = cse.getRawPath() + "/" + rn;
        String cfg;
        try (Http1 h = new Http1(cse)) {
            expect(2001, h.exchange("POST", cse.getRawPath(), "application/json;ty=14",
                    ("{\"m2m:nod\":{\"rn\":\"" + rn + "\",\"ni\":\"urn:dev:" + rn + "\"}}").getBytes(StandardCharsets.UTF_8), origin, "setup-n"), "node");
            expect(2001, h.exchange("POST", node, "application/json;ty=13",
                    ("{\"dcfg:mefcr\":{\"rn\":\"mefcfg\",\"mgd\":1026,\"fqdn\":\"mef.example.com\",\"adfq\":\"sp.example.com\",\"hprt\":" + mefPort + "}}")
                            .getBytes(StandardCharsets.UTF_8), origin, "setup-c"), "MEFClientRegCfg");
            cfg = ri(h.answer.body());
        }
        List<String> nodes = new ArrayList<>();
        for (int k = 0; k < operators; k++) nodes.add(node + "\n" + cfg);
        return nodes;
    }

    /** What one load phase gave. */
    static final class Result {
        final Histogram latency = new Histogram(60_000_000_000L, 3);
        final Histogram creates = new Histogram(60_000_000_000L, 3);
        final AtomicLong errors = new AtomicLong();
        final AtomicReference<String> firstError = new AtomicReference<>();
        final AtomicLong enrolled = new AtomicLong();
        double seconds;

        /** The operators record into shared histograms (Histogram is not thread-safe). */
        synchronized void record(Histogram h, long nanos) { h.recordValue(Math.min(nanos, 60_000_000_000L)); }

        double rate() { return enrolled.get() / seconds; }

        @Override
        public String toString() {
            return String.format("%,d MOs enrolled in %.1f s (%.1f/s), p50 %.1f ms, p99 %.1f ms, max %.1f ms (the two POSTs: p50 %.1f ms, p99 %.1f ms),"
                            + " %d errors%s", enrolled.get(), seconds, rate(), latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                    latency.getMaxValue() / 1e6, creates.getValueAtPercentile(50) / 1e6, creates.getValueAtPercentile(99) / 1e6, errors.get(),
                    firstError.get() == null ? "" : " (first: " + firstError.get() + ")");
        }
    }

    /**
     * {@code nodes.size()} operator threads, one keep-alive connection each, share {@code mos} MOs; each MO on the
     * operator's own node, linked to its cfg (an entry of {@code nodes} is "path\ncfg-ri").
     */
    static Result load(URI cse, List<String> nodes, String origin, int mos, double timeoutSeconds, long pollMillis, String prefix, LogWatch watch)
            throws InterruptedException {
        Result r = new Result();
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int k = 0; k < nodes.size(); k++) {
            String[] entry = nodes.get(k).split("\n");
            Thread t = new Thread(() -> operator(cse, entry[0], entry[1], origin, mos, next, timeoutSeconds, pollMillis, prefix, r, watch), "operator-" + k);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        r.seconds = (System.nanoTime() - t0) / 1e9;
        return r;
    }

    private static void operator(URI cse, String node, String cfg, String origin, int mos, AtomicInteger next, double timeoutSeconds, long pollMillis,
                                 String prefix, Result r, LogWatch watch) {
        Http1 h = new Http1(cse);
        try {
            for (int i = next.getAndIncrement(); i < mos; i = next.getAndIncrement()) {
                String rn = prefix + "p" + i;
                try {
                    long start = System.nanoTime();
                    java.time.Instant startedAt = java.time.Instant.now();
                    Http1.Answer a = h.exchange("POST", node, "application/json;ty=13", ("{\"dcfg:authp\":{\"rn\":\"" + rn + "\",\"mgd\":1022,\"suid\":22,"
                            + "\"mkrd\":\"PT1H\",\"mkrl\":[\"bench\"],\"tlscs\":[174],\"cmlk\":[{\"nm\":\"mefCfg\",\"typ\":1026,\"val\":\"" + cfg + "\"}]}}")
                            .getBytes(StandardCharsets.UTF_8), origin, rn + "-c");
                    expect(2001, a, "authenticationProfile");
                    String profile = ri(a.body());
                    expect(2001, h.exchange("POST", node, "application/json;ty=13", ("{\"dcfg:regn\":{\"rn\":\"" + prefix + "r" + i + "\",\"mgd\":1020,"
                            + "\"csi\":\"" + TARGET + "\",\"cmlk\":[{\"nm\":\"authProfile\",\"typ\":1022,\"val\":\"" + profile + "\"}]}}")
                            .getBytes(StandardCharsets.UTF_8), origin, rn + "-r"), "registration");
                    r.record(r.creates, System.nanoTime() - start);
                    long deadline = start + (long) (timeoutSeconds * 1e9);
                    String path = node + "/" + rn;
                    if (watch != null) {
                        java.time.Instant done;
                        try {
                            done = watch.done(profile).get(Math.max(1, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
                        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                            throw new IOException("no DONE logged for " + profile + " within " + timeoutSeconds + " s");
                        }
                        Http1.Answer g = h.exchange("GET", path, null, null, origin, rn + "-g");
                        expect(2000, g, "profile GET");
                        if (!g.body().contains("\"skid\":\"")) throw new IOException("DONE logged but no skid: " + g.body());
                        r.record(r.latency, java.time.Duration.between(startedAt, done).toNanos());
                        r.enrolled.incrementAndGet();
                        continue;
                    }
                    for (int poll = 0; ; poll++) {
                        Http1.Answer g = h.exchange("GET", path, null, null, origin, rn + "-g" + poll);
                        long now = System.nanoTime();
                        expect(2000, g, "profile GET");
                        if (g.body().contains("\"skid\":\"")) {
                            r.record(r.latency, now - start);
                            r.enrolled.incrementAndGet();
                            break;
                        }
                        if (now > deadline) throw new IOException("no skid within " + timeoutSeconds + " s: " + g.body());
                        Thread.sleep(pollMillis);
                    }
                } catch (IOException | RuntimeException e) {
                    r.errors.incrementAndGet();
                    r.firstError.compareAndSet(null, rn + ": " + e.getMessage());
                    h.close();
                    h = new Http1(cse);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            h.close();
        }
    }

    /**
     * Tails the distribution's log (its standard output, which LocalDistribution appends to distribution.log) for the
     * device side's "authenticationProfile <ri> DONE <Key Identifier> since <instant>" lines: the instant the engine
     * recorded DONE, after the MEF answered the Key Registration (durable) and the skid UPDATE was made. Same machine,
     * same wall clock as the operators' Instant.now(); no request to the server to find out.
     */
    static final class LogWatch implements AutoCloseable {
        private static final Pattern DONE = Pattern.compile("authenticationProfile (\\S+) DONE \\S+@\\S+ since (\\S+)");
        private final Map<String, java.util.concurrent.CompletableFuture<java.time.Instant>> done = new java.util.concurrent.ConcurrentHashMap<>();
        private final Thread reader;
        private volatile boolean stop;

        LogWatch(Path log) {
            reader = new Thread(() -> tail(log), "enrol-log-watch");
            reader.setDaemon(true);
            reader.start();
        }

        java.util.concurrent.CompletableFuture<java.time.Instant> done(String ri) {
            return done.computeIfAbsent(ri, k -> new java.util.concurrent.CompletableFuture<>());
        }

        private void tail(Path log) {
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(log.toFile(), "r")) {
                StringBuilder line = new StringBuilder();
                byte[] buf = new byte[65536];
                while (!stop) {
                    int n = f.read(buf);
                    if (n <= 0) { Thread.sleep(1); continue; }
                    for (int i = 0; i < n; i++) {
                        char c = (char) (buf[i] & 0xff);
                        if (c != '\n') { line.append(c); continue; }
                        Matcher m = DONE.matcher(line);
                        if (m.find()) done(m.group(1)).complete(java.time.Instant.parse(m.group(2)));
                        line.setLength(0);
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() { stop = true; }
    }

    private static void expect(int rsc, Http1.Answer a, String what) throws IOException {
        if (a.rsc != rsc) throw new IOException(what + ": expected " + rsc + ", got " + a);
    }

    static String ri(String body) throws IOException {
        Matcher m = RI.matcher(body);
        if (!m.find()) throw new IOException("no ri in " + body);
        return m.group(1);
    }

    /** utime + stime of one process, in clock ticks (100 per second). */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            return 0;
        }
    }
}
