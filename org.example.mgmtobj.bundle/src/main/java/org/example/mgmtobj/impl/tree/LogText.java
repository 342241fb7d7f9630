package org.example.mgmtobj.impl.tree;

/**
 * What a client sent, made safe for one log line: a path, an originator or a refusal that quotes them may carry CR, LF
 * or other control characters (a percent-encoded path is decoded by the container), which would start a forged line in
 * the operator's log. Written here because SLF4J and the OSGi LogService pass messages through as they are.
 */
final class LogText {
    private LogText() {}

    /** The text with every ISO control character, and U+2028/U+2029, written as a {@code \\uXXXX} escape. */
    static String printable(Object value) {
        if (value == null) return null;
        String text = value.toString();
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i))) i++;
        if (i == text.length()) return text; // nearly always: nothing to copy
        StringBuilder sb = new StringBuilder(text.length() + 8).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (needsEscape(c)) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }

    private static boolean needsEscape(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
