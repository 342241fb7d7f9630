package org.example.onem2m.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafClientBuilder;
import org.example.maf.api.MafClientFactory;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.api.channel.CipherSuites;

/**
 * Figure 1: for each PSK suite the MAF offers, side by side in rounds (raw, OpenSSL, MAF, raw, OpenSSL, MAF, ...):
 * <ul>
 * <li>raw: Bouncy Castle's in-memory PSK handshake ({@link InMemoryTls}), one loop per core;</li>
 * <li>openssl: the MAF Client's TLS client (tef BcSecureChannels) doing bare handshakes (connect, close_notify,
 * close) against {@code openssl s_server -psk} on loopback;</li>
 * <li>maf: a MAF Key Retrieval on a fresh TLS-PSK connection per request (connect, one RETRIEVE, close) against a
 * MAF process on loopback, same client;</li>
 * <li>(GCM only) mafclient: the same through the MAF Client API, a new MafClient per retrieval (which negotiates
 * GCM, the first of the suites it offers);</li>
 * <li>(after the rounds) tcp: the floor, a plain TCP connection per call to a Java server, no TLS, with and
 * without the thread hand-off of the TLS listener ({@link TcpFloor}).</li>
 * </ul>
 * Ratios are taken within each round and the median is reported.
 */
final class HandshakeFigure {
    static final int CLIENTS = 32;
    static final int KEYS = 1_000;

    private HandshakeFigure() {}

    static void run(Options o, Log log) throws Exception {
        int rawThreads = o.integer("raw-threads", Runtime.getRuntime().availableProcessors());
        int socketThreads = o.integer("handshake-clients", 4);
        double seconds = o.decimal("handshake-seconds", 2.5);
        // per suite for the MAF (half that for the others), and at least 24 s for the MAF in all
        double warmupPerSuite = o.decimal("handshake-warmup", 6);
        int rounds = o.integer("handshake-rounds", 3);
        String mafLog = o.text("maf-log", "INFO");
        log.line("");
        log.line("== Figure 1: TLS 1.2 PSK handshakes: raw BC in memory vs OpenSSL s_server peer vs MAF Key Retrieval per fresh connection");
        log.line("raw: %d in-memory loops; openssl, maf, mafclient and tcp: %d client threads; %d rounds of %.1f s per contestant"
                + " after a warm-up of %.1f s per suite for the MAF (at least %.0f s in all), half that for the others; MAF log level %s",
                rawThreads, socketThreads, rounds, seconds, warmupPerSuite, o.decimal("handshake-warmup-total", 24), mafLog);
        boolean haveOpenSsl = OpenSslPeer.openssl().isPresent();
        if (!haveOpenSsl) log.line("openssl is not on the PATH: the OpenSSL peer is skipped");
        else log.line("peer: %s, %d s_server processes (one serves one connection at a time)", OpenSslPeer.version(),
                o.integer("openssl-servers", socketThreads));

        Path dir = o.stores().resolve("handshakes");
        Preload.ensure(dir, CLIENTS, CLIENTS, KEYS, log);
        List<String> only = List.of(o.text("contestants", "raw,openssl,maf,mafclient,tcp").split(","));
        List<String> suiteNames = List.of(o.text("suites", "CBC,GCM,CCM,CCM8").split(","));
        int[] suites = java.util.stream.IntStream.of(CipherSuites.TLS_PSK_WITH_AES_128_CBC_SHA256, CipherSuites.TLS_PSK_WITH_AES_128_GCM_SHA256,
                CipherSuites.TLS_PSK_WITH_AES_128_CCM, CipherSuites.TLS_PSK_WITH_AES_128_CCM_8)
                .filter(s -> suiteNames.stream().anyMatch(n -> OpenSslPeer.opensslName(s).replace("-SHA256", "").endsWith("-" + n))).toArray();
        Map<String, List<String>> summary = new LinkedHashMap<>();
        List<OpenSslPeer> peers = new ArrayList<>();
        try (MafProcess maf = MafProcess.start(o.mafJvm("-Xmx1g"), dir, CLIENTS, o.out.resolve("maf-handshakes.log"), mafLog);
             TcpFloor tcp = new TcpFloor(true); TcpFloor tcpInline = new TcpFloor(false)) {
            log.line("MAF process pid %d on port %d (started in %d ms)", maf.pid(), maf.port, maf.startMillis);
            // contestants per suite, in the order they run in each round
            Map<Integer, Map<String, Load.WorkerFactory>> bySuite = new LinkedHashMap<>();
            for (int suite : suites) {
                boolean api = suite == CipherSuites.TLS_PSK_WITH_AES_128_GCM_SHA256;
                OpenSslPeer peer = null;
                if (haveOpenSsl && only.contains("openssl")) {
                    peer = new OpenSslPeer(suite, 0, o.out.resolve("openssl.err"), o.integer("openssl-servers", socketThreads));
                    peers.add(peer);
                }
                Map<String, Load.WorkerFactory> contestants = new LinkedHashMap<>();
                if (only.contains("raw")) contestants.put("raw", raw(suite));
                if (peer != null) contestants.put("openssl", bare(peer, suite));
                if (only.contains("maf")) contestants.put("maf", retrieval(maf.port, suite));
                if (api && only.contains("mafclient")) contestants.put("mafclient", mafClientApi(maf.port));
                bySuite.put(suite, contestants);
            }
            double warmup = Math.max(warmupPerSuite, o.decimal("handshake-warmup-total", 24) / suites.length);
            // Warm-up: both JVMs compile a lot of code (BC, HttpCore, Gson, MVStore) and on 2 busy cores the JIT
            // takes tens of seconds to catch up; the figure is the steady state.
            long warmStart = System.nanoTime();
            for (Map.Entry<Integer, Map<String, Load.WorkerFactory>> e : bySuite.entrySet()) {
                for (Map.Entry<String, Load.WorkerFactory> c : e.getValue().entrySet()) {
                    boolean mafSide = c.getKey().startsWith("maf");
                    Load.Result r = Load.run(threads(c.getKey(), rawThreads, socketThreads), c.getValue(), mafSide ? warmup : warmup / 2, 0.5);
                    if (r.errors > 0 || r.calls == 0) log.line("    warm-up %s %s: %s", OpenSslPeer.opensslName(e.getKey()), c.getKey(), r);
                }
            }
            log.line("warm-up done in %.0f s", (System.nanoTime() - warmStart) / 1e9);
            Map<Integer, Map<String, List<Double>>> rates = new LinkedHashMap<>();
            Map<Integer, List<Double>> vsRaw = new LinkedHashMap<>();
            Map<Integer, List<Double>> vsOpenSsl = new LinkedHashMap<>();
            for (int suite : suites) {
                rates.put(suite, new LinkedHashMap<>());
                for (String c : bySuite.get(suite).keySet()) rates.get(suite).put(c, new ArrayList<>());
                vsRaw.put(suite, new ArrayList<>());
                vsOpenSsl.put(suite, new ArrayList<>());
            }
            for (int round = 1; round <= rounds; round++) {
                for (int suite : suites) {
                    String name = OpenSslPeer.opensslName(suite);
                    Map<String, Double> thisRound = new LinkedHashMap<>();
                    for (Map.Entry<String, Load.WorkerFactory> c : bySuite.get(suite).entrySet()) {
                        Load.Result r = Load.run(threads(c.getKey(), rawThreads, socketThreads), c.getValue(), 0.3, seconds);
                        log.line("    %s %s: %s", name, c.getKey(), r);
                        thisRound.put(c.getKey(), r.perSecond());
                        rates.get(suite).get(c.getKey()).add(r.perSecond());
                    }
                    if (thisRound.containsKey("maf") && thisRound.containsKey("raw")) vsRaw.get(suite).add(thisRound.get("maf") / thisRound.get("raw"));
                    if (thisRound.containsKey("maf") && thisRound.containsKey("openssl")) vsOpenSsl.get(suite).add(thisRound.get("maf") / thisRound.get("openssl"));
                    StringBuilder line = new StringBuilder(String.format("  %s round %d:", name, round));
                    thisRound.forEach((k, v) -> line.append(String.format(" %s %,.0f/s", k, v)));
                    log.line("%s", line);
                }
            }
            // The floor last: its server closes first, so each of its connections leaves a TIME_WAIT socket
            // behind for 60 s, which is not to burden the others' connects.
            if (only.contains("tcp")) {
                List<Double> floor = new ArrayList<>();
                List<Double> inlineFloor = new ArrayList<>();
                Load.run(socketThreads, tcp.clients(), 1, 0.5);
                Load.run(socketThreads, tcpInline.clients(), 1, 0.5);
                for (int round = 1; round <= rounds; round++) {
                    Load.Result r = Load.run(socketThreads, tcp.clients(), 0.3, seconds);
                    log.line("    tcp floor: %s", r);
                    floor.add(r.perSecond());
                    Load.Result inline = Load.run(socketThreads, tcpInline.clients(), 0.3, seconds);
                    log.line("    tcp floor, no hand-off: %s", inline);
                    inlineFloor.add(inline.perSecond());
                }
                log.line("  tcp floor (TCP connection, 1 byte, close; no TLS): %,.0f/s (median of %d); without the thread hand-off:"
                        + " %,.0f/s", Stats.median(floor), rounds, Stats.median(inlineFloor));
            }
            for (int suite : suites) {
                List<String> row = new ArrayList<>();
                for (Map.Entry<String, List<Double>> e : rates.get(suite).entrySet()) {
                    row.add(String.format("%s %,.0f/s", e.getKey(), Stats.median(e.getValue())));
                }
                List<Double> a = vsRaw.get(suite);
                if (!a.isEmpty()) row.add(String.format("maf/raw %.0f%% (target >= 50%%: %s; rounds %s)", 100 * Stats.median(a),
                        Stats.verdict(Stats.median(a) >= 0.5), Stats.range(scale(a), "%.0f%%")));
                List<Double> b = vsOpenSsl.get(suite);
                if (!b.isEmpty()) row.add(String.format("maf/openssl %.0f%% (target >= 30%%: %s; raised target >= 60%%: %s; rounds %s)",
                        100 * Stats.median(b), Stats.verdict(Stats.median(b) >= 0.3), Stats.verdict(Stats.median(b) >= 0.6),
                        Stats.range(scale(b), "%.0f%%")));
                summary.put(OpenSslPeer.opensslName(suite), row);
            }
            long[] heap = maf.heap();
            log.line("MAF heap after the handshake runs: %,d MB used after GC, peak %,d MB", heap[0] >> 20, heap[3] >> 20);
        } finally {
            for (OpenSslPeer p : peers) p.close();
        }
        log.line("Figure 1 result (medians of %d rounds):", rounds);
        summary.forEach((suite, row) -> log.line("  %-22s %s", suite, String.join("; ", row)));
    }

    private static int threads(String contestant, int rawThreads, int socketThreads) {
        return contestant.equals("raw") ? rawThreads : socketThreads;
    }

    private static List<Double> scale(List<Double> ratios) {
        List<Double> out = new ArrayList<>();
        for (double r : ratios) out.add(100 * r);
        return out;
    }

    static Load.WorkerFactory raw(int suite) {
        return thread -> {
            InMemoryTls tls = new InMemoryTls(Fixture.kmId(0).getBytes(StandardCharsets.UTF_8), Fixture.km(0));
            return () -> {
                if (tls.handshake(suite) != suite) throw new IllegalStateException("negotiated another suite");
            };
        };
    }

    /** Bare handshakes: connect (the full TLS handshake), then close (close_notify, FIN). */
    static Load.WorkerFactory bare(OpenSslPeer peer, int suite) {
        return thread -> () -> {
            SecureSession session = MafWire.connect(peer.port(thread), 0, suite);
            int negotiated = session.cipherSuite();
            session.close();
            if (negotiated != suite) throw new IllegalStateException("negotiated another suite");
        };
    }

    /** One Key Retrieval per fresh TLS connection, as MafClientImpl does it, with the suite fixed. */
    static Load.WorkerFactory retrieval(int port, int suite) {
        return thread -> {
            int client = thread % CLIENTS;
            long[] n = {0};
            return () -> {
                try (SecureSession session = MafWire.connect(port, client, suite);
                     PrimitiveTransport.Client wire = MafWire.TRANSPORT.client(session)) {
                    MafWire.expect(wire, MafWire.retrieveKey(client, randomKeyOf(client, KEYS), "rqi-" + thread + "-" + n[0]++), ResponseStatusCode.OK);
                }
            };
        };
    }

    /** The MAF Client API's own Key Retrieval: a new MafClient (holding no key yet) per call. */
    static Load.WorkerFactory mafClientApi(int port) {
        // one session per procedure: this contestant is the fresh-connection Key Retrieval through the API
        MafClientFactory factory = MafClientBuilder.create().secureChannels(MafWire.CHANNELS).primitiveTransport(MafWire.TRANSPORT)
                .sessionIdleTimeout(java.time.Duration.ZERO).buildFactory();
        return thread -> {
            int client = thread % CLIENTS;
            MafClientConfig config = MafClientConfig.withPsk(Fixture.MAF, "127.0.0.1", port, Fixture.clientId(client),
                    Fixture.kmId(client), Fixture.km(client));
            return () -> {
                try (MafClient c = factory.create(config)) {
                    c.retrieveKey(randomKeyOf(client, KEYS) + "@" + Fixture.MAF);
                }
            };
        };
    }

    /** A preloaded key that targets {@code client} (key j targets j mod CLIENTS). */
    static String randomKeyOf(int client, long keys) {
        long perClient = (keys - client + CLIENTS - 1) / CLIENTS;
        return Fixture.keyId(client + CLIENTS * ThreadLocalRandom.current().nextLong(perClient));
    }
}
