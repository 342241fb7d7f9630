package org.example.onem2m.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.HdrHistogram.Histogram;
import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientBuilder;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafClientFactory;
import org.example.maf.api.MafKey;

/**
 * Figure 6: Key Retrieval through the MAF Client API ({@link MafClient#retrieveKey}), a Target's path, with the
 * sessions kept open between procedures (the default idle timeout, 30 s) against one session per procedure (idle
 * timeout 0, how the client worked before), side by side in alternating rounds against one MAF process. Each client
 * thread is its own MAF Client (bench client t) and retrieves keys that target it, each key once per MafClient (the
 * client answers a key it holds without asking the MAF, 8.8.2.8 NOTE, so a held key would not measure the
 * procedure): it walks its keys from a random start and, when it has retrieved all of them, closes that MafClient and
 * makes a new one (with kept sessions, one more handshake per {@code keys / 32} retrievals).
 */
final class ClientApiFigure {
    static final long KEYS = 128_000;

    private ClientApiFigure() {}

    static void run(Options o, Log log) throws Exception {
        int threads = o.integer("clientapi-clients", 4);
        double warmup = o.decimal("clientapi-warmup", 10);
        double seconds = o.decimal("clientapi-seconds", 3);
        int rounds = o.integer("clientapi-rounds", 3);
        String mafLog = o.text("maf-log", "INFO");
        log.line("");
        log.line("== Figure 6: Key Retrieval through the MAF Client API, kept sessions (idle timeout %d s) vs one session per procedure"
                + " (idle timeout 0)", MafClientConfig.DEFAULT_SESSION_IDLE_TIMEOUT.toSeconds());
        log.line("%d client threads (one MafClient each), %.0f s warm-up each, then %d rounds of %.0f s, alternating; MAF log level %s",
                threads, warmup, rounds, seconds, mafLog);
        Path dir = o.stores().resolve("clientapi");
        Preload.ensure(dir, HandshakeFigure.CLIENTS, HandshakeFigure.CLIENTS, KEYS, log);
        Map<String, Duration> contestants = new LinkedHashMap<>();
        contestants.put("kept", MafClientConfig.DEFAULT_SESSION_IDLE_TIMEOUT);
        contestants.put("fresh", Duration.ZERO);
        try (MafProcess maf = MafProcess.start(o.mafJvm("-Xmx1g"), dir, HandshakeFigure.CLIENTS, o.out.resolve("maf-clientapi.log"), mafLog)) {
            log.line("MAF process pid %d on port %d (started in %d ms)", maf.pid(), maf.port, maf.startMillis);
            for (Map.Entry<String, Duration> c : contestants.entrySet()) {
                Load.Result r = Load.run(threads, retrievals(maf.port, KEYS, c.getValue()), warmup, 0.5);
                if (r.errors > 0 || r.calls == 0) log.line("    warm-up %s: %s", c.getKey(), r);
            }
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, Histogram> latency = new LinkedHashMap<>();
            List<Double> ratios = new ArrayList<>();
            for (String c : contestants.keySet()) {
                rates.put(c, new ArrayList<>());
                latency.put(c, new Histogram(60_000_000_000L, 3));
            }
            for (int round = 1; round <= rounds; round++) {
                Map<String, Double> thisRound = new LinkedHashMap<>();
                for (Map.Entry<String, Duration> c : contestants.entrySet()) {
                    Load.Result r = Load.run(threads, retrievals(maf.port, KEYS, c.getValue()), 0.3, seconds);
                    log.line("    round %d, %s: %s", round, c.getKey(), r);
                    thisRound.put(c.getKey(), r.perSecond());
                    rates.get(c.getKey()).add(r.perSecond());
                    latency.get(c.getKey()).add(r.latencyNanos);
                }
                ratios.add(thisRound.get("kept") / thisRound.get("fresh"));
                log.line("  round %d: kept %,.0f/s, fresh %,.0f/s, kept/fresh %.1f", round, thisRound.get("kept"), thisRound.get("fresh"),
                        ratios.get(ratios.size() - 1));
            }
            List<String> row = new ArrayList<>();
            for (String c : contestants.keySet()) {
                Histogram h = latency.get(c);
                row.add(String.format("%s %,.0f/s (rounds %s; p50 %.2f ms, p99 %.2f ms)", c, Stats.median(rates.get(c)),
                        Stats.range(rates.get(c), "%,.0f"), h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6));
            }
            row.add(String.format("kept/fresh %.1f (rounds %s)", Stats.median(ratios), Stats.range(ratios, "%.1f")));
            log.line("Figure 6 result (medians of %d rounds): %s", rounds, String.join("; ", row));
            long[] heap = maf.heap();
            log.line("MAF heap after the runs: %,d MB used after GC, peak %,d MB", heap[0] >> 20, heap[3] >> 20);
        }
    }

    /**
     * Thread t is MAF Client t mod 32 through the API with the given idle timeout, retrieving each of its keys once
     * per MafClient (see the class comment).
     */
    static Load.WorkerFactory retrievals(int port, long keys, Duration idleTimeout) {
        MafClientFactory factory = MafClientBuilder.create().secureChannels(MafWire.CHANNELS).primitiveTransport(MafWire.TRANSPORT)
                .sessionIdleTimeout(idleTimeout).buildFactory();
        return thread -> {
            int client = thread % HandshakeFigure.CLIENTS;
            MafClientConfig config = MafClientConfig.withPsk(Fixture.MAF, "127.0.0.1", port, Fixture.clientId(client),
                    Fixture.kmId(client), Fixture.km(client));
            long perClient = (keys - client + HandshakeFigure.CLIENTS - 1) / HandshakeFigure.CLIENTS;
            return new Load.Worker() {
                private MafClient c = factory.create(config);
                private final long start = ThreadLocalRandom.current().nextLong(perClient);
                private long done;

                @Override
                public void call() throws Exception {
                    if (done > 0 && done % perClient == 0) { // every key of this client is held: a new MafClient holds none
                        c.close();
                        c = factory.create(config);
                    }
                    long k = (start + done++) % perClient;
                    String id = Fixture.keyId(client + HandshakeFigure.CLIENTS * k) + "@" + Fixture.MAF;
                    MafKey key = c.retrieveKey(id);
                    if (key.value().length != 32) throw new IllegalStateException("a key of " + key.value().length + " bytes");
                }

                @Override
                public void close() { c.close(); }
            };
        };
    }
}
