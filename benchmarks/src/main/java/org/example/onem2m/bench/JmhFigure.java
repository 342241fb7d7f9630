package org.example.onem2m.bench;

import java.util.Collection;

import org.example.onem2m.bench.jmh.KeyRetrievalProcedureBenchmark;
import org.example.onem2m.bench.jmh.PskHandshakeBenchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The JMH micro benchmarks with short settings (the full JMH command line is in BENCHMARKS.md). */
final class JmhFigure {
    private JmhFigure() {}

    static void run(Options o, Log log) throws Exception {
        int warmups = o.integer("jmh-warmups", 6);
        int iterations = o.integer("jmh-iterations", 3);
        double seconds = o.decimal("jmh-seconds", 1);
        log.line("");
        log.line("== JMH micro benchmarks (1 fork, %d x %.0f s warm-up, %d x %.0f s measured; JMH output in jmh-*.txt)", warmups, seconds,
                iterations, seconds);
        report(log, "1 thread", new Runner(base(o, warmups, iterations, seconds, "jmh-handshake.txt")
                .include(PskHandshakeBenchmark.class.getName() + "\\.").threads(1).build()).run());
        report(log, "1 thread", new Runner(base(o, warmups, iterations, seconds, "jmh-procedure.txt")
                .include(KeyRetrievalProcedureBenchmark.class.getName() + "\\.").threads(1).build()).run());
    }

    private static ChainedOptionsBuilder base(Options o, int warmups, int iterations, double seconds, String output) {
        return new OptionsBuilder()
                .forks(1).warmupIterations(warmups).warmupTime(TimeValue.milliseconds((long) (seconds * 1000)))
                .measurementIterations(iterations).measurementTime(TimeValue.milliseconds((long) (seconds * 1000)))
                .jvmArgsAppend("-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .output(o.out.resolve(output).toString());
    }

    private static void report(Log log, String threads, Collection<RunResult> results) {
        for (RunResult r : results) {
            var p = r.getParams();
            String params = String.join(",", p.getParamsKeys().stream().map(k -> k + "=" + p.getParam(k)).toArray(String[]::new));
            log.line("  %-60s %-12s %,12.0f ops/s  +- %,.0f (99.9%%)", p.getBenchmark().replaceAll(".*\\.(\\w+\\.\\w+)$", "$1") + " " + params,
                    threads, r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError());
        }
    }
}
