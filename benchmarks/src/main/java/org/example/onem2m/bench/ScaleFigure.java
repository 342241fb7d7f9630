package org.example.onem2m.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.example.maf.api.MafServerBuilder;

/**
 * Figure 4: Key Retrieval throughput (the figure 2 load) against a MAF whose store holds 1,000,000 key and 100,000
 * client registrations, side by side with one holding 1,000 of each: both MAF processes run (-Xmx1g each) and the
 * load alternates between them in rounds; the ratio is taken per round. Then each MAF's heap after a full GC and
 * the peak heap use of the run.
 */
final class ScaleFigure {
    private ScaleFigure() {}

    static void run(Options o, Log log) throws Exception {
        long bigKeys = o.number("scale-keys", 1_000_000);
        long bigClients = o.number("scale-client-registrations", 100_000);
        long smallKeys = o.number("scale-small-keys", 1_000);
        long smallClients = o.number("scale-small-client-registrations", 1_000);
        int threads = o.integer("keepalive-clients", 32);
        int rounds = o.integer("scale-rounds", 3);
        double seconds = o.decimal("scale-seconds", 5);
        double warmup = o.decimal("scale-warmup", 20);
        String mafLog = o.text("maf-log", "INFO");
        String heap = o.text("scale-heap", "-Xmx1g");
        int clients = HandshakeFigure.CLIENTS;
        log.line("");
        log.line("== Figure 4: scale: Key Retrievals (keep-alive, %d clients) with %,d keys + %,d client registrations stored vs %,d + %,d",
                threads, bigKeys, bigClients, smallKeys, smallClients);
        Path small = o.stores().resolve("scale-" + smallKeys + "-" + smallClients);
        Path big = o.stores().resolve("scale-" + bigKeys + "-" + bigClients);
        Preload.ensure(small, clients, smallClients, smallKeys, log);
        Preload.ensure(big, clients, bigClients, bigKeys, log);
        log.line("store files: small %,d bytes, large %,d bytes", Files.size(small.resolve(MafServerBuilder.STORE_FILE)), Files.size(big.resolve(MafServerBuilder.STORE_FILE)));
        try (MafProcess s = MafProcess.start(o.mafJvm(heap), small, clients, o.out.resolve("maf-scale-small.log"), mafLog);
             MafProcess b = MafProcess.start(o.mafJvm(heap), big, clients, o.out.resolve("maf-scale-large.log"), mafLog)) {
            log.line("MAF processes (%s): small pid %d (started in %d ms), large pid %d (started in %d ms)", heap, s.pid(), s.startMillis, b.pid(), b.startMillis);
            Load.run(threads, KeepAliveFigure.retrievals(s.port, smallKeys), warmup, 1);
            Load.run(threads, KeepAliveFigure.retrievals(b.port, bigKeys), warmup, 1);
            List<Double> smallRates = new ArrayList<>();
            List<Double> bigRates = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Load.Result rs = Load.run(threads, KeepAliveFigure.retrievals(s.port, smallKeys), 0.5, seconds);
                Load.Result rb = Load.run(threads, KeepAliveFigure.retrievals(b.port, bigKeys), 0.5, seconds);
                smallRates.add(rs.perSecond());
                bigRates.add(rb.perSecond());
                ratios.add(rs.perSecond() / rb.perSecond());
                log.line("  round %d: small %s", round, rs);
                log.line("  round %d: large %s", round, rb);
            }
            long[] hs = s.heap();
            long[] hb = b.heap();
            double ratio = Stats.median(ratios);
            log.line("heap after full GC: small %,d MB used (peak %,d MB, committed %,d MB); large %,d MB used (peak %,d MB, committed %,d MB), max %,d MB",
                    hs[0] >> 20, hs[3] >> 20, hs[1] >> 20, hb[0] >> 20, hb[3] >> 20, hb[1] >> 20, hb[2] >> 20);
            log.line("Figure 4 result: small %,.0f/s, large %,.0f/s: small/large = %.2fx (rounds %s; target <= 1.5x: %s); large MAF heap %,d MB after GC, peak %,d MB (target < 1024 MB: %s)",
                    Stats.median(smallRates), Stats.median(bigRates), ratio, Stats.range(ratios, "%.2f"), Stats.verdict(ratio <= 1.5),
                    hb[0] >> 20, hb[3] >> 20, Stats.verdict(hb[3] < (1L << 30)));
        }
    }
}
