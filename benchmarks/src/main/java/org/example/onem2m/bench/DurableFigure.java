package org.example.onem2m.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.example.maf.api.MafClientBuilder;
import org.example.maf.api.MafServerBuilder;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.primitive.ResponsePrimitive;

/**
 * Figure 3: durable Key Registrations. 32 client threads on open sessions, each registering self-generated keys
 * (one session can register many; an exported key is one per session) with the MAF on its MVStore store, which
 * answers 2001 only once the registration is committed and fsynced (group commit). Then the kill -9 check: a MAF
 * under the same load is killed with SIGKILL, restarted on its file, and every registration it had acknowledged
 * is retrieved from it by its target and compared with the value sent.
 */
final class DurableFigure {
    private static final int CLIENTS = HandshakeFigure.CLIENTS;

    private DurableFigure() {}

    static void run(Options o, Log log) throws Exception {
        int threads = o.integer("durable-clients", 32);
        double warmup = o.decimal("durable-warmup", 10);
        double seconds = o.decimal("durable-seconds", 10);
        String mafLog = o.text("maf-log", "INFO");
        log.line("");
        log.line("== Figure 3: durable Key Registrations (2001 only after commit + fsync), %d concurrent clients", threads);
        Path dir = o.out.resolve("store-durable");
        Preload.deleteTree(dir);
        Preload.ensure(dir, CLIENTS, CLIENTS, 0, log);
        try (MafProcess maf = MafProcess.start(o.mafJvm("-Xmx1g"), dir, CLIENTS, o.out.resolve("maf-durable.log"), mafLog)) {
            log.line("MAF process pid %d, log level %s, %.0f s warm-up, %.0f s measured; store %s", maf.pid(), mafLog, warmup, seconds,
                    dir.resolve(MafServerBuilder.STORE_FILE));
            Load.Result r = Load.run(threads, registrations(maf.port, null), warmup, seconds);
            log.line("  %s", r);
            log.line("Figure 3 result: %,.0f durable Key Registrations/s, p50 %.2f ms, p99 %.2f ms (target >= 2,000/s: %s; raised target >= 4,000/s: %s)",
                    r.perSecond(), r.micros(50) / 1000, r.micros(99) / 1000, Stats.verdict(r.perSecond() >= 2_000),
                    Stats.verdict(r.perSecond() >= 4_000));
            Load.Result api = Load.run(threads, apiRegistrations(maf.port), 2, o.decimal("durable-api-seconds", 5));
            log.line("  for comparison, the MAF Client API (registerKey with the key exported from the TLS session, so one session per"
                    + " registration): %s", api);
        }
        log.line("store file after the run: %,d bytes", Files.size(dir.resolve(MafServerBuilder.STORE_FILE)));
        Preload.deleteTree(dir);
        crash(o, log, threads, mafLog);
    }

    /** A registered key as its source saw it acknowledged. */
    static final class Acked {
        final String relativeKeyId;
        final int target;
        final byte[] value;

        Acked(String relativeKeyId, int target, byte[] value) {
            this.relativeKeyId = relativeKeyId;
            this.target = target;
            this.value = value;
        }
    }

    /**
     * Thread t is MAF Client t mod 32 registering 32-byte random keys for client t+1 on one open session. With
     * {@code acked} set, each 2001 is recorded with its value.
     */
    static Load.WorkerFactory registrations(int port, ConcurrentLinkedQueue<Acked> acked) {
        return registrations(Fixture.Function.MAF, port, acked);
    }

    /** {@link #registrations(int, ConcurrentLinkedQueue)} at a MAF or a MEF (figure 10: 8.3.5.2.7, SUID 22). */
    static Load.WorkerFactory registrations(Fixture.Function f, int port, ConcurrentLinkedQueue<Acked> acked) {
        return thread -> {
            int client = thread % CLIENTS;
            int target = (client + 1) % CLIENTS;
            MafWire.Session session = new MafWire.Session(f, port, client, 0);
            long[] n = {0};
            return new Load.Worker() {
                @Override
                public void call() throws Exception {
                    byte[] value = new byte[32];
                    ThreadLocalRandom.current().nextBytes(value);
                    ResponsePrimitive r = MafWire.expect(session.client, MafWire.registerKey(f, client, target, value,
                            Instant.now().plusSeconds(3600), "rqi-" + thread + "-" + n[0]++), ResponseStatusCode.CREATED);
                    if (acked != null) acked.add(new Acked(MafWire.attribute(r, MafWire.KEY_REG, MafWire.RELATIVE_KEY_ID), target, value));
                }

                @Override
                public void close() throws Exception { session.close(); }
            };
        };
    }

    /** MafClient.registerKey(exported): the MAF Client API's own path, a TLS session of its own per registration. */
    static Load.WorkerFactory apiRegistrations(int port) {
        org.example.maf.api.MafClientFactory factory =
                MafClientBuilder.create().secureChannels(MafWire.CHANNELS).primitiveTransport(MafWire.TRANSPORT)
                        .sessionIdleTimeout(java.time.Duration.ZERO).buildFactory(); // as measured before sessions were kept
        return thread -> {
            int client = thread % CLIENTS;
            org.example.maf.api.MafClient c = factory.create(org.example.maf.api.MafClientConfig.withPsk(Fixture.MAF, "127.0.0.1", port,
                    Fixture.clientId(client), Fixture.kmId(client), Fixture.km(client)));
            List<String> target = List.of(Fixture.clientId((client + 1) % CLIENTS));
            return () -> c.registerKey(org.example.maf.api.KeyRegistrationRequest.exported(Fixture.SP, Instant.now().plusSeconds(3600),
                    Fixture.SUID, target, List.of()));
        };
    }

    static void crash(Options o, Log log, int threads, String mafLog) throws Exception {
        double before = o.decimal("crash-seconds", 4);
        log.line("");
        log.line("-- kill -9 check: %d clients register for %.0f s, the MAF process gets SIGKILL under load, restarts on its file", threads, before);
        Path dir = o.out.resolve("store-crash");
        Preload.deleteTree(dir);
        Preload.ensure(dir, CLIENTS, CLIENTS, 0, log);
        ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong failedAfterKill = new AtomicLong();
        Path logFile = o.out.resolve("maf-crash.log");
        MafProcess maf = MafProcess.start(o.mafJvm("-Xmx1g"), dir, CLIENTS, logFile, mafLog);
        List<Thread> writers = new ArrayList<>();
        try {
            Load.WorkerFactory factory = registrations(maf.port, acked);
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread w = new Thread(() -> {
                    try (Load.Worker worker = factory.create(id)) {
                        while (!stop.get()) worker.call();
                    } catch (Exception e) {
                        failedAfterKill.incrementAndGet(); // the kill broke its session mid-request
                    }
                }, "crash-writer-" + t);
                w.setDaemon(true);
                writers.add(w);
                w.start();
            }
            Thread.sleep((long) (before * 1000));
            maf.kill9();
            log.line("SIGKILL to MAF pid %d after %,d acknowledged registrations", maf.pid(), acked.size());
        } finally {
            stop.set(true);
            for (Thread w : writers) w.join(30_000);
            maf.close();
        }
        log.line("%d of %d writers were cut off mid-request by the kill (their registration was never acknowledged)", failedAfterKill.get(), threads);
        Map<Integer, List<Acked>> byTarget = new ConcurrentHashMap<>();
        for (Acked a : acked) byTarget.computeIfAbsent(a.target, k -> new ArrayList<>()).add(a);
        AtomicLong present = new AtomicLong();
        AtomicLong missing = new AtomicLong();
        AtomicLong wrongValue = new AtomicLong();
        try (MafProcess restarted = MafProcess.start(o.mafJvm("-Xmx1g"), dir, CLIENTS, o.out.resolve("maf-crash-restart.log"), mafLog)) {
            log.line("restarted MAF pid %d on the same file in %d ms", restarted.pid(), restarted.startMillis);
            List<Thread> checkers = new ArrayList<>();
            List<Exception> failures = new ArrayList<>();
            for (Map.Entry<Integer, List<Acked>> e : byTarget.entrySet()) {
                Thread c = new Thread(() -> {
                    try (MafWire.Session s = new MafWire.Session(restarted.port, e.getKey(), 0)) {
                        long n = 0;
                        for (Acked a : e.getValue()) {
                            ResponsePrimitive r = s.client.send(MafWire.retrieveKey(e.getKey(), a.relativeKeyId, "check-" + n++));
                            if (r.status() == ResponseStatusCode.NOT_FOUND) { missing.incrementAndGet(); continue; }
                            if (r.status() != ResponseStatusCode.OK) throw new IllegalStateException(a.relativeKeyId + ": " + r);
                            byte[] value = java.util.Base64.getDecoder().decode(MafWire.attribute(r, MafWire.KEY_REG, MafWire.KEY_VALUE));
                            if (Arrays.equals(value, a.value)) present.incrementAndGet();
                            else wrongValue.incrementAndGet();
                        }
                    } catch (Exception ex) {
                        synchronized (failures) { failures.add(ex); }
                    }
                });
                checkers.add(c);
                c.start();
            }
            for (Thread c : checkers) c.join();
            if (!failures.isEmpty()) throw new IllegalStateException("checking the restarted MAF failed", failures.get(0));
        }
        boolean ok = missing.get() == 0 && wrongValue.get() == 0 && present.get() == acked.size();
        log.line("kill -9 result: %,d acknowledged before the kill; after restart %,d present with the value sent, %,d missing, %,d with another value: %s",
                acked.size(), present.get(), missing.get(), wrongValue.get(), ok ? "NOTHING LOST" : "LOST ACKNOWLEDGED REGISTRATIONS");
        Preload.deleteTree(dir);
    }
}
