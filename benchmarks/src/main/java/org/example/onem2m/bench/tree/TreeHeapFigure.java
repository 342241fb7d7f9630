package org.example.onem2m.bench.tree;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.example.onem2m.bench.Log;
import org.example.onem2m.bench.Options;
import org.example.onem2m.bench.tree.TreeWorkload.Population;

/** Figure 8 of BENCHMARKS.md: the distribution's heap with 1,000,000 mgmtObjs ({@code benchmarks/run tree-heap}). */
public final class TreeHeapFigure {
    private TreeHeapFigure() {}

    /** Figure 8: one distribution with -Xmx1g, --heap-mos mgmtObjs over --heap-nodes nodes, then the heap after a full GC. */
    public static void heap(Options o, Log log) throws Exception {
        long mos = o.number("heap-mos", 1_000_000);
        int nodes = o.integer("heap-nodes", 10_000);
        String javaOpts = o.text("heap-java-opts", "-Xmx1g");
        double maxSeconds = o.decimal("heap-max-seconds", 900);
        log.line("");
        log.line("== Figure 8: heap of the distribution (%s) holding %,d mgmtObjs under %,d <node>s, after a full GC", javaOpts, mos, nodes);
        Path shipped = Path.of(o.text("distribution", "distribution/target/onem2m-tef")).toAbsolutePath();
        Path dir = o.out.resolve("tree-heap");
        try (LocalDistribution d = LocalDistribution.start("heap", shipped, TreeFigure.floorBundle(o), dir, javaOpts, log)) {
            for (String line : d.heapAfterGc()) log.line("  empty: %s", line);
            int perNode = (int) Math.max(2, mos / nodes);
            Population p = new Population("heap", d.cse, d.floor, o.text("origin", "CAdmin"), nodes, perNode, "h");
            int connections = o.integer("preload-connections", 64);
            long t0 = System.nanoTime();
            AtomicReference<String> firstError = new AtomicReference<>();
            long failed = TreeLoad.parallel(p, nodes, connections, 2001, (c, i) -> c.createNode((int) i), firstError, n -> { });
            log.line("  %,d <node>s created in %.0f s", nodes, (System.nanoTime() - t0) / 1e9);
            long total = p.mgmtObjs();
            // in slices, so that a slow tree is stopped (and what it holds by then is measured) after --heap-max-seconds
            long done = 0;
            long slice = o.number("heap-slice", 10_000);
            while (done < total && (System.nanoTime() - t0) / 1e9 < maxSeconds) {
                long from = done;
                long count = Math.min(slice, total - done);
                failed += TreeLoad.parallel(p, count, connections, 2001,
                        (c, i) -> c.createChild((int) ((from + i) % nodes), (int) ((from + i) / nodes)), firstError, n -> { });
                done += count;
                log.line("  preloading: %,d of %,d mgmtObjs, %,.0f/s so far, %d failed", done, total, done / ((System.nanoTime() - t0) / 1e9), failed);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            log.line("preloaded %,d <node>s and %,d mgmtObjs in %.0f s (%,.0f CREATEs/s, %d connections); %d failed%s", nodes, done, s,
                    (nodes + done) / s, connections, failed, failed == 0 ? "" : ", first: " + firstError.get());
            List<String> heap = d.heapAfterGc();
            for (String line : heap) log.line("  after: %s", line);
            long used = usedKb(heap);
            long fileBytes;
            try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
                fileBytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
            log.line("Figure 8 result: %,d mgmtObjs (+ %,d <node>s): heap used after a full GC %,d MB (%s), data directory %,d MB; target < 1 GiB%s: %s",
                    done, nodes, used / 1024, javaOpts, fileBytes / 1_000_000, done < mos ? " (NOT the full " + String.format("%,d", mos) + ": stopped after --heap-max-seconds)" : "",
                    used > 0 && used < 1024 * 1024 && done >= mos ? "MET" : done < mos ? "NOT MEASURED at full size" : "MISSED");
            if (Boolean.parseBoolean(o.text("heap-delete-node", "false"))) deleteFirstNode(p, log);
        }
    }

    /**
     * {@code --heap-delete-node true}: the first node DELETEd with all its mgmtObjs in the same heap (README, known
     * limits: with {@code --heap-nodes 1} a node of --heap-mos mgmtObjs, stored in parts).
     */
    private static void deleteFirstNode(Population p, Log log) throws Exception {
        try (TreeWorkload.Client c = new TreeWorkload.Client(p, 0, p.cse)) {
            long t0 = System.nanoTime();
            Http1.Answer a = c.deleteNode(0);
            log.line("DELETE %s (%,d mgmtObjs): %s in %.1f s", p.nodePath(0), p.perNode, a, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** "used NNNK" of the heap line jcmd GC.heap_info prints (G1: " garbage-first heap   total 1048576K, used 81234K"). */
    static long usedKb(List<String> lines) {
        for (String l : lines) {
            if (!l.contains("heap") || !l.contains("used")) continue;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(l);
            if (m.find()) return Long.parseLong(m.group(1));
        }
        return -1;
    }
}
