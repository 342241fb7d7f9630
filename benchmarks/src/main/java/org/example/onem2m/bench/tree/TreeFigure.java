package org.example.onem2m.bench.tree;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.example.onem2m.bench.Log;
import org.example.onem2m.bench.Options;
import org.example.onem2m.bench.Stats;
import org.example.onem2m.bench.tree.TreeWorkload.Action;
import org.example.onem2m.bench.tree.TreeWorkload.Kind;
import org.example.onem2m.bench.tree.TreeWorkload.Op;
import org.example.onem2m.bench.tree.TreeWorkload.Population;

/**
 * The resource-tree load client and figures 7 to 9 of BENCHMARKS.md.
 * <pre>
 * tree --target URL [--origin CAdmin]    the user tool: measures any CSE's mgmtObj CRUD over the HTTP binding
 * tree                                   figures 7 and 9: the same against copies of the local distribution
 * tree-heap                              figure 8: the heap of a distribution holding --heap-mos mgmtObjs
 * </pre>
 * Options: --children 100,100000 (one population of one {@code <node>} per count), --nodes 10000x10 (a population of
 * many nodes; "none" for none), --clients 8,32, --rounds 3, --round-seconds 2, --warmup 0.5 (per window),
 * --first-warmup 3 (per population and action, before round 1), --ops RETRIEVE,UPDATE,CREATE,DELETE,
 * --kinds datc,authp, --preload-connections 64, --floor URL (with --target; default none), --post-floor true|false
 * (measure POST /floor, and POST /floor/synced that answers after a group-committed fdatasync of the body, beside
 * GET /floor: true by default without --target, false with it), --cleanup true,
 * --distribution distribution/target/onem2m-tef, --floor-bundle benchmarks-floor/target/benchmarks-floor-*.jar,
 * --tree-java-opts "-Xmx1g"; tree-heap: --heap-mos 1000000, --heap-nodes 10000, --heap-java-opts -Xmx1g,
 * --heap-max-seconds 900, --heap-slice 10000.
 */
public final class TreeFigure {
    private TreeFigure() {}

    public static void run(Options o, Log log) throws Exception {
        String target = o.text("target", "");
        String origin = o.text("origin", "CAdmin");
        List<Population> pops = new ArrayList<>();
        List<LocalDistribution> started = new ArrayList<>();
        String tag = "bench" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
        try {
            if (!target.isEmpty()) {
                URI cse = URI.create(target);
                String floor = o.text("floor", "none");
                URI f = floor.equals("none") ? null : URI.create(floor);
                log.line("");
                log.line("== Tree load client against %s as %s (the populations below are created under it, and deleted at the end unless --cleanup false)", cse, origin);
                log.line("(the CSE is not a child of this process: in the CPU columns its use counts as \"other jobs\")");
                for (int n : ints(o.text("children", "100,100000"))) {
                    pops.add(new Population("flat-" + n, cse, f, origin, 1, n, tag + "f" + n + "n"));
                }
                int[] grid = grid(o.text("nodes", "none"));
                if (grid != null) pops.add(new Population("nodes-" + grid[0] + "x" + grid[1], cse, f, origin, grid[0], grid[1], tag + "m"));
            } else {
                log.line("");
                log.line("== Figures 7 and 9: the resource tree's CRUD rates with few and many mgmtObjs, and against the HTTP floor"
                        + " (copies of the local distribution, side by side)");
                Path shipped = Path.of(o.text("distribution", "distribution/target/onem2m-tef")).toAbsolutePath();
                Path floorBundle = floorBundle(o);
                String javaOpts = o.text("tree-java-opts", "-Xmx1g");
                for (int n : ints(o.text("children", "100,100000"))) {
                    LocalDistribution d = LocalDistribution.start("flat-" + n, shipped, floorBundle, o.out.resolve("tree-flat-" + n), javaOpts, log);
                    started.add(d);
                    pops.add(new Population("flat-" + n, d.cse, d.floor, origin, 1, n, tag + "n"));
                }
                int[] grid = grid(o.text("nodes", "10000x10"));
                if (grid != null) {
                    String name = "nodes-" + grid[0] + "x" + grid[1];
                    LocalDistribution d = LocalDistribution.start(name, shipped, floorBundle, o.out.resolve("tree-" + name), javaOpts, log);
                    started.add(d);
                    pops.add(new Population(name, d.cse, d.floor, origin, grid[0], grid[1], tag + "m"));
                }
            }
            for (Population p : pops) preload(p, o.integer("preload-connections", 64), log);
            measure(pops, o, log);
            if (!target.isEmpty() && Boolean.parseBoolean(o.text("cleanup", "true"))) {
                for (Population p : pops) cleanup(p, o.integer("preload-connections", 64), log);
            }
        } finally {
            for (LocalDistribution d : started) d.close();
        }
    }

    /** Creates the population's nodes, then its mgmtObjs, over many keep-alive connections at once. */
    static void preload(Population p, int connections, Log log) throws InterruptedException {
        long t0 = System.nanoTime();
        AtomicReference<String> firstError = new AtomicReference<>();
        long failedNodes = TreeLoad.parallel(p, p.nodes, connections, 2001, (c, i) -> c.createNode((int) i), firstError, n -> { });
        if (failedNodes > 0) throw new IllegalStateException(p.name + ": " + failedNodes + " of " + p.nodes + " <node> CREATEs failed; first: " + firstError.get());
        long total = p.mgmtObjs();
        long failed = TreeLoad.parallel(p, total, connections, 2001, (c, i) -> c.createChild((int) (i % p.nodes), (int) (i / p.nodes)),
                firstError, n -> log.line("  preloading %s: %,d of %,d mgmtObjs, %,.0f/s so far", p.name, n, total, n / ((System.nanoTime() - t0) / 1e9)));
        double s = (System.nanoTime() - t0) / 1e9;
        if (failed > 0) throw new IllegalStateException(p.name + ": " + failed + " of " + total + " mgmtObj CREATEs failed; first: " + firstError.get());
        log.line("preloaded %s in %.1f s (%,.0f CREATEs/s with %d connections)", p, s, (p.nodes + total) / s, connections);
    }

    static void cleanup(Population p, int connections, Log log) throws InterruptedException {
        AtomicReference<String> firstError = new AtomicReference<>();
        long failed = TreeLoad.parallel(p, p.nodes, connections, 2002, (c, i) -> c.deleteNode((int) i), firstError, n -> { });
        log.line("deleted the %,d <node>%s of %s (and so their mgmtObjs)%s", p.nodes, p.nodes == 1 ? "" : "s", p.name,
                failed == 0 ? "" : "; " + failed + " failed, first: " + firstError.get());
    }

    static List<Action> actions(Options o, boolean floor, boolean postFloor) {
        List<Action> all = new ArrayList<>();
        if (floor) all.add(new Action(Op.FLOOR, null));
        if (floor && postFloor) {
            all.add(new Action(Op.POST_FLOOR, null));
            all.add(new Action(Op.SYNCED_FLOOR, null));
        }
        List<Kind> kinds = new ArrayList<>();
        for (String k : o.text("kinds", "datc,authp").split(",")) kinds.add(Kind.valueOf(k.trim().toUpperCase()));
        for (String op : o.text("ops", "RETRIEVE,UPDATE,CREATE,DELETE").split(",")) {
            Op x = Op.valueOf(op.trim().toUpperCase());
            for (Kind k : kinds) all.add(new Action(x, k));
        }
        // a DELETE right after the CREATE of its kind: it deletes what that created, so the tree keeps its size
        List<Action> ordered = new ArrayList<>();
        for (Action a : all) {
            if (a.op == Op.DELETE) continue;
            ordered.add(a);
            if (a.op == Op.CREATE) for (Action d : all) if (d.op == Op.DELETE && d.kind == a.kind) ordered.add(d);
        }
        for (Action d : all) if (d.op == Op.DELETE && !ordered.contains(d)) ordered.add(d);
        return ordered;
    }

    /** Rounds alternating between actions and populations; then the table, the size ratios and the floor ratios. */
    static void measure(List<Population> pops, Options o, Log log) throws InterruptedException {
        int rounds = o.integer("rounds", 3);
        double seconds = o.decimal("round-seconds", 2);
        double warmup = o.decimal("warmup", 0.5);
        double firstWarmup = o.decimal("first-warmup", 3);
        boolean floor = pops.stream().allMatch(p -> p.floor != null);
        // POST /floor is the benchmarks-floor bundle's; another CSE's --floor URL may answer GET only
        boolean postFloor = o.text("post-floor", o.text("target", "").isEmpty() ? "true" : "false").equals("true");
        List<Action> actions = actions(o, floor, postFloor);
        int[] clientCounts = ints(o.text("clients", "8,32"));
        log.line("measuring %s on %s; %d rounds of %.1f s per action and population (each after %.1f s of warm-up on its connections),"
                        + " alternating; %.1f s of warm-up per action and population before round 1",
                actions, pops.stream().map(p -> p.name).reduce((a, b) -> a + ", " + b).orElse(""), rounds, seconds, warmup, firstWarmup);
        for (int clients : clientCounts) {
            log.line("");
            log.line("-- %d keep-alive clients (one thread and one connection each)", clients);
            for (Population p : pops) {
                for (Action a : actions) {
                    TreeLoad.run(p, a, clients, firstWarmup, Math.min(0.2, seconds));
                    if (a.op == Op.DELETE) drain(p, a.kind, o.integer("preload-connections", 64));
                }
            }
            Map<String, List<TreeLoad.Result>> results = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (Action a : actions) {
                    for (Population p : pops) {
                        if (a.op == Op.DELETE) stock(p, a.kind, results, clients, warmup + seconds, o.integer("preload-connections", 64));
                        TreeLoad.Result r = TreeLoad.run(p, a, clients, warmup, seconds);
                        if (a.op == Op.DELETE) drain(p, a.kind, o.integer("preload-connections", 64));
                        log.line("  round %d, %-16s %-16s %s", round, a, p.name, r);
                        results.computeIfAbsent(key(a, p), k -> new ArrayList<>()).add(r);
                    }
                }
            }
            table(log, clients, pops, actions, results, rounds);
        }
    }

    private static String key(Action a, Population p) { return a + "|" + p.name; }

    /**
     * After a DELETE window, untimed: deletes what the CREATE windows and the stock made and the DELETE window left,
     * so every population is back at its preloaded size (RETRIEVE and UPDATE always see it; a CREATE window grows the
     * node by what it creates, at most its rate times the window).
     */
    private static void drain(Population p, Kind kind, int connections) throws InterruptedException {
        java.util.concurrent.ConcurrentLinkedDeque<String> left = p.created(kind);
        if (left.isEmpty()) return;
        AtomicReference<String> firstError = new AtomicReference<>();
        TreeLoad.parallel(p, left.size(), connections, 2002, (c, i) -> {
            String path = left.poll();
            return path == null ? c.http.answer : c.http.exchange("DELETE", path, null, null, p.origin, "drain" + i);
        }, firstError, n -> { });
    }

    /**
     * Before a DELETE window, untimed: tops up what earlier CREATEs left to delete, to 1.3 times what the last
     * DELETE window of this population and kind got through (twice the last CREATE rate before the first), so the
     * window rarely has to create something first (those "untimed refills" are counted and their time excluded).
     */
    private static void stock(Population p, Kind kind, Map<String, List<TreeLoad.Result>> results, int clients, double window,
                              int connections) throws InterruptedException {
        List<TreeLoad.Result> deletes = results.get(key(new Action(Op.DELETE, kind), p));
        List<TreeLoad.Result> creates = results.get(key(new Action(Op.CREATE, kind), p));
        double rate = deletes != null && !deletes.isEmpty() ? deletes.get(deletes.size() - 1).rate
                : creates != null && !creates.isEmpty() ? 2 * creates.get(creates.size() - 1).rate : 0;
        long want = (long) Math.ceil(1.3 * rate * window) - p.created(kind).size();
        if (want <= 0) return;
        AtomicReference<String> firstError = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong seq = new java.util.concurrent.atomic.AtomicLong();
        TreeLoad.parallel(p, want, Math.min(connections, Math.max(clients, 8)), 2001, (c, i) -> {
            int j = (int) (i % p.nodes);
            String rn = "s" + p.name.hashCode() + "x" + System.nanoTime() + "x" + seq.getAndIncrement();
            Http1.Answer a = c.create(j, kind, rn);
            if (a.rsc == 2001) p.created(kind).add(p.nodePath(j) + "/" + rn);
            return a;
        }, firstError, n -> { });
    }

    static void table(Log log, int clients, List<Population> pops, List<Action> actions, Map<String, List<TreeLoad.Result>> results, int rounds) {
        log.line("");
        log.line("Tree result, %d clients (rate: median of %d rounds; latency over all rounds; client CPU: the load client's share of the machine)", clients, rounds);
        log.line("| operation | population | rate/s (rounds) | p50 ms | p99 ms | errors | client CPU | machine busy / other jobs |");
        log.line("|---|---|---|---|---|---|---|---|");
        for (Action a : actions) {
            for (Population p : pops) {
                List<TreeLoad.Result> rs = results.get(key(a, p));
                Histogram h = new Histogram(60_000_000_000L, 3);
                long errors = 0;
                for (TreeLoad.Result r : rs) { h.add(r.latency); errors += r.errors; }
                log.line("| %s | %s | %,.0f (%s) | %.2f | %.2f | %d | %.0f %% | %.0f %% / %.0f %% |", a, p.name, median(rs, r -> r.rate),
                        range(rs, r -> r.rate), h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, errors,
                        100 * median(rs, r -> r.clientCpu), 100 * median(rs, r -> r.machineBusy), 100 * median(rs, r -> r.others));
            }
        }
        Population small = pops.get(0);
        for (Population p : pops.subList(1, pops.size())) {
            log.line("");
            log.line("Size ratio, %d clients: rate with %s / rate with %s, per round, median (target <= 1.5x)", clients, small.name, p.name);
            for (Action a : actions) {
                if (a.op == Op.FLOOR) continue;
                List<Double> ratios = ratios(results.get(key(a, small)), results.get(key(a, p)));
                double m = Stats.median(ratios);
                log.line("  %-16s %.2fx (rounds %s) %s", a, m, Stats.range(ratios, "%.2f"), Stats.verdict(m <= 1.5));
            }
        }
        if (actions.get(0).op == Op.FLOOR) {
            for (Population p : pops) {
                log.line("");
                log.line("Floor ratio, %d clients, %s: rate / rate of GET /floor on the same server, per round, median"
                        + " (targets: RETRIEVE >= 70 %%, CREATE/UPDATE/DELETE >= 40 %%)", clients, p.name);
                List<TreeLoad.Result> fl = results.get(key(actions.get(0), p));
                log.line("  %-16s %,.0f/s, p99 %.2f ms", actions.get(0), median(fl, r -> r.rate), p99(fl));
                for (Action a : actions.subList(1, actions.size())) {
                    List<TreeLoad.Result> rs = results.get(key(a, p));
                    List<Double> ratios = ratios(rs, fl);
                    double m = Stats.median(ratios);
                    double target = a.op == Op.RETRIEVE ? 0.70 : 0.40;
                    log.line("  %-16s %3.0f %% of the floor (rounds %s), p99 %.2f ms %s", a, 100 * m, Stats.range(scale(ratios, 100), "%.0f %%"),
                            p99(rs), a.op == Op.POST_FLOOR || a.op == Op.SYNCED_FLOOR ? "(a floor: no target)" : Stats.verdict(m >= target));
                }
                writeRatio(actions, results, p, clients, Op.POST_FLOOR, "the same body read, a canned 201 written", log);
                writeRatio(actions, results, p, clients, Op.SYNCED_FLOOR, "the same, answered once the body is written"
                        + " and fdatasynced by one writer thread with group commit", log);
            }
        }
    }

    /** Each write's rate as a share of one of the POST floors', where the HTTP stack's (and the disk's) own cost ends. */
    private static void writeRatio(List<Action> actions, Map<String, List<TreeLoad.Result>> results, Population p, int clients,
            Op floorOp, String what, Log log) {
        Action post = actions.stream().filter(a -> a.op == floorOp).findFirst().orElse(null);
        if (post == null) return;
        log.line("Write ratio, %d clients, %s: rate / rate of %s (%s) on the same server, per round, median (no target)",
                clients, p.name, floorOp.label, what);
        List<TreeLoad.Result> pf = results.get(key(post, p));
        for (Action a : actions) {
            if (a.op != Op.CREATE && a.op != Op.UPDATE && a.op != Op.DELETE) continue;
            List<Double> ratios = ratios(results.get(key(a, p)), pf);
            log.line("  %-16s %3.0f %% of %s (rounds %s)", a, 100 * Stats.median(ratios), floorOp.label, Stats.range(scale(ratios, 100), "%.0f %%"));
        }
    }

    static Path floorBundle(Options o) throws IOException {
        String given = o.text("floor-bundle", "");
        if (!given.isEmpty()) return Path.of(given).toAbsolutePath();
        Path dir = Path.of("benchmarks-floor/target").toAbsolutePath();
        if (!Files.isDirectory(dir)) throw new IllegalStateException("no " + dir + ": build the module benchmarks-floor (benchmarks/run does)");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("benchmarks-floor-.*\\.jar") && !p.toString().endsWith("-sources.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no benchmarks-floor jar in " + dir));
        }
    }

    static int[] ints(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(s -> Integer.parseInt(s.replace("_", ""))).toArray();
    }

    /** "10000x10" = 10,000 nodes of 10 mgmtObjs; "none" = null. */
    static int[] grid(String text) {
        if (text.equals("none") || text.isEmpty()) return null;
        String[] p = text.toLowerCase().split("x");
        return new int[] {Integer.parseInt(p[0].replace("_", "")), Integer.parseInt(p[1].replace("_", ""))};
    }

    private static List<Double> ratios(List<TreeLoad.Result> a, List<TreeLoad.Result> b) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) r.add(a.get(i).rate / b.get(i).rate);
        return r;
    }

    private static List<Double> scale(List<Double> v, double f) {
        List<Double> r = new ArrayList<>();
        for (double x : v) r.add(x * f);
        return r;
    }

    /** The p99 latency of all rounds' answers together, in ms. */
    private static double p99(List<TreeLoad.Result> rs) {
        Histogram h = new Histogram(60_000_000_000L, 3);
        for (TreeLoad.Result r : rs) h.add(r.latency);
        return h.getValueAtPercentile(99) / 1e6;
    }

    private static double median(List<TreeLoad.Result> rs, java.util.function.ToDoubleFunction<TreeLoad.Result> f) {
        List<Double> v = new ArrayList<>();
        for (TreeLoad.Result r : rs) v.add(f.applyAsDouble(r));
        return Stats.median(v);
    }

    private static String range(List<TreeLoad.Result> rs, java.util.function.ToDoubleFunction<TreeLoad.Result> f) {
        List<Double> v = new ArrayList<>();
        for (TreeLoad.Result r : rs) v.add(f.applyAsDouble(r));
        return Stats.range(v, "%,.0f");
    }
}
