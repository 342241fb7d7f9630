package org.example.onem2m.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.api.EnrolmentKey;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.wire.PrimitiveTransport;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Figures 10 and 11: the MEF.
 * <p>
 * Figure 10, durable MEF Key Registrations (TS-0003 8.3.5.2.7): a MEF in a JVM of its own ({@link MefServerMain}, durable
 * data directory, 32 PSK Enrolees pre-authorized by one stakeholder, each registered once before measuring), 32 client
 * threads on open sessions each registering self-generated keys with SUID 22 for one other client, exactly as figure 3
 * does at a MAF ({@link DurableFigure#registrations}); the MAF of figure 3 runs next to it and the two are measured in
 * alternating rounds. Target: MEF rate / MAF rate at least 1.0.
 * <p>
 * Figure 11, remote provisioning (8.8.2.3 with 8.3.2.1): MAF Client Registrations each in a new TLS-PSK session to the
 * MAF, whose psk_identity is a KeID of a device enrolled at the MEF beforehand and whose psk is the usage-constrained
 * key of 10.3.7 (SUID 21, the MAF's FQDN), so that the MAF fetches Km from the MEF in the handshake; every registration
 * (followed by its De-registration on the same session: one registration per client and stakeholder) uses a KeID the MAF has never fetched (the MAF caches fetched credentials per KeID), from a pool of enrolments made
 * at the MEF between rounds (each MEF Handshake of an Enrolee creates a new Ke). Beside it, in alternating rounds, the
 * same registrations with the pre-provisioned Km (a configured KmID). MAF and MEF each in a JVM of its own. Target:
 * remote at least 50 % of pre-provisioned.
 * <p>
 * Options: --mef-figures (10,11), --mef-clients (32, figure 10's threads), --mef-warmup (10 s), --mef-seconds (5 s per
 * round), --mef-rounds (4), --mef-remote-clients (32, figure 11's threads, at most 32), --mef-jvm (extra JVM options of the MEF
 * process), --maf-jvm, --maf-log (the MAF's and the MEF's level, INFO).
 */
final class MefFigure {
    private static final int CLIENTS = HandshakeFigure.CLIENTS;
    private static final Fixture.Function MEF = Fixture.Function.MEF;
    /** Each round's own warm-up: new sessions, the other process was busy meanwhile. */
    private static final double REWARM = 2;
    private static final String REGISTRATION_ID = "mafClientRegID";

    private MefFigure() {}

    static void run(Options o, Log log) throws Exception {
        List<String> figures = List.of(o.text("mef-figures", "10,11").split(","));
        if (figures.contains("10")) keyRegistrations(o, log);
        if (figures.contains("11")) remoteProvisioning(o, log);
    }

    // --- figure 10 ---------------------------------------------------------------------------------------------

    static void keyRegistrations(Options o, Log log) throws Exception {
        int threads = o.integer("mef-clients", 32);
        double warmup = o.decimal("mef-warmup", 10);
        double seconds = o.decimal("mef-seconds", 5);
        int rounds = o.integer("mef-rounds", 4);
        String level = o.text("maf-log", "INFO");
        log.line("");
        log.line("== Figure 10: durable MEF Key Registrations (8.3.5.2.7, SUID 22, self-generated key, one target), %d clients on open"
                + " sessions, beside figure 3's MAF Key Registrations (8.8.2.7, SUID 32), alternating rounds", threads);
        Path mafDir = o.out.resolve("store-mef-fig10-maf");
        Path mefDir = o.out.resolve("store-mef-fig10-mef");
        Preload.deleteTree(mafDir);
        Preload.deleteTree(mefDir);
        Preload.ensure(mafDir, CLIENTS, CLIENTS, 0, log);
        Files.createDirectories(mefDir);
        try (MafProcess maf = MafProcess.start(o.mafJvm("-Xmx1g"), mafDir, CLIENTS, o.out.resolve("maf-fig10.log"), level);
             MafProcess mef = MafProcess.start(MefServerMain.class, List.of(), o.jvm("mef-jvm", "-Xmx1g"), mefDir, CLIENTS,
                     o.out.resolve("mef-fig10.log"), level)) {
            registerClients(mef.port, CLIENTS);
            log.line("MAF pid %d, MEF pid %d (each -Xmx1g, durable store, log level %s); the %d Enrolees registered once at the MEF;"
                    + " warm-up %.0f s each, then %d rounds of %.0f s (after %.0f s of new sessions) each", maf.pid(), mef.pid(), level, CLIENTS,
                    warmup, rounds, seconds, REWARM);
            Load.WorkerFactory mafLoad = DurableFigure.registrations(Fixture.Function.MAF, maf.port, null);
            Load.WorkerFactory mefLoad = DurableFigure.registrations(MEF, mef.port, null);
            log.line("  warm-up MAF: %s", Load.run(threads, mafLoad, warmup, 1));
            log.line("  warm-up MEF: %s", Load.run(threads, mefLoad, warmup, 1));
            Rounds r = alternate(log, rounds, "MAF", () -> Load.run(threads, mafLoad, REWARM, seconds),
                    "MEF", () -> Load.run(threads, mefLoad, REWARM, seconds));
            double ratio = Stats.median(r.ratios);
            log.line("Figure 10 result: MEF %,.0f/s (rounds %s), MAF %,.0f/s (rounds %s); MEF / MAF %.2f (rounds %s; spread of the rounds:"
                    + " MEF %.0f %%, MAF %.0f %%); other jobs %s %% of the machine; target MEF >= MAF (ratio >= 1.0): %s",
                    Stats.median(r.b), Stats.range(r.b, "%,.0f"), Stats.median(r.a), Stats.range(r.a, "%,.0f"), ratio,
                    Stats.range(r.ratios, "%.2f"), spread(r.b), spread(r.a), Stats.range(r.others, "%.0f"),
                    ratio >= 1.0 ? "MET" : Stats.max(r.ratios) >= 1.0 ? "MISSED by the median, within the rounds' noise" : "MISSED");
        }
        Preload.deleteTree(mafDir);
        Preload.deleteTree(mefDir);
    }

    /** 8.3.5.2.3 MEF Client Registration of bench clients 0..n-1, each on its own session. */
    static void registerClients(int mefPort, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            try (MafWire.Session s = new MafWire.Session(MEF, mefPort, i, 0)) {
                MafWire.expect(s.client, MafWire.registerClient(MEF, Fixture.clientId(i), Fixture.FAR, "reg-" + i), ResponseStatusCode.CREATED);
            }
        }
    }

    // --- figure 11 ---------------------------------------------------------------------------------------------

    static void remoteProvisioning(Options o, Log log) throws Exception {
        int threads = o.integer("mef-remote-clients", 32);
        double warmup = o.decimal("mef-warmup", 10);
        double seconds = o.decimal("mef-seconds", 5);
        int rounds = o.integer("mef-rounds", 4);
        String level = o.text("maf-log", "INFO");
        log.line("");
        log.line("== Figure 11: MAF Client Registrations (each followed by its De-registration on the same session), each in a new TLS-PSK session, %d clients: psk_identity a KeID never fetched"
                + " before (the MAF fetches its Km from the MEF in the handshake) vs a pre-provisioned KmID, alternating rounds", threads);
        Path mafDir = o.out.resolve("store-mef-fig11-maf");
        Path mefDir = o.out.resolve("store-mef-fig11-mef");
        Preload.deleteTree(mafDir);
        Preload.deleteTree(mefDir);
        Files.createDirectories(mafDir); // empty: the bench clients register here (a preloaded registration would conflict)
        Files.createDirectories(mefDir);
        Path mafLog = o.out.resolve("maf-fig11.log");
        AtomicLong used = new AtomicLong();
        try (MafProcess mef = MafProcess.start(MefServerMain.class, List.of(), o.jvm("mef-jvm", "-Xmx1g"), mefDir, CLIENTS,
                o.out.resolve("mef-fig11.log"), level);
             MafProcess maf = MafProcess.start(MafServerMain.class, List.of(MEF.fqdn, String.valueOf(mef.port)), o.mafJvm("-Xmx1g"), mafDir,
                     CLIENTS, mafLog, level)) {
            log.line("MEF pid %d, MAF pid %d fetching from it (each -Xmx1g, durable stores, log level %s); warm-up %.0f s each, then %d rounds"
                    + " of %.0f s (after %.0f s of warm-up) each", mef.pid(), maf.pid(), level, warmup, rounds, seconds, REWARM);
            KeIdPool pool = new KeIdPool(mef.port, threads);
            AtomicLong remoteRate = new AtomicLong(1_000); // a first guess of the remote rate, for the first pool
            Load.WorkerFactory pre = preProvisioned(maf.port);
            Load.WorkerFactory remote = remote(maf.port, pool);
            log.line("  warm-up pre-provisioned: %s", Load.run(threads, pre, warmup, 1));
            pool.fill((long) (remoteRate.get() * (warmup + 1) * 1.5), log);
            Load.Result w = Load.run(threads, remote, warmup, 1);
            remoteRate.set((long) w.perSecond());
            log.line("  warm-up remote: %s", w);
            Rounds r = alternate(log, rounds, "pre-provisioned", () -> Load.run(threads, pre, REWARM, seconds), "remote", () -> {
                pool.fill((long) (remoteRate.get() * (REWARM + seconds) * 1.5), log);
                Load.Result x = Load.run(threads, remote, REWARM, seconds);
                remoteRate.set(Math.max(remoteRate.get(), (long) x.perSecond()));
                return x;
            });
            log.line("  KeIDs enrolled at the MEF: %,d, of them enrolled by a worker during a round because the pool was empty: %,d",
                    pool.enrolled.get(), pool.shortfall.get());
            double ratio = Stats.median(r.ratios);
            log.line("Figure 11 result: remote %,.0f/s (rounds %s), pre-provisioned %,.0f/s (rounds %s); remote / pre-provisioned %.0f %%"
                    + " (rounds %s; spread of the rounds: remote %.0f %%, pre-provisioned %.0f %%); other jobs %s %% of the machine;"
                    + " target >= 50 %%: %s", Stats.median(r.b), Stats.range(r.b, "%,.0f"), Stats.median(r.a), Stats.range(r.a, "%,.0f"),
                    100 * ratio, Stats.range(r.ratios.stream().map(x -> 100 * x).toList(), "%.0f %%"), spread(r.b), spread(r.a),
                    Stats.range(r.others, "%.0f"), Stats.verdict(ratio >= 0.5));
            used.set(pool.used.get());
        }
        long fetched; // counted once the MAF has stopped, so its log is complete
        try (var lines = Files.lines(mafLog)) {
            fetched = lines.filter(l -> l.contains("fetched from MEF")).count();
        }
        log.line("  the MAF's log: %,d Km fetched from the MEF; %,d remote registrations were attempted (warm-ups included): %s", fetched,
                used.get(), fetched == used.get() ? "one fetch each" : "NOT one fetch each");
        Preload.deleteTree(mafDir);
        Preload.deleteTree(mefDir);
    }

    /**
     * On one session: a MAF Client Registration of {@code client} whose answer must carry {@code attribute}, then its
     * de-registration (a MAF Client has one registration per stakeholder, 8.8.2.3, so the next call may register again).
     */
    private static void registerAndDeregister(PrimitiveTransport.Client c, String client, String attribute, String requestId) throws IOException {
        ResponsePrimitive r = MafWire.expect(c, MafWire.registerClient(Fixture.Function.MAF, client, Fixture.FAR, requestId), ResponseStatusCode.CREATED);
        JsonObject body = JsonParser.parseString(r.content()).getAsJsonObject().getAsJsonObject(MafWire.CLIENT_REG);
        if (body == null || !body.has(attribute)) throw new IOException("no " + attribute + " in " + r);
        MafWire.expect(c, MafWire.deregisterClient(Fixture.Function.MAF, client, body.get(REGISTRATION_ID).getAsString(), requestId + "-d"),
                ResponseStatusCode.DELETED);
    }

    /** A MAF Client Registration and De-registration in a new session with bench client {@code thread}'s pre-provisioned KmID. */
    static Load.WorkerFactory preProvisioned(int mafPort) {
        return thread -> {
            int client = ownClient(thread);
            long[] n = {0};
            return () -> {
                try (SecureSession s = MafWire.connect(Fixture.MAF, mafPort, Fixture.credential(client), List.of(KeyExport.CONNECTION_LABEL));
                     PrimitiveTransport.Client c = MafWire.TRANSPORT.client(s)) {
                    registerAndDeregister(c, Fixture.clientId(client), REGISTRATION_ID, "pre-" + thread + "-" + n[0]++);
                }
            };
        };
    }

    /** Thread t is bench client t: no two threads register the same client at the same time. */
    private static int ownClient(int thread) {
        if (thread >= CLIENTS) throw new IllegalArgumentException("figure 11 runs at most " + CLIENTS + " threads, one per bench client");
        return thread;
    }

    /**
     * A MAF Client Registration and De-registration in a new session with the next unused KeID of bench client
     * {@code thread} from the pool and its Km (10.3.7: SUID 21, the MAF's FQDN); the answer must assign a KmID
     * (assignedSymmKeyID), which only a KeID session gets. An empty pool is refilled by the worker itself, outside the
     * call's time.
     */
    static Load.WorkerFactory remote(int mafPort, KeIdPool pool) {
        return thread -> {
            int client = ownClient(thread);
            long[] n = {0};
            long[] untimed = {0};
            return new Load.Worker() {
                @Override
                public void call() throws Exception {
                    pool.used.incrementAndGet();
                    Enrolled e = pool.queues.get(client).poll();
                    if (e == null) {
                        long t0 = System.nanoTime();
                        e = pool.enrol(client);
                        pool.shortfall.incrementAndGet();
                        untimed[0] += System.nanoTime() - t0;
                    }
                    PskCredential psk = new PskCredential(e.key.keId(), e.key.usageConstrainedKey(21, Fixture.MAF), null);
                    try (SecureSession s = MafWire.connect(Fixture.MAF, mafPort, psk, List.of(KeyExport.CONNECTION_LABEL));
                         PrimitiveTransport.Client c = MafWire.TRANSPORT.client(s)) {
                        registerAndDeregister(c, Fixture.clientId(e.enrolee), MafWire.ASSIGNED_SYMM_KEY_ID, "remote-" + thread + "-" + n[0]++);
                    }
                }

                @Override
                public long untimedNanos() { return untimed[0]; }
            };
        };
    }

    /** An Enrolment Key of bench Enrolee {@code enrolee}, as the device derived it. */
    static final class Enrolled {
        final int enrolee;
        final EnrolmentKey key;

        Enrolled(int enrolee, EnrolmentKey key) {
            this.enrolee = enrolee;
            this.key = key;
        }
    }

    /** Enrolments at the MEF not yet used at the MAF, per Enrolee 0..n-1 (one per load thread), made between rounds. */
    static final class KeIdPool {
        final List<ConcurrentLinkedQueue<Enrolled>> queues = new ArrayList<>();
        final AtomicLong enrolled = new AtomicLong();
        final AtomicLong shortfall = new AtomicLong();
        /** KeIDs taken by remote registrations (warm-ups included): the MAF must have fetched as many Km. */
        final AtomicLong used = new AtomicLong();
        private final int mefPort;
        private final AtomicInteger next = new AtomicInteger();

        KeIdPool(int mefPort, int enrolees) {
            this.mefPort = mefPort;
            for (int i = 0; i < enrolees; i++) queues.add(new ConcurrentLinkedQueue<>());
        }

        long size() { return queues.stream().mapToLong(ConcurrentLinkedQueue::size).sum(); }

        /**
         * The MEF Handshake of Enrolee {@code enrolee} with its Kpm (8.3.5.2.2): the Ke both sides export (10.3.1); one
         * request, so that the MEF has stored its Ke (it does before serving the first) when this returns.
         */
        Enrolled enrol(int enrolee) throws IOException {
            try (SecureSession s = MafWire.connect(MEF.fqdn, mefPort, MEF.credential(enrolee), List.of(KeyExport.BOOTSTRAP_LABEL));
                 PrimitiveTransport.Client c = MafWire.TRANSPORT.client(s)) {
                c.send(RequestPrimitive.of(Operation.RETRIEVE, MafWire.base(MEF)).from(Fixture.clientId(enrolee)).requestId("enrol").build());
                enrolled.incrementAndGet();
                return new Enrolled(enrolee, EnrolmentKey.fromBootstrapExport(s.exported(KeyExport.BOOTSTRAP_LABEL), MEF.fqdn));
            }
        }

        /** Enrols until the pool holds {@code wanted}, with 16 threads. */
        void fill(long wanted, Log log) throws Exception {
            long missing = wanted - size();
            if (missing <= 0) return;
            long t0 = System.nanoTime();
            AtomicLong left = new AtomicLong(missing);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> all = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    all.add(pool.submit(() -> {
                        while (left.getAndDecrement() > 0) {
                            int enrolee = Math.floorMod(next.getAndIncrement(), queues.size());
                            queues.get(enrolee).add(enrol(enrolee));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : all) f.get();
            } finally {
                pool.shutdownNow();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (log != null) log.line("  (enrolled %,d devices at the MEF in %.1f s, %,.0f MEF Handshakes with a durable Ke/s, between rounds)",
                    missing, s, missing / s);
        }
    }

    // --- rounds ------------------------------------------------------------------------------------------------

    @FunctionalInterface
    interface Measure {
        Load.Result run() throws Exception;
    }

    /** Rates of a and b, b / a per round, and the share of the machine other jobs used in each window (percent). */
    static final class Rounds {
        final List<Double> a = new ArrayList<>();
        final List<Double> b = new ArrayList<>();
        final List<Double> ratios = new ArrayList<>();
        final List<Double> others = new ArrayList<>();
    }

    /** Rounds of a and b, a first in odd rounds and b first in even ones (so that neither always runs on a warmer machine). */
    static Rounds alternate(Log log, int rounds, String aName, Measure a, String bName, Measure b) throws Exception {
        Rounds r = new Rounds();
        for (int i = 1; i <= rounds; i++) {
            Load.Result ra;
            Load.Result rb;
            if (i % 2 == 1) {
                ra = a.run();
                rb = b.run();
            } else {
                rb = b.run();
                ra = a.run();
            }
            log.line("  round %d %s: %s", i, aName, ra);
            log.line("  round %d %s: %s", i, bName, rb);
            r.a.add(ra.perSecond());
            r.b.add(rb.perSecond());
            r.ratios.add(rb.perSecond() / ra.perSecond());
            r.others.add(100 * ra.cpuOthers);
            r.others.add(100 * rb.cpuOthers);
            log.line("  round %d: %s / %s = %.2f", i, bName, aName, rb.perSecond() / ra.perSecond());
        }
        return r;
    }

    /** (max - min) / median, in percent. */
    static double spread(List<Double> values) {
        return 100 * (Stats.max(values) - Stats.min(values)) / Stats.median(values);
    }
}
