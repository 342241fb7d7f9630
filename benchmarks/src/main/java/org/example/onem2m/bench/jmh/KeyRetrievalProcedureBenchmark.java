package org.example.onem2m.bench.jmh;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.example.maf.impl.server.MafProcedures;
import org.example.maf.impl.server.Stakeholder;
import org.example.maf.impl.server.Stakeholders;
import org.example.onem2m.bench.Fixture;
import org.example.tef.api.channel.SecureSession;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.tef.impl.store.RegistrationStoresComponent;
import org.example.tef.spi.ClientRegistration;
import org.example.tef.spi.KeyRegistration;
import org.example.tef.spi.RegistrationStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The MAF's Key Retrieval procedure alone (MafProcedures.handle: routing, the rules, the store reads, the JSON
 * answer), without TLS or HTTP, on the in-memory store and on the MVStore store, 1,000 keys targeting one client.
 * Run with the MAF's log at WARN (the JMH forks are started so), so the per-retrieval INFO line is not included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeyRetrievalProcedureBenchmark {
    private static final int KEYS = 1_000;

    @Param({"memory", "mvstore"})
    public String store;

    private Path dir;
    private RegistrationStore registrations;
    private MafProcedures procedures;
    private final SecureSession session = new BenchSession();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        RegistrationStoresComponent stores = new RegistrationStoresComponent();
        if (store.equals("memory")) {
            registrations = stores.inMemory();
        } else {
            dir = Files.createTempDirectory("maf-jmh");
            registrations = stores.openDurable(dir.resolve("registry.mv.db"));
        }
        Instant now = Instant.now();
        registrations.putClientRegistration(new ClientRegistration(Fixture.registrationId(0), Fixture.clientId(0), Fixture.kmId(0),
                Fixture.SP, java.util.List.of(), Fixture.FAR, now));
        for (int j = 0; j < KEYS; j++) {
            registrations.putKeyRegistration(new KeyRegistration(Fixture.keyId(j), Fixture.clientId(1), Fixture.SP, Fixture.SUID,
                    java.util.List.of(Fixture.clientId(0)), java.util.List.of(), Fixture.FAR, Fixture.keyValue(j), now));
        }
        Stakeholders stakeholders = new Stakeholders();
        stakeholders.put(new Stakeholder(Fixture.SP, Set.of(Fixture.clientId(0), Fixture.clientId(1)), Duration.ofDays(365),
                Duration.ofDays(30), null));
        procedures = new MafProcedures(Fixture.MAF, registrations, stakeholders, Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        registrations.close();
        if (dir != null) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Benchmark
    public ResponsePrimitive retrieve() {
        String id = Fixture.keyId(ThreadLocalRandom.current().nextInt(KEYS));
        ResponsePrimitive r = procedures.handle(session, RequestPrimitive.of(Operation.RETRIEVE, "/" + Fixture.MAF + "/mafBase/keys/" + id).from(Fixture.clientId(0)).requestId("rqi").build());
        if (r.status() != ResponseStatusCode.OK) throw new IllegalStateException(r.toString());
        return r;
    }

    /** What the handshake would have established for client 0. */
    static final class BenchSession implements SecureSession {
        @Override public Authentication authentication() { return Authentication.PSK; }
        @Override public String serverName() { return Fixture.MAF; }
        @Override public String peerCredential() { return Fixture.kmId(0); }
        @Override public Optional<String> peerId() { return Optional.of(Fixture.clientId(0)); }
        @Override public int cipherSuite() { return 0x00A8; }
        @Override public byte[] exported(String label) { throw new IllegalArgumentException(label); }
        @Override public InputStream inputStream() { throw new UnsupportedOperationException(); }
        @Override public OutputStream outputStream() { throw new UnsupportedOperationException(); }
        @Override public void close() {}
    }
}
