package org.example.onem2m.bench.jmh;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.example.onem2m.bench.Fixture;
import org.example.tef.api.KeyExport;
import org.example.tef.api.Suids;
import org.example.tef.api.channel.SecureSession;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.tef.core.Stakeholder;
import org.example.tef.core.Stakeholders;
import org.example.tef.core.TefFunction;
import org.example.tef.core.TefProcedures;
import org.example.tef.spi.ClientRegistration;
import org.example.tef.spi.KeyRegistration;
import org.example.tef.spi.RegistrationStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The Key Retrieval procedure alone (tef core's TefProcedures.handle with the MAF's names: routing, the rules, the
 * store reads, the JSON answer), without TLS or HTTP, 1,000 keys targeting one client. Only exported packages: the
 * core, tef's SPI and a map store of this package (tef's in-memory and MVStore stores are private to its bundle, so
 * the MVStore variant this benchmark had is gone until tef exports a way to open one outside OSGi). Run with the log
 * at WARN (the JMH forks are started so).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeyRetrievalProcedureBenchmark {
    private static final int KEYS = 1_000;

    /** The MAF's definition as its bundle makes it (maf impl.protocol.MafFunction), from exported types only. */
    static final TefFunction MAF = TefFunction.builder("MAF").clause("8.8.2").base("mafBase")
            .clientRegWrapper("sec:mafClientReg").clientCfgWrapper("sec:mafClientCfg").clientRegIdName("mafClientRegID")
            .clientIdName("mafClientID").sourceClientIdName("sourceMafClientID").registrationIdPrefix("mcr-")
            .keySuids(Suids.MAF_DISTRIBUTED, "MAF-distributed").exporterLabel(KeyExport.CONNECTION_LABEL)
            .logCategory("org.example.maf.procedures").build();

    private RegistrationStore registrations;
    private TefProcedures procedures;
    private final SecureSession session = new BenchSession();

    @Setup(Level.Trial)
    public void setUp() {
        registrations = new MapRegistrationStore();
        Instant now = Instant.now();
        registrations.putClientRegistration(new ClientRegistration(Fixture.registrationId(0), Fixture.clientId(0), Fixture.kmId(0),
                Fixture.SP, List.of(), Fixture.FAR, now));
        for (int j = 0; j < KEYS; j++) {
            registrations.putKeyRegistration(new KeyRegistration(Fixture.keyId(j), Fixture.clientId(1), Fixture.SP, Fixture.SUID,
                    List.of(Fixture.clientId(0)), List.of(), Fixture.FAR, Fixture.keyValue(j), now));
        }
        Stakeholders stakeholders = new Stakeholders();
        stakeholders.put(new Stakeholder(Fixture.SP, Set.of(Fixture.clientId(0), Fixture.clientId(1)), Duration.ofDays(365),
                Duration.ofDays(30), null));
        procedures = new TefProcedures(MAF, Fixture.MAF, registrations, stakeholders, Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registrations.close();
    }

    @Benchmark
    public ResponsePrimitive retrieve() {
        String id = Fixture.keyId(ThreadLocalRandom.current().nextInt(KEYS));
        ResponsePrimitive r = procedures.handle(session, RequestPrimitive.of(Operation.RETRIEVE, MAF.keyPath(Fixture.MAF, id)).from(Fixture.clientId(0)).requestId("rqi").build());
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
