package org.example.tef.impl.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.SessionHandler;

/**
 * A server-side handler that records what each session it was given looked like, then either echoes every byte
 * until the client closes, or reads one line and answers it.
 */
final class RecordingHandler implements SessionHandler {

    /** The server's view of one session, copied while the handler ran. */
    static final class Seen {
        final SecureSession.Authentication authentication;
        final String serverName;
        final String peerCredential;
        final Optional<String> peerId;
        final int cipherSuite;
        final List<byte[]> exported;
        final String line;

        Seen(SecureSession session, List<String> labels, String line) {
            this.authentication = session.authentication();
            this.serverName = session.serverName();
            this.peerCredential = session.peerCredential();
            this.peerId = session.peerId();
            this.cipherSuite = session.cipherSuite();
            this.exported = labels.stream().map(session::exported).toList();
            this.line = line;
        }
    }

    private final List<String> labels;
    private final boolean lineMode;
    private final AtomicInteger calls = new AtomicInteger();
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

    private RecordingHandler(List<String> labels, boolean lineMode) {
        this.labels = labels;
        this.lineMode = lineMode;
    }

    static RecordingHandler echo(List<String> labels) { return new RecordingHandler(labels, false); }

    /** Reads one line and writes back "reply: " + line + "\n". */
    static RecordingHandler lineReply(List<String> labels) { return new RecordingHandler(labels, true); }

    static String replyTo(String line) { return "reply: " + line; }

    @Override
    public void serve(SecureSession session) throws IOException {
        calls.incrementAndGet();
        InputStream in = session.inputStream();
        OutputStream out = session.outputStream();
        if (lineMode) {
            String line = readLine(in);
            seen.add(new Seen(session, labels, line));
            out.write((replyTo(line) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return;
        }
        seen.add(new Seen(session, labels, null));
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    int calls() { return calls.get(); }

    /** The next session the handler was given, waiting at most 10 s; fails the test otherwise. */
    Seen next() throws InterruptedException {
        Seen s = seen.poll(10, TimeUnit.SECONDS);
        if (s == null) throw new AssertionError("the server's handler was not given a session within 10 s");
        return s;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
            if (b != '\r') line.write(b);
            if (line.size() > 8192) throw new IOException("line too long");
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
