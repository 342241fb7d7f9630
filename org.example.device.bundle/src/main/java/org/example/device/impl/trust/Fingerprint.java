package org.example.device.impl.trust;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The certFingerprint attribute of a [trustAnchorCred] MO node, parsed.
 * <p>
 * TS-0022 only says "string (certificate hash)" (FACTS.md: INFERRED); it names neither the hash nor the encoding.
 * Two forms are accepted, both over the DER encoding of the whole certificate:
 * <ul>
 * <li>hex SHA-256, any case, with or without ':' between the bytes ({@code ab:cd:...}): what {@code openssl x509
 * -fingerprint -sha256} and most operator tools print, so what an operator is most likely to paste;</li>
 * <li>an RFC 6920 {@code ni} URI, {@code ni:///sha-256;<base64url>} (an authority is allowed and ignored, as is a
 * query): TS-0003 10.1.2 uses RFC 6920 for public key identifiers, so a oneM2M MEF may well use it here too. Its
 * truncated forms {@code sha-256-128} and {@code sha-256-120} (RFC 6920 section 9.4) are accepted; shorter ones are
 * refused: a trust anchor deserves at least 120 bits.</li>
 * </ul>
 * Comparison is in constant time ({@link MessageDigest#isEqual}).
 */
public final class Fingerprint {
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}|[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){31}");
    private static final Pattern NI = Pattern.compile("(?i:ni)://[^/?#]*/([^;/?#]+);([A-Za-z0-9_-]+={0,2})(?:\\?.*)?");

    private final String text;
    /** The SHA-256 of the DER certificate, or its first bytes for a truncated ni form. */
    private final byte[] expected;

    private Fingerprint(String text, byte[] expected) {
        this.text = text;
        this.expected = expected;
    }

    public static Fingerprint parse(String certFingerprint) throws TrustAnchorException {
        if (certFingerprint == null || certFingerprint.isBlank()) {
            throw new TrustAnchorException("the [trustAnchorCred] MO node has no certFingerprint");
        }
        String text = certFingerprint.strip();
        if (HEX.matcher(text).matches()) return new Fingerprint(text, HexFormat.of().parseHex(text.replace(":", "")));
        Matcher ni = NI.matcher(text);
        if (!ni.matches()) {
            throw new TrustAnchorException("certFingerprint " + text + " is neither hex SHA-256 nor an RFC 6920 ni URI"
                    + " of the DER certificate (64 hex digits, ':' separators allowed; or ni:///sha-256;<base64url>)");
        }
        String algorithm = ni.group(1).toLowerCase(Locale.ROOT);
        int length;
        switch (algorithm) {
            case "sha-256": length = 32; break;
            case "sha-256-128": length = 16; break;
            case "sha-256-120": length = 15; break;
            default: throw new TrustAnchorException("certFingerprint " + text + " uses the hash algorithm " + algorithm
                    + "; only sha-256, sha-256-128 and sha-256-120 are supported");
        }
        byte[] value;
        try {
            value = Base64.getUrlDecoder().decode(ni.group(2).getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new TrustAnchorException("certFingerprint " + text + " has an invalid base64url value: " + e.getMessage());
        }
        if (value.length != length) {
            throw new TrustAnchorException("certFingerprint " + text + " has a " + value.length + "-byte value where "
                    + algorithm + " has " + length + " bytes");
        }
        return new Fingerprint(text, value);
    }

    /** Whether the certificate whose DER SHA-256 is {@code sha256} is the one this fingerprint identifies. */
    public boolean matches(byte[] sha256) {
        return sha256.length >= expected.length && MessageDigest.isEqual(expected, Arrays.copyOf(sha256, expected.length));
    }

    public static byte[] sha256(byte[] der) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The value as the MO gave it, and as hex when it was another form, for messages. */
    @Override
    public String toString() {
        String hex = hex(expected);
        if (text.replace(":", "").equalsIgnoreCase(hex)) return text;
        return text + " (SHA-256 " + (expected.length < 32 ? "starting " : "") + hex + ")";
    }
}
