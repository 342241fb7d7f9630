package org.example.onem2m.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.example.maf.api.MafServerBuilder;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.spi.ClientRegistration;
import org.example.tef.spi.KeyRegistration;
import org.example.tef.spi.RegistrationStore;

/**
 * Fills a MAF data directory through the store SPI (the MVStore file the MAF opens), before the MAF starts:
 * a live client registration for each of the bench clients, filler client registrations of other clients, and
 * key registrations j = 0..keys-1, each targeting bench client j mod clients. Many writer threads, so that the
 * store's group commit puts hundreds of writes in each commit and fsync. A marker file records what is in the
 * directory, so that a later run with the same numbers reuses it.
 */
public final class Preload {
    private static final String MARKER = "preload.properties";
    private static final int WRITERS = Integer.getInteger("bench.preloadWriters", 1024);

    private Preload() {}

    /** @return true if the directory had to be (re)built */
    public static boolean ensure(Path dir, int clients, long clientRegistrations, long keys, Log log) throws Exception {
        Properties wanted = new Properties();
        wanted.setProperty("format", "1");
        wanted.setProperty("clients", String.valueOf(clients));
        wanted.setProperty("clientRegistrations", String.valueOf(clientRegistrations));
        wanted.setProperty("keys", String.valueOf(keys));
        Path marker = dir.resolve(MARKER);
        if (Files.isRegularFile(marker) && Files.isRegularFile(dir.resolve(MafServerBuilder.STORE_FILE))) {
            Properties found = new Properties();
            try (var in = Files.newInputStream(marker)) {
                found.load(in);
            }
            if (found.equals(wanted)) {
                log.line("reusing preloaded store %s (%,d keys, %,d client registrations)", dir, keys, clientRegistrations);
                return false;
            }
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        long start = System.nanoTime();
        fill(dir.resolve(MafServerBuilder.STORE_FILE), clients, clientRegistrations, keys, log);
        double seconds = (System.nanoTime() - start) / 1e9;
        try (var out = Files.newOutputStream(marker)) {
            wanted.store(out, "what Preload put into " + MafServerBuilder.STORE_FILE);
        }
        log.line("preloaded %s: %,d keys and %,d client registrations in %.1f s (%,d bytes)", dir, keys, clientRegistrations,
                seconds, Files.size(dir.resolve(MafServerBuilder.STORE_FILE)));
        return true;
    }

    static void fill(Path file, int clients, long clientRegistrations, long keys, Log log) throws Exception {
        Instant now = Instant.now();
        long total = clientRegistrations + keys;
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        try (RegistrationStore store = TefStandalone.registrationStores().openDurable(file)) {
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    writers.add(pool.submit(() -> {
                        for (long n; (n = next.getAndIncrement()) < total; ) {
                            if (n < clientRegistrations) store.putClientRegistration(clientRegistration(n, clients, now));
                            else store.putKeyRegistration(keyRegistration(n - clientRegistrations, clients, now));
                            long d = done.incrementAndGet();
                            if (d % 200_000 == 0) log.line("  preload: %,d of %,d written", d, total);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : writers) f.get();
            } finally {
                pool.shutdownNow();
            }
            if (store.keyRegistrationCount() != keys || store.clientRegistrationCount() != clientRegistrations) {
                throw new IllegalStateException("preload wrote " + store.keyRegistrationCount() + " keys and "
                        + store.clientRegistrationCount() + " client registrations, not " + keys + " and " + clientRegistrations);
            }
        }
    }

    /** Registration n: bench client n for n < clients (a live one, for each client the load generator uses), else a filler. */
    static ClientRegistration clientRegistration(long n, int clients, Instant now) {
        if (n < clients) {
            int i = (int) n;
            return new ClientRegistration(Fixture.registrationId(i), Fixture.clientId(i), Fixture.kmId(i), Fixture.SP, List.of(), Fixture.FAR, now);
        }
        return new ClientRegistration("mcr-filler-" + n, "//" + Fixture.SP + "/filler-" + n, "km-filler-" + n + "@" + Fixture.MAF,
                Fixture.SP, List.of(), Fixture.FAR, now);
    }

    static KeyRegistration keyRegistration(long j, int clients, Instant now) {
        int target = Fixture.targetOf(j, clients);
        int source = (target + 1) % clients;
        return new KeyRegistration(Fixture.keyId(j), Fixture.clientId(source), Fixture.SP, Fixture.SUID,
                List.of(Fixture.clientId(target)), List.of(), Fixture.FAR, Fixture.keyValue(j), now);
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }
}
