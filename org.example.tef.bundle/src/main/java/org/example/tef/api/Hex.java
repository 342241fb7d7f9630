package org.example.tef.api;

/** xs:hexBinary as TS-0003 10.3.5 uses it for RelativeKeyID: lower-case, two digits per byte. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * @throws IllegalArgumentException saying where the text is not hexBinary, never quoting it: the text is often a
     *         key (a Km or Kpm from a configuration file), and the message reaches logs
     */
    public static byte[] decode(String hex) {
        if (hex.length() % 2 != 0) throw new IllegalArgumentException("hexBinary has an even number of digits, not " + hex.length());
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) throw new IllegalArgumentException("not hexBinary: the character at position " + (hi < 0 ? 2 * i : 2 * i + 1)
                    + " of " + hex.length() + " is not a hex digit (the value is not shown)");
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }
}
