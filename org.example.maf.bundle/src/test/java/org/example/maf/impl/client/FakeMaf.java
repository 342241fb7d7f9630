package org.example.maf.impl.client;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

import org.example.maf.api.MafClientConfig;
import org.example.tef.api.Hex;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsServerConfig;
import org.example.tef.impl.tls.BcSecureChannels;
import org.example.tef.impl.wire.HttpPrimitiveTransport;

/**
 * A MAF that completes a real TLS-PSK MAF Handshake (TS-0003 8.8.2.2) and then answers whatever raw HTTP/1.1 text
 * the test gives it, so the MAF Client meets answers no correct MAF would send.
 */
final class FakeMaf implements Closeable {
    static final String FQDN = "maf.example.com";
    static final String CLIENT_ID = "//sp.example.com/cse-a";
    static final String KM_ID = "km-a@maf.example.com";
    static final byte[] KM = Hex.decode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    /** What the client sent: the request line, the headers (names in lower case), the body, the session's export. */
    static final class Request {
        final String requestLine;
        final Map<String, String> headers;
        final String body;
        final byte[] exported;

        Request(String requestLine, Map<String, String> headers, String body, byte[] exported) {
            this.requestLine = requestLine;
            this.headers = headers;
            this.body = body;
            this.exported = exported;
        }

        String requestId() { return headers.get("x-m2m-ri"); }
    }

    final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final BcSecureChannels channels = new BcSecureChannels();
    private final SecureChannels.Server server;
    private volatile Function<Request, String> answer = r -> answer(r, 500, "5000", "");

    FakeMaf() throws IOException {
        PskCredential km = new PskCredential(KM_ID, KM, CLIENT_ID);
        server = channels.listen(TlsServerConfig.builder(FQDN).port(0).psk(id -> id.equals(KM_ID) ? Optional.of(km) : Optional.empty())
                .exporterLabels(List.of(KeyExport.CONNECTION_LABEL)).handshakeTimeoutMillis(15_000).idleTimeoutMillis(15_000).build(),
                this::serve);
    }

    /** The MAF Client under test, configured for this MAF. */
    MafClientImpl client() {
        MafClientConfig config = MafClientConfig.withPsk(FQDN, "127.0.0.1", server.address().getPort(), CLIENT_ID, KM_ID, KM);
        // one session per procedure: this MAF answers one request per session
        return new MafClientImpl(config.withSessionIdleTimeout(java.time.Duration.ZERO), channels, new HttpPrimitiveTransport(), Clock.systemUTC());
    }

    /** Every request is answered with this HTTP status, X-M2M-RSC (null: none), the request's X-M2M-RI and this body. */
    void answers(int httpStatus, String rsc, String body) {
        answer = r -> answer(r, httpStatus, rsc, body);
    }

    /** Every request is answered with the text the function makes of it, sent as it is. */
    void answersRaw(Function<Request, String> raw) {
        answer = raw;
    }

    static String answer(Request r, int httpStatus, String rsc, String body) {
        return answer(httpStatus, rsc, r.requestId(), body);
    }

    static String answer(int httpStatus, String rsc, String requestId, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "HTTP/1.1 " + httpStatus + " Fake\r\n"
                + (rsc == null ? "" : "X-M2M-RSC: " + rsc + "\r\n")
                + (requestId == null ? "" : "X-M2M-RI: " + requestId + "\r\n")
                + (bytes.length == 0 ? "" : "Content-Type: application/json\r\n")
                + "Content-Length: " + bytes.length + "\r\n\r\n" + body;
    }

    private void serve(SecureSession session) throws IOException {
        InputStream in = session.inputStream();
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        Request request = new Request(lines[0], headers, body, session.exported(KeyExport.CONNECTION_LABEL));
        requests.add(request);
        OutputStream out = session.outputStream();
        out.write(answer.apply(request).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) throw new IOException("the client closed before the end of the request head");
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException { server.close(); }
}
