package org.example.mef.impl.est;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * What the MEF CA puts into the end-entity certificates it issues through EST, from the MEF's configuration:
 * validity, keyUsage and extendedKeyUsage. keyAgreement applies to EC keys only and keyEncipherment/dataEncipherment
 * to RSA keys only (RFC 5480 3, RFC 4055 1.2: a usage the key's algorithm cannot serve is left out); the rest to both.
 */
public record CertificateProfile(Duration validity, List<String> keyUsages, List<String> extendedKeyUsages) {
    /** digitalSignature and keyAgreement, clientAuth: what a MEF Client needs for the TLS client side (TS-0003 10.2.3). */
    public static final List<String> DEFAULT_KEY_USAGES = List.of("digitalSignature", "keyAgreement");
    public static final List<String> DEFAULT_EXTENDED_KEY_USAGES = List.of("clientAuth");

    public CertificateProfile {
        Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.isZero()) throw new IllegalArgumentException("validity must be positive: " + validity);
        keyUsages = List.copyOf(keyUsages);
        extendedKeyUsages = List.copyOf(extendedKeyUsages);
        if (keyUsages.isEmpty()) throw new IllegalArgumentException("certificateKeyUsage is empty; give at least digitalSignature");
        for (String u : keyUsages) bit(u);
        for (String u : extendedKeyUsages) purpose(u);
    }

    /** The default usages with this validity. */
    public static CertificateProfile standard(Duration validity) {
        return new CertificateProfile(validity, DEFAULT_KEY_USAGES, DEFAULT_EXTENDED_KEY_USAGES);
    }

    /** The keyUsage bits for a key of this algorithm ({@code ec} or RSA). */
    int keyUsageBits(boolean ec) {
        int bits = 0;
        for (String u : keyUsages) {
            String n = u.toLowerCase(Locale.ROOT);
            if (ec && (n.equals("keyencipherment") || n.equals("dataencipherment"))) continue;
            if (!ec && n.equals("keyagreement")) continue;
            bits |= bit(u);
        }
        return bits == 0 ? KeyUsage.digitalSignature : bits;
    }

    List<KeyPurposeId> purposes() {
        List<KeyPurposeId> purposes = new ArrayList<>();
        for (String u : extendedKeyUsages) purposes.add(purpose(u));
        return purposes;
    }

    private static int bit(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "digitalsignature": return KeyUsage.digitalSignature;
            case "nonrepudiation": return KeyUsage.nonRepudiation;
            case "keyencipherment": return KeyUsage.keyEncipherment;
            case "dataencipherment": return KeyUsage.dataEncipherment;
            case "keyagreement": return KeyUsage.keyAgreement;
            default: throw new IllegalArgumentException("certificateKeyUsage '" + name + "' is none of digitalSignature, nonRepudiation,"
                    + " keyEncipherment, dataEncipherment, keyAgreement (RFC 5280 4.2.1.3; an end-entity certificate signs no certificates)");
        }
    }

    private static KeyPurposeId purpose(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "clientauth": return KeyPurposeId.id_kp_clientAuth;
            case "serverauth": return KeyPurposeId.id_kp_serverAuth;
            default: throw new IllegalArgumentException("certificateExtendedKeyUsage '" + name + "' is neither clientAuth nor serverAuth"
                    + " (RFC 5280 4.2.1.12; the TLS uses of TS-0003 10.2.3)");
        }
    }
}
