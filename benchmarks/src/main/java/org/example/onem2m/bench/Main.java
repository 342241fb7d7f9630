package org.example.onem2m.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code java -jar benchmarks.jar <command> [--name value ...]}:
 * <pre>
 * all         machine, JMH, figures 1-13
 * jmh-short   the JMH benchmarks with the short settings of "all"
 * handshakes  figure 1        keepalive  figure 2
 * durable     figure 3 and the kill -9 check
 * clientapi   figure 6: Key Retrieval through the MAF Client API, kept sessions vs one per procedure
 * mef         figure 10 (durable MEF Key Registrations beside the MAF's) and figure 11 (remote provisioning); MefFigure
 * scale       figure 4        startup    figure 5 (needs the assembled distribution)
 * tree        with --target URL: the resource-tree load client against any CSE (TreeFigure);
 *             without: figures 7 and 9 against copies of the local distribution
 * tree-heap   figure 8: the heap of the distribution holding 1,000,000 mgmtObjs
 * enrol       figure 12: authenticationProfile CREATEs over HTTP to durable MEF Key Registrations (EnrolFigure)
 * est         figure 13: EST simpleenroll at the MEF beside Bouncy Castle signing the same certificates (EstFigure)
 * jmh ...     JMH's own command line (org.openjdk.jmh.Main), e.g. jmh PskHandshake -f 1 -t 2
 * maf-server  the MAF process the figures start (internal); mef-server the MEF's
 * </pre>
 * Common options: --out DIR (results.txt and the MAF logs go there; default benchmarks/target/results/latest);
 * --quiet-wait S (before each figure, wait up to S seconds, default 90, for other jobs on the machine to go quiet).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            // the load generator's own MAF Client logs (one INFO line per retrieval) are not what is measured
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        if (args.length == 0) {
            System.err.println("usage: java -jar benchmarks.jar all|jmh-short|handshakes|keepalive|durable|scale|startup|clientapi|mef|tree|tree-heap|enrol|est [--out DIR] | jmh <JMH options>");
            System.exit(2);
        }
        String command = args[0];
        if (command.equals("jmh")) {
            org.openjdk.jmh.Main.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (command.equals("maf-server")) {
            MafServerMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (command.equals("mef-server")) {
            MefServerMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Options options = new Options(args, 1);
        Files.createDirectories(options.out);
        Instant start = Instant.now();
        try (Log log = new Log(options.out.resolve("results.txt"))) {
            log.line("# benchmarks %s, started %s, results in %s", String.join(" ", args), start, options.out);
            Machine.describe(log);
            List<String> figures = command.equals("all") ? List.of("jmh-short", "handshakes", "keepalive", "durable", "scale", "startup", "clientapi", "mef", "tree", "tree-heap", "enrol", "est") : List.of(command);
            for (String figure : figures) {
                Machine.awaitQuiet(log, options.decimal("quiet-wait", 90));
                Instant t = Instant.now();
                switch (figure) {
                    case "jmh-short": JmhFigure.run(options, log); break;
                    case "handshakes": HandshakeFigure.run(options, log); break;
                    case "keepalive": KeepAliveFigure.run(options, log); break;
                    case "durable": DurableFigure.run(options, log); break;
                    case "scale": ScaleFigure.run(options, log); break;
                    case "startup": StartupFigure.run(options, log); break;
                    case "clientapi": ClientApiFigure.run(options, log); break;
                    case "mef": MefFigure.run(options, log); break;
                    case "tree": org.example.onem2m.bench.tree.TreeFigure.run(options, log); break;
                    case "tree-heap": org.example.onem2m.bench.tree.TreeHeapFigure.heap(options, log); break;
                    case "enrol": org.example.onem2m.bench.tree.EnrolFigure.run(options, log); break;
                    case "est": EstFigure.run(options, log); break;
                    default: throw new IllegalArgumentException("unknown command " + figure);
                }
                Machine.load(log);
                log.line("(%s took %d s)", figure, Duration.between(t, Instant.now()).toSeconds());
            }
            log.line("# done in %d s", Duration.between(start, Instant.now()).toSeconds());
        }
        System.exit(0);
    }
}
