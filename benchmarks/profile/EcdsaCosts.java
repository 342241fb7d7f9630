import java.security.*;
import java.security.spec.*;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * What a P-256 SHA256withECDSA signature and a verification cost on one thread, with Bouncy Castle's provider and the
 * JDK's SunEC: a verification with the same key object each time (its precomputation kept) and with a key parsed from
 * its encoding each time, as the MEF's CSR check meets every CSR's key; with Bouncy Castle also its deterministic
 * signature (SHA256withECDDSA, RFC 6979), which the MEF CA uses (BENCHMARKS.md, figure 13). Each loop is a method of
 * its own, so that the JIT compiles each on its own (one long method gave one loop twice its cost).
 * java -cp ~/.m2/repository/org/bouncycastle/bcprov-jdk18on/1.84/bcprov-jdk18on-1.84.jar benchmarks/profile/EcdsaCosts.java
 */
public class EcdsaCosts {
    static final int N = 256;
    static final long NANOS = 3_000_000_000L;

    public static void main(String[] args) throws Exception {
        for (Provider p : new Provider[] {new BouncyCastleProvider(), Security.getProvider("SunEC")}) measure(p);
    }

    static void measure(Provider p) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", p);
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair[] keys = new KeyPair[N];
        byte[][] sigs = new byte[N][];
        byte[][] encoded = new byte[N][];
        byte[] msg = new byte[400];
        new SecureRandom().nextBytes(msg);
        Signature s = Signature.getInstance("SHA256withECDSA", p);
        for (int i = 0; i < N; i++) {
            keys[i] = g.generateKeyPair();
            s.initSign(keys[i].getPrivate());
            s.update(msg);
            sigs[i] = s.sign();
            encoded[i] = keys[i].getPublic().getEncoded();
        }
        boolean bc = p.getName().equals("BC");
        for (int round = 0; round < 3; round++) {
            double sign = sign(Signature.getInstance("SHA256withECDSA", p), keys, msg);
            String deterministic = bc ? String.format(" (deterministic, SHA256withECDDSA: %.0f us)",
                    sign(Signature.getInstance("SHA256withECDDSA", p), keys, msg)) : "";
            double same = verifySameKey(Signature.getInstance("SHA256withECDSA", p), keys[0].getPublic(), msg, sigs[0]);
            double fresh = verifyParsedKey(Signature.getInstance("SHA256withECDSA", p), KeyFactory.getInstance("EC", p), encoded, msg, sigs);
            System.out.printf("%s round %d: sign %.0f us%s; verify with the same key object %.0f us; verify with a key parsed each time %.0f us (%.1fx a signature)%n",
                    p.getName(), round, sign, deterministic, same, fresh, fresh / sign);
        }
    }

    static double sign(Signature s, KeyPair[] keys, byte[] msg) throws Exception {
        long t0 = System.nanoTime();
        int c = 0;
        for (; System.nanoTime() - t0 < NANOS; c++) {
            s.initSign(keys[c % N].getPrivate());
            s.update(msg);
            s.sign();
        }
        return (System.nanoTime() - t0) / 1000.0 / c;
    }

    static double verifySameKey(Signature v, PublicKey key, byte[] msg, byte[] sig) throws Exception {
        long t0 = System.nanoTime();
        int c = 0;
        for (; System.nanoTime() - t0 < NANOS; c++) {
            v.initVerify(key);
            v.update(msg);
            if (!v.verify(sig)) throw new AssertionError();
        }
        return (System.nanoTime() - t0) / 1000.0 / c;
    }

    static double verifyParsedKey(Signature v, KeyFactory kf, byte[][] encoded, byte[] msg, byte[][] sigs) throws Exception {
        long t0 = System.nanoTime();
        int c = 0;
        for (; System.nanoTime() - t0 < NANOS; c++) {
            int i = c % N;
            v.initVerify(kf.generatePublic(new X509EncodedKeySpec(encoded[i])));
            v.update(msg);
            if (!v.verify(sigs[i])) throw new AssertionError();
        }
        return (System.nanoTime() - t0) / 1000.0 / c;
    }
}
