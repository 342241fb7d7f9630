import java.security.*;
import java.security.spec.*;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * What a P-256 SHA256withECDSA signature and a verification cost on one thread, with Bouncy Castle's provider and the
 * JDK's SunEC: a verification with the same key object each time (its precomputation kept) and with a key parsed from
 * its encoding each time, as the MEF's CSR check meets every CSR's key (BENCHMARKS.md, figure 13).
 * java -cp ~/.m2/repository/org/bouncycastle/bcprov-jdk18on/1.84/bcprov-jdk18on-1.84.jar benchmarks/profile/EcdsaCosts.java
 */
public class EcdsaCosts {
    public static void main(String[] args) throws Exception {
        for (Provider p : new Provider[] {new BouncyCastleProvider(), Security.getProvider("SunEC")}) measure(p);
    }

    static void measure(Provider p) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", p);
        g.initialize(new ECGenParameterSpec("secp256r1"));
        int n = 256;
        KeyPair[] keys = new KeyPair[n];
        byte[][] sigs = new byte[n][];
        byte[][] encoded = new byte[n][];
        byte[] msg = new byte[400];
        new SecureRandom().nextBytes(msg);
        Signature s = Signature.getInstance("SHA256withECDSA", p);
        for (int i = 0; i < n; i++) {
            keys[i] = g.generateKeyPair();
            s.initSign(keys[i].getPrivate());
            s.update(msg);
            sigs[i] = s.sign();
            encoded[i] = keys[i].getPublic().getEncoded();
        }
        KeyFactory kf = KeyFactory.getInstance("EC", p);
        Signature v = Signature.getInstance("SHA256withECDSA", p);
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            int c = 0;
            for (; System.nanoTime() - t0 < 3_000_000_000L; c++) {
                s.initSign(keys[c % n].getPrivate());
                s.update(msg);
                s.sign();
            }
            double sign = (System.nanoTime() - t0) / 1000.0 / c;
            t0 = System.nanoTime();
            for (c = 0; System.nanoTime() - t0 < 3_000_000_000L; c++) {
                v.initVerify(keys[0].getPublic());
                v.update(msg);
                if (!v.verify(sigs[0])) throw new AssertionError();
            }
            double same = (System.nanoTime() - t0) / 1000.0 / c;
            t0 = System.nanoTime();
            for (c = 0; System.nanoTime() - t0 < 3_000_000_000L; c++) {
                int i = c % n;
                v.initVerify(kf.generatePublic(new X509EncodedKeySpec(encoded[i])));
                v.update(msg);
                if (!v.verify(sigs[i])) throw new AssertionError();
            }
            double fresh = (System.nanoTime() - t0) / 1000.0 / c;
            System.out.printf("%s round %d: sign %.0f us; verify with the same key object %.0f us; verify with a key parsed each time %.0f us (%.1fx a signature)%n",
                    p.getName(), round, sign, same, fresh, fresh / sign);
        }
    }
}
