package org.example.tef.impl.tls;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.TlsUtils;

/**
 * The TLS 1.2 cipher suites offered (TS-0003 10.2.2, 10.2.3), most preferred first: the AEAD suites ahead of the
 * mandatory CBC suite, CCM_8 (its 8-byte tag) last. The peers settle on the client's order.
 */
final class Suites {
    /** RFC 4279 PSK; TLS_PSK_WITH_AES_128_CBC_SHA256 (0x00AE, RFC 5487) is the one TS-0003 10.2.2 makes mandatory. */
    private static final int[] PSK = {
        CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_PSK_WITH_AES_128_CCM,
        CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
    };

    /** RFC 8422 ECDHE_ECDSA; TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 (0xC023) is mandatory by TS-0003 10.2.3. */
    private static final int[] ECDHE_ECDSA = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
    };

    private Suites() {}

    static int[] psk() { return PSK.clone(); }

    static int[] ecdheEcdsa() { return ECDHE_ECDSA.clone(); }

    /** The suites a server offers: the PSK ones, the certificate ones, or both. */
    static int[] forServer(boolean psk, boolean certificate) {
        int[] out = new int[(psk ? PSK.length : 0) + (certificate ? ECDHE_ECDSA.length : 0)];
        int n = 0;
        if (psk) { System.arraycopy(PSK, 0, out, n, PSK.length); n += PSK.length; }
        if (certificate) System.arraycopy(ECDHE_ECDSA, 0, out, n, ECDHE_ECDSA.length);
        return out;
    }

    static boolean isPsk(int suite) { return TlsUtils.getKeyExchangeAlgorithm(suite) == KeyExchangeAlgorithm.PSK; }

    static boolean isEcdheEcdsa(int suite) { return TlsUtils.getKeyExchangeAlgorithm(suite) == KeyExchangeAlgorithm.ECDHE_ECDSA; }

    static String hex(int suite) { return String.format("0x%04X", suite); }
}
