package org.example.tef.api;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

/**
 * The Enrolment Key split and derivations (TS-0003 10.3). The expected values were computed outside Java, with
 * OpenSSL: {@code printf '%s' "<label><id>" | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102...1f}.
 */
public class EnrolmentKeyTest {
    private static final byte[] KE = Hex.decode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    public void keIsTheLeastSignificant32BytesAndKeIdTheHexOfTheMostSignificant16_10_3_1_10_3_4() {
        byte[] exported = new byte[48];
        for (int i = 0; i < 48; i++) exported[i] = (byte) (0xa0 + i);
        EnrolmentKey key = EnrolmentKey.fromBootstrapExport(exported, "MEF.Example.com");
        assertEquals("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf@mef.example.com", key.keId());
        assertEquals(exported[16], key.value()[0]);
        assertEquals(exported[47], key.value()[31]);
        assertEquals(32, key.value().length);
    }

    @Test
    public void kmIsHmacOfTheMasterCredentialLabelAndTheMafId_10_3_2() {
        assertArrayEquals(Hex.decode("3055bf32dd9c95586aaffa2ae2e165dfeffd0803566e16bdd343171457da8a5e"),
                key().masterCredential("maf.example.com"));
    }

    @Test
    public void identifiersAreNormalisedToNfkcBeforeDerivation_10_3_2() {
        assertArrayEquals("fullwidth letters are the same MAF-ID after NFKC", key().masterCredential("maf.example.com"),
                key().masterCredential("\uff4d\uff41\uff46.example.com"));
    }

    @Test
    public void kpsaIsHmacOfItsLabelAndEnroleeB_10_3_3() {
        assertArrayEquals(Hex.decode("c269bfd7bd983a57aa7ae450817b758545a76f225b79a5e576089871f36117bd"),
                key().provisionedSecureConnectionKey("/in-cse/CAe1"));
    }

    @Test
    public void aUsageConstrainedKeyCoversTheDecimalSuidAndTheTarget_10_3_7() {
        assertArrayEquals(Hex.decode("f8610e4d1a428f72308e2941f53a1a0fdc1afa7b1dde3ec59fc52381dcbeb66a"),
                key().usageConstrainedKey(21, "maf.example.com"));
        assertFalse(java.util.Arrays.equals(key().usageConstrainedKey(21, "maf.example.com"), key().usageConstrainedKey(22, "maf.example.com")));
    }

    @Test
    public void badInputIsRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> EnrolmentKey.fromBootstrapExport(new byte[47], "mef.example.com"));
        assertThrows(IllegalArgumentException.class, () -> EnrolmentKey.of("00", new byte[31], "mef.example.com"));
        assertThrows(IllegalArgumentException.class, () -> EnrolmentKey.of("00", KE, "not a host"));
        assertThrows(IllegalArgumentException.class, () -> key().masterCredential(""));
    }

    @Test
    public void theValueNeverReachesToString() {
        assertFalse(key().toString().contains("000102"));
        assertEquals("EnrolmentKey[00ff@mef.example.com, Ke=(32 bytes)]", key().toString());
    }

    private static EnrolmentKey key() { return EnrolmentKey.of("00ff", KE, "mef.example.com"); }
}
