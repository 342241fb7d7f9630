package org.example.tef.core.certificates;

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

    /**
     * The fingerprint of a provisioned client certificate as a MAF's or MEF's factory configuration gives it: by its
     * fingerprint or by its PEM file, exactly one of the two.
     *
     * @param pid the factory PID, for messages
     * @throws IllegalArgumentException naming the configuration when the client ID is missing, both or neither are set,
     *         or the fingerprint or file cannot serve
     */
    public static String ofProvisioned(String pid, String clientId, String fingerprint, String certificateFile) {
        String id = clientId == null ? "" : clientId.trim();
        if (id.isEmpty()) throw new IllegalArgumentException(pid + ": clientId is not set");
        boolean byFingerprint = !fingerprint.isBlank();
        boolean byFile = !certificateFile.isBlank();
        if (byFingerprint == byFile) throw new IllegalArgumentException(pid + " of " + id
                + ": set fingerprint or certificateFile, " + (byFile ? "not both" : "one of them"));
        return byFingerprint ? parse(fingerprint)
                : of(PemFiles.certificates("certificateFile of " + id, java.nio.file.Path.of(certificateFile.trim())).get(0));
    }
}
