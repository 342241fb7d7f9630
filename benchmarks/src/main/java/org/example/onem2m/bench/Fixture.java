package org.example.onem2m.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.TlsClientConfig;

/**
 * The names and keys every benchmark uses, derived from numbers so that a preloading process, the MAF process
 * and the load generator agree without sharing state: MAF Client i (its KmID, Km and CSE-ID), and key
 * registration j (its RelativeKeyID, value and the one client it targets).
 */
public final class Fixture {
    public static final String MAF = "maf.example.com";
    public static final String SP = "sp.example.com";
    /** Far enough ahead that nothing expires during a run; stored records are not re-checked against lifetimes. */
    public static final Instant FAR = Instant.parse("2099-01-01T00:00:00Z");
    /** SAEF (TS-0004 6.3.4.2.39): exactly one target. */
    public static final int SUID = 32;
    private static final HexFormat HEX = HexFormat.of();

    private Fixture() {}

    public static String clientId(int i) { return "//" + SP + "/bench-" + i; }

    public static String kmId(int i) { return "km-bench-" + i + "@" + MAF; }

    public static byte[] km(int i) { return sha256("km-bench-" + i); }

    public static PskCredential credential(int i) { return new PskCredential(kmId(i), km(i), clientId(i)); }

    public static List<PskCredential> credentials(int clients) {
        List<PskCredential> all = new ArrayList<>();
        for (int i = 0; i < clients; i++) all.add(credential(i));
        return all;
    }

    /** How a MAF Client connects: as MafClientImpl does (SNI = MAF-FQDN, EXPORTER-oneM2M-Connection exported). */
    public static TlsClientConfig tls(int port, int client) {
        return TlsClientConfig.builder("127.0.0.1", port, MAF).psk(credential(client))
                .exporterLabels(List.of(KeyExport.CONNECTION_LABEL)).build();
    }

    /** {@link #tls(int, int)} offering only {@code suite} (a {@code CipherSuites} code point). */
    public static TlsClientConfig tls(int port, int client, int suite) {
        return TlsClientConfig.builder("127.0.0.1", port, MAF).psk(credential(client))
                .exporterLabels(List.of(KeyExport.CONNECTION_LABEL)).cipherSuites(suite).build();
    }

    /** The mafClientRegID of bench client i's preloaded registration. */
    public static String registrationId(int i) { return "mcr-bench-" + i; }

    /** RelativeKeyID of preloaded key j: "k" and 32 hex digits, spread over the key space like the MAF's own. */
    public static String keyId(long j) {
        return "k" + HEX.toHexDigits(mix(j)) + HEX.toHexDigits(mix(j ^ 0x5DEECE66DL));
    }

    /** The one Target MAF Client of preloaded key j; key j is registered by client (j + 1) mod clients. */
    public static int targetOf(long j, int clients) { return (int) (j % clients); }

    /** The 32-byte value of preloaded key j. */
    public static byte[] keyValue(long j) {
        byte[] v = new byte[32];
        for (int w = 0; w < 4; w++) {
            long x = mix(j * 4 + w + 0x1234567L);
            for (int b = 0; b < 8; b++) v[w * 8 + b] = (byte) (x >>> (8 * b));
        }
        return v;
    }

    /** SplitMix64's finalizer: a bijection on longs that looks random. */
    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
