package org.example.tef.core;

import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

import org.example.tef.api.Hex;

/**
 * Configuration values as the MAF's and the MEF's factory configurations hold them: lists as one comma-separated string
 * as often as as arrays, and keys as hex or base64.
 */
public final class ConfigValues {
    private ConfigValues() {}

    /** Every value of a list property, comma-separated values split, blanks dropped, in order. */
    public static Set<String> split(String[] values) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    /**
     * {@code base64:...} or hex digits.
     *
     * @throws IllegalArgumentException saying what is wrong without the value, which is a key
     */
    public static byte[] secret(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("base64:")) return Base64.getDecoder().decode(t.substring("base64:".length()));
            return Hex.decode(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is neither hex digits nor base64: followed by base64 (" + t.length()
                    + " characters; the value is not shown): " + (t.startsWith("base64:") ? "not base64" : e.getMessage()));
        }
    }
}
