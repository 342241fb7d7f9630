package org.example.onem2m.om2m;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Equinox console of the OM2M under test (Gogo over telnet on 127.0.0.1), and what its {@code ss} says. */
final class EquinoxConsole {
    private EquinoxConsole() {
    }

    /** {@code ss} lines are "id<TAB>STATE<TAB>bsn_version". */
    static Map<String, String> bundleStates(String ss) {
        Map<String, String> states = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^\\d+\\s+([A-Z_]+)\\s+(\\S+?)_\\S+\\s*$").matcher(ss);
        while (m.find()) states.put(m.group(2), m.group(1));
        return states;
    }

    /**
     * One command on the Equinox console (Gogo over telnet). It shows its prompt only after the telnet options are
     * negotiated: it asks for the terminal type (and window size), so this client offers both.
     */
    static String run(int consolePort, String command) throws IOException {
        try (Socket s = new Socket("127.0.0.1", consolePort)) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            // IAC WILL NAWS, IAC SB NAWS 200x50 IAC SE, IAC WILL TTYPE
            out.write(new byte[] {(byte) 255, (byte) 251, 31, (byte) 255, (byte) 250, 31, 0, (byte) 200, 0, 50, (byte) 255, (byte) 240,
                    (byte) 255, (byte) 251, 24});
            out.flush();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            boolean typeSent = false;
            while (true) {
                int b = in.read();
                if (b < 0) throw new IOException("console closed before its prompt: " + text(seen));
                seen.write(b);
                byte[] all = seen.toByteArray();
                if (!typeSent && endsWith(all, new byte[] {(byte) 255, (byte) 250, 24, 1})) { // IAC SB TTYPE SEND
                    out.write(new byte[] {(byte) 255, (byte) 250, 24, 0});
                    out.write("xterm".getBytes(StandardCharsets.US_ASCII));
                    out.write(new byte[] {(byte) 255, (byte) 240});
                    out.flush();
                    typeSent = true;
                }
                if (b == ' ' && text(seen).endsWith("g! ")) break;
            }
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            while (true) {
                int b = in.read();
                if (b < 0) break;
                answer.write(b);
                if (b == ' ' && text(answer).endsWith("g! ")) break;
            }
            return text(answer);
        }
    }

    private static boolean endsWith(byte[] all, byte[] tail) {
        if (all.length < tail.length) return false;
        for (int i = 0; i < tail.length; i++) if (all[all.length - tail.length + i] != tail[i]) return false;
        return true;
    }

    /** The bytes without telnet commands (IAC ...), as text. */
    private static String text(ByteArrayOutputStream bytes) {
        byte[] b = bytes.toByteArray();
        StringBuilder sb = new StringBuilder(b.length);
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (c == 255 && i + 1 < b.length) {
                int cmd = b[i + 1] & 0xff;
                if (cmd == 250) { // SB ... IAC SE
                    i += 2;
                    while (i + 1 < b.length && !((b[i] & 0xff) == 255 && (b[i + 1] & 0xff) == 240)) i++;
                    i++;
                } else if (cmd >= 251 && cmd <= 254) {
                    i += 2;
                } else {
                    i++;
                }
                continue;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }
}
