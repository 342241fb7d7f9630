package org.example.onem2m.bench.jmh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.example.onem2m.bench.Fixture;
import org.example.onem2m.bench.InMemoryTls;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.CipherSuites;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.channel.TlsServerConfig;
import org.example.tef.api.standalone.InMemoryHandshakes;
import org.example.tef.api.standalone.TefStandalone;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Full TLS 1.2 PSK handshakes in memory, client and server on the benchmark thread: {@code rawBc} is Bouncy
 * Castle's own PSKTlsClient/PSKTlsServer; {@code product} is tef's own TLS client and server (TefStandalone.inMemoryHandshakes(): SNI required
 * and checked, PSK look-up, RFC 5705 export on both sides), as the MAF and MAF Client run them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PskHandshakeBenchmark {
    @Param({"PSK_AES_128_CBC_SHA256", "PSK_AES_128_GCM_SHA256", "PSK_AES_128_CCM", "PSK_AES_128_CCM_8"})
    public String suite;

    private int code;
    private InMemoryTls raw;
    private InMemoryHandshakes product;
    private TlsServerConfig serverConfig;
    private TlsClientConfig clientConfig;

    @Setup
    public void setUp() {
        code = suiteCode(suite);
        raw = new InMemoryTls(Fixture.kmId(0).getBytes(StandardCharsets.UTF_8), Fixture.km(0));
        product = TefStandalone.inMemoryHandshakes();
        PskCredential credential = Fixture.credential(0);
        serverConfig = TlsServerConfig.builder(Fixture.MAF)
                .psk(identity -> identity.equalsIgnoreCase(credential.identity()) ? Optional.of(credential) : Optional.empty())
                .exporterLabels(List.of(KeyExport.CONNECTION_LABEL)).build();
        clientConfig = Fixture.tls(1, 0, code);
    }

    @Benchmark
    public int rawBc() throws IOException {
        return raw.handshake(code);
    }

    @Benchmark
    public int product() throws IOException {
        return product.handshake(serverConfig, clientConfig);
    }

    public static int suiteCode(String name) {
        switch (name) {
            case "PSK_AES_128_CBC_SHA256": return CipherSuites.TLS_PSK_WITH_AES_128_CBC_SHA256;
            case "PSK_AES_128_GCM_SHA256": return CipherSuites.TLS_PSK_WITH_AES_128_GCM_SHA256;
            case "PSK_AES_128_CCM": return CipherSuites.TLS_PSK_WITH_AES_128_CCM;
            case "PSK_AES_128_CCM_8": return CipherSuites.TLS_PSK_WITH_AES_128_CCM_8;
            default: throw new IllegalArgumentException(name);
        }
    }
}
