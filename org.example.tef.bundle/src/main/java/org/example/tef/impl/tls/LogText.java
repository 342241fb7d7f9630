package org.example.tef.impl.tls;

/** Peer-supplied text (PSK identities, SNI names, certificate subjects) made safe for one log line. */
final class LogText {
    private static final int MAX = 128;

    private LogText() {}

    static String safe(String text) {
        if (text == null) return "null";
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 3);
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ? '?' : c);
        }
        if (text.length() > MAX) out.append("...");
        return out.toString();
    }
}
