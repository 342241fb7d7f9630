package org.example.tef.api.channel;

import java.util.List;

/**
 * The TLS 1.2 cipher suites of TS-0003 10.2.2 and 10.2.3 as their IANA code points, for a client that restricts what
 * it offers ({@link TlsClientConfig.Builder#cipherSuites}) and for reading {@link SecureSession#cipherSuite()}.
 */
public final class CipherSuites {
    /** RFC 5487; the PSK suite TS-0003 10.2.2 makes mandatory. */
    public static final int TLS_PSK_WITH_AES_128_CBC_SHA256 = 0x00AE;
    /** RFC 5487. */
    public static final int TLS_PSK_WITH_AES_128_GCM_SHA256 = 0x00A8;
    /** RFC 6655. */
    public static final int TLS_PSK_WITH_AES_128_CCM = 0xC0A4;
    /** RFC 6655 (8-byte tag). */
    public static final int TLS_PSK_WITH_AES_128_CCM_8 = 0xC0A8;
    /** RFC 5289; the certificate suite TS-0003 10.2.3 makes mandatory. */
    public static final int TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 = 0xC023;
    /** RFC 5289. */
    public static final int TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 = 0xC02B;

    /** The PSK suites a client offers by default, most preferred first (the peers settle on the client's order). */
    public static final List<Integer> PSK = List.of(TLS_PSK_WITH_AES_128_GCM_SHA256, TLS_PSK_WITH_AES_128_CCM,
            TLS_PSK_WITH_AES_128_CBC_SHA256, TLS_PSK_WITH_AES_128_CCM_8);
    /** The ECDHE_ECDSA suites a client offers by default, most preferred first. */
    public static final List<Integer> ECDHE_ECDSA = List.of(TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256);

    private CipherSuites() {}
}
