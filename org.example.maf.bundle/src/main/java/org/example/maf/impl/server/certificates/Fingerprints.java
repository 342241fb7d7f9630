package org.example.maf.impl.server.certificates;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;

import org.example.tef.api.Hex;

/** SHA-256 certificate fingerprints in one canonical form: 64 lower-case hex digits, no separators. */
public final class Fingerprints {
    private Fingerprints() {}

    public static String of(X509Certificate certificate) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash the certificate of " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** Accepts {@code AB:CD:...}, {@code ab cd ...}, {@code SHA256 Fingerprint=AB:CD:...} (openssl's output) and plain hex. */
    public static String parse(String text) {
        String t = text.trim();
        int equals = t.indexOf('=');
        if (equals >= 0 && t.substring(0, equals).toLowerCase(Locale.ROOT).contains("fingerprint")) t = t.substring(equals + 1);
        String hex = t.replaceAll("[:\\s]", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("fingerprint '" + text + "' is not a SHA-256 fingerprint (64 hex digits, colons allowed)");
        }
        return hex;
    }
}
