package org.example.device.impl.trust;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.Test;

/** The forms of certFingerprint accepted by TS-0003 8.3.9.9.7 processing (see {@link Fingerprint}). */
public class TrustAnchorFingerprintTest {
    private static final byte[] DIGEST = Fingerprint.sha256("a certificate".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] OTHER = Fingerprint.sha256("another certificate".getBytes(StandardCharsets.US_ASCII));
    private static final String HEX = HexFormat.of().formatHex(DIGEST);

    private static String ni(String algorithm, byte[] value) {
        return "ni:///" + algorithm + ";" + Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static void assertOnlyMatchesTheDigest(String fingerprint) throws TrustAnchorException {
        Fingerprint parsed = Fingerprint.parse(fingerprint);
        assertTrue(fingerprint, parsed.matches(DIGEST));
        assertFalse(fingerprint, parsed.matches(OTHER));
    }

    @Test
    public void hexSha256InAnyCaseWithOrWithoutColons_8_3_9_9_7() throws Exception {
        assertOnlyMatchesTheDigest(HEX);
        assertOnlyMatchesTheDigest(HEX.toUpperCase());
        assertOnlyMatchesTheDigest(" " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(DIGEST) + "\n");
        assertOnlyMatchesTheDigest(HexFormat.ofDelimiter(":").formatHex(DIGEST));
    }

    @Test
    public void rfc6920NiUrisOfSha256AndItsTruncations_8_3_9_9_7() throws Exception {
        assertOnlyMatchesTheDigest(ni("sha-256", DIGEST));
        assertOnlyMatchesTheDigest("ni://mef.example.com/sha-256;" + Base64.getUrlEncoder().encodeToString(DIGEST)); // padded
        assertOnlyMatchesTheDigest("NI:///SHA-256;" + Base64.getUrlEncoder().withoutPadding().encodeToString(DIGEST) + "?ct=x");
        assertOnlyMatchesTheDigest(ni("sha-256-128", Arrays.copyOf(DIGEST, 16)));
        assertOnlyMatchesTheDigest(ni("sha-256-120", Arrays.copyOf(DIGEST, 15)));
    }

    @Test
    public void otherFormsAreRefusedWithTheReason_8_3_9_9_7() {
        refused("", "no certFingerprint");
        refused(HEX.substring(0, 40), "is neither hex SHA-256 nor an RFC 6920 ni URI"); // a SHA-1 length
        refused(HEX + "00", "is neither hex SHA-256 nor an RFC 6920 ni URI");
        refused(HEX.substring(0, 63) + "g", "is neither hex SHA-256 nor an RFC 6920 ni URI");
        refused("SHA256:" + Base64.getEncoder().encodeToString(DIGEST), "is neither hex SHA-256 nor an RFC 6920 ni URI");
        refused(ni("sha-384", new byte[48]), "only sha-256, sha-256-128 and sha-256-120");
        refused(ni("sha-256-32", Arrays.copyOf(DIGEST, 4)), "only sha-256, sha-256-128 and sha-256-120");
        refused(ni("sha-256", Arrays.copyOf(DIGEST, 16)), "16-byte value where sha-256 has 32 bytes");
    }

    @Test
    public void messagesShowANiFingerprintAsHexToo_8_3_9_9_7() throws Exception {
        assertTrue(Fingerprint.parse(ni("sha-256", DIGEST)).toString().contains("(SHA-256 " + HEX + ")"));
        assertTrue(Fingerprint.parse(HEX).toString().equals(HEX));
    }

    private static void refused(String fingerprint, String reason) {
        try {
            Fingerprint.parse(fingerprint);
            fail(fingerprint + " was accepted");
        } catch (TrustAnchorException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(reason));
        }
    }
}
