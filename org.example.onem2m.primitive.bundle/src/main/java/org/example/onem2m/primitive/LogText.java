package org.example.onem2m.primitive;

/**
 * What a peer sent (a request's path or originator, a PSK identity, an SNI name, a CSR's subjectAltName), made safe for
 * one log line: it may carry CR, LF or other control characters (a percent-encoded path is decoded by the container),
 * which would start a forged line in the operator's log. Written here because SLF4J and the OSGi LogService pass messages
 * through as they are; one place for the resource tree, the MAF and the MEF.
 */
public final class LogText {
    private LogText() {}

    /** The text with every ISO control character, and U+2028/U+2029, written as a {@code \\uXXXX} escape; "null" for null. */
    public static String printable(Object value) {
        return printable(value, Integer.MAX_VALUE);
    }

    /** {@link #printable(Object)}, cut after {@code max} characters of the text (then "..." follows). */
    public static String printable(Object value, int max) {
        if (value == null) return "null";
        String text = value.toString();
        int end = Math.min(text.length(), max);
        int i = 0;
        while (i < end && !needsEscape(text.charAt(i))) i++;
        if (i == text.length()) return text; // nearly always: nothing to copy
        StringBuilder sb = new StringBuilder(end + 8).append(text, 0, i);
        for (; i < end; i++) {
            char c = text.charAt(i);
            if (needsEscape(c)) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        if (end < text.length()) sb.append("...");
        return sb.toString();
    }

    private static boolean needsEscape(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
