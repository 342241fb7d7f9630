package org.example.tef.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * TLS key export (RFC 5705) as TS-0003 10.3.1 uses it: 48 bytes under a oneM2M label, no context; the 16 most
 * significant bytes are the key's identifier, the 32 least significant bytes the key.
 */
public final class KeyExport {
    /** Enrolment Key Ke and RelativeKeID (TS-0003 10.3.1). */
    public static final String BOOTSTRAP_LABEL = "EXPORTER-oneM2M-Bootstrap";
    /** M2M Secure Connection Key Kc and KcID, used by MAF Key Registration (TS-0003 10.3.1, 8.8.2.7). */
    public static final String CONNECTION_LABEL = "EXPORTER-oneM2M-Connection";
    /** pairwiseE2EKey (TS-0003 10.3.1, 8.7.2.2). */
    public static final String ESCERTKE_LABEL = "EXPORTER-oneM2M-ESCertKE";
    public static final int LENGTH = 48;

    private final byte[] identifier;
    private final byte[] key;

    private KeyExport(byte[] identifier, byte[] key) {
        this.identifier = identifier;
        this.key = key;
    }

    /** Splits 48 exported bytes: identifier = bytes 0..15 (most significant), key = bytes 16..47 (least significant). */
    public static KeyExport split(byte[] exported) {
        Objects.requireNonNull(exported);
        if (exported.length != LENGTH) throw new IllegalArgumentException("key export is " + LENGTH + " bytes, not " + exported.length);
        return new KeyExport(Arrays.copyOfRange(exported, 0, 16), Arrays.copyOfRange(exported, 16, LENGTH));
    }

    public byte[] identifier() { return identifier.clone(); }

    public byte[] key() { return key.clone(); }

    /** hexBinary(KcID): the RelativeKeyID of a MAF key whose value came from the exporter (TS-0003 10.3.5). */
    public String relativeKeyId() { return Hex.encode(identifier); }

    @Override
    public String toString() { return "KeyExport[id=" + relativeKeyId() + ", key=(32 bytes)]"; }
}
