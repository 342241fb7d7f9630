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
    /** The MAF's PSK at the MEF, as one of the MEF's Enrolment Targets (figure 11: remote provisioning). */
    public static final String MAF_AT_MEF = "maf-bench@" + Function.MEF.fqdn;

    private Fixture() {}

    /**
     * The function a bench client talks to, by the names that differ between a MAF (TS-0003 8.8.2) and a MEF (8.3.5.2):
     * its FQDN (SNI, the part after '@' of its identifiers), its base resource, the wrapper of a client registration,
     * the bench clients' pre-provisioned credential (KmID/Km at a MAF, KpmID/Kpm at a MEF) and the SUID of the keys
     * they register (SAEF, one target: 32 at a MAF, 22, RSPF-provisioned, at a MEF). The MAF's wire names are private to
     * the MAF and MEF bundles (MafFunction, MefFunction), so they are repeated here, as a client of the protocol would.
     */
    public static final class Function {
        public static final Function MAF = new Function("MAF", Fixture.MAF, "mafBase", "sec:mafClientReg", "km-bench-", SUID);
        public static final Function MEF = new Function("MEF", "mef.example.com", "mefBase", "sec:mefClientReg", "kpm-bench-", 22);

        public final String name;
        public final String fqdn;
        public final String base;
        public final String clientRegWrapper;
        private final String credentialPrefix;
        public final int keySuid;

        private Function(String name, String fqdn, String base, String clientRegWrapper, String credentialPrefix, int keySuid) {
            this.name = name;
            this.fqdn = fqdn;
            this.base = base;
            this.clientRegWrapper = clientRegWrapper;
            this.credentialPrefix = credentialPrefix;
            this.keySuid = keySuid;
        }

        /** Bench client i's pre-provisioned PSK here: identity, key and its client ID (the peer ID it authenticates). */
        public PskCredential credential(int i) {
            return new PskCredential(credentialPrefix + i + "@" + fqdn, sha256(credentialPrefix + i), clientId(i));
        }

        public List<PskCredential> credentials(int clients) {
            List<PskCredential> all = new ArrayList<>();
            for (int i = 0; i < clients; i++) all.add(credential(i));
            return all;
        }

        @Override
        public String toString() { return name + " " + fqdn; }
    }

    public static String clientId(int i) { return "//" + SP + "/bench-" + i; }

    public static String kmId(int i) { return credential(i).identity(); }

    public static byte[] km(int i) { return credential(i).key(); }

    public static PskCredential credential(int i) { return Function.MAF.credential(i); }

    public static List<PskCredential> credentials(int clients) { return Function.MAF.credentials(clients); }

    /** The MAF's key at the MEF (a bench value, 16 bytes). */
    public static byte[] mafAtMefKey() { return java.util.Arrays.copyOf(sha256("maf-bench"), 16); }

    /** How a MAF Client connects: as MafClientImpl does (SNI = MAF-FQDN, EXPORTER-oneM2M-Connection exported). */
    public static TlsClientConfig tls(int port, int client) { return tls(Function.MAF, port, client); }

    /** {@link #tls(int, int)} offering only {@code suite} (a {@code CipherSuites} code point). */
    public static TlsClientConfig tls(int port, int client, int suite) { return tls(Function.MAF, port, client, suite); }

    /** How a client of {@code f} connects with its pre-provisioned PSK (SNI = the function's FQDN, EXPORTER-oneM2M-Connection). */
    public static TlsClientConfig tls(Function f, int port, int client) { return tls(f, port, client, 0); }

    /** {@link #tls(Function, int, int)} offering only {@code suite}; 0: the client's usual four. */
    public static TlsClientConfig tls(Function f, int port, int client, int suite) {
        TlsClientConfig.Builder b = TlsClientConfig.builder("127.0.0.1", port, f.fqdn).psk(f.credential(client))
                .exporterLabels(List.of(KeyExport.CONNECTION_LABEL));
        return suite == 0 ? b.build() : b.cipherSuites(suite).build();
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
