package org.example.onem2m.bench;

import java.nio.file.Path;
import java.util.List;

import org.example.tef.api.wire.Rsc;

/**
 * Figure 2: Key Retrievals on open TLS sessions. 32 client threads, each with one session (HTTP keep-alive) as a
 * different MAF Client, each retrieving random keys that target it, one request at a time (closed loop).
 */
final class KeepAliveFigure {
    private KeepAliveFigure() {}

    static void run(Options o, Log log) throws Exception {
        int threads = o.integer("keepalive-clients", 32);
        double warmup = o.decimal("keepalive-warmup", 15);
        double seconds = o.decimal("keepalive-seconds", 15);
        String mafLog = o.text("maf-log", "INFO");
        log.line("");
        log.line("== Figure 2: Key Retrievals on open TLS sessions (keep-alive), %d concurrent clients", threads);
        Path dir = o.stores().resolve("keepalive");
        Preload.ensure(dir, HandshakeFigure.CLIENTS, HandshakeFigure.CLIENTS, HandshakeFigure.KEYS, log);
        try (MafProcess maf = MafProcess.start(o.mafJvm("-Xmx1g"), dir, HandshakeFigure.CLIENTS, o.out.resolve("maf-keepalive.log"), mafLog)) {
            log.line("MAF process pid %d, log level %s, %.0f s warm-up, %.0f s measured", maf.pid(), mafLog, warmup, seconds);
            Load.Result r = Load.run(threads, retrievals(maf.port, HandshakeFigure.KEYS), warmup, seconds);
            log.line("  %s", r);
            boolean met = r.perSecond() >= 20_000 && r.micros(99) < 5_000;
            log.line("Figure 2 result: %,.0f Key Retrievals/s, p50 %.2f ms, p99 %.2f ms (target >= 20,000/s and p99 < 5 ms: %s)",
                    r.perSecond(), r.micros(50) / 1000, r.micros(99) / 1000, Stats.verdict(met));
        }
    }

    /** Thread t is MAF Client t mod 32 with one open session, retrieving random keys that target it. */
    static Load.WorkerFactory retrievals(int port, long keys) {
        return thread -> {
            int client = thread % HandshakeFigure.CLIENTS;
            MafWire.Session session = new MafWire.Session(port, client, 0);
            long[] n = {0};
            return new Load.Worker() {
                @Override
                public void call() throws Exception {
                    MafWire.expect(session.client, MafWire.retrieveKey(client, HandshakeFigure.randomKeyOf(client, keys),
                            "rqi-" + thread + "-" + n[0]++), Rsc.OK);
                }

                @Override
                public void close() throws Exception { session.close(); }
            };
        };
    }
}
