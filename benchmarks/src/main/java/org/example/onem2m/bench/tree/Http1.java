package org.example.onem2m.bench.tree;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A small blocking HTTP/1.1 client on one keep-alive TCP connection, for one thread: it writes a request, reads
 * the answer's status line, headers and body (Content-Length or chunked), and keeps the connection for the next.
 * Far less than java.net.http.HttpClient, on purpose: no pool, no executor, little allocation per request, so the
 * load client costs little next to the server it measures, and one connection is exactly one client.
 */
final class Http1 implements AutoCloseable {
    /** What came back: the HTTP status, the oneM2M X-M2M-RSC (0 when absent) and the body. */
    static final class Answer {
        int status;
        int rsc;
        int bodyLength;
        byte[] body = new byte[4096];

        String body() { return new String(body, 0, bodyLength, StandardCharsets.UTF_8); }

        @Override
        public String toString() { return "HTTP " + status + ", X-M2M-RSC " + rsc + ": " + body(); }
    }

    private final String host;
    private final int port;
    private final String hostHeader;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final StringBuilder line = new StringBuilder(128);
    private final byte[] head = new byte[2048];
    private int headLength;
    final Answer answer = new Answer();

    Http1(URI base) {
        this.host = base.getHost();
        this.port = base.getPort() < 0 ? 80 : base.getPort();
        this.hostHeader = host + ":" + port;
    }

    /**
     * Sends one request and reads its answer into {@link #answer} (reused by the next call). Reconnects once when
     * the server had closed the kept connection before this request was written.
     */
    Answer exchange(String method, String path, String contentType, byte[] body, String origin, String requestId) throws IOException {
        boolean fresh = socket == null;
        if (fresh) connect();
        try {
            write(method, path, contentType, body, origin, requestId);
            read(method);
        } catch (EOFException e) {
            if (fresh) throw e;
            close(); // the kept connection was closed by the server meanwhile: once more on a new one
            connect();
            write(method, path, contentType, body, origin, requestId);
            read(method);
        }
        return answer;
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(60_000);
        in = new BufferedInputStream(socket.getInputStream(), 16_384);
        out = new BufferedOutputStream(socket.getOutputStream(), 8_192);
    }

    private void write(String method, String path, String contentType, byte[] body, String origin, String requestId) throws IOException {
        headLength = 0;
        put(method); put(" "); put(path); put(" HTTP/1.1\r\nHost: "); put(hostHeader);
        put("\r\nAccept: application/json\r\nX-M2M-RVI: 3\r\n");
        if (origin != null) { put("X-M2M-Origin: "); put(origin); put("\r\n"); }
        if (requestId != null) { put("X-M2M-RI: "); put(requestId); put("\r\n"); }
        if (contentType != null) { put("Content-Type: "); put(contentType); put("\r\n"); }
        if (body != null) { put("Content-Length: "); put(Integer.toString(body.length)); put("\r\n"); }
        put("\r\n");
        out.write(head, 0, headLength);
        if (body != null) out.write(body);
        out.flush();
    }

    private void put(String s) {
        for (int i = 0, n = s.length(); i < n; i++) head[headLength++] = (byte) s.charAt(i);
    }

    private void read(String method) throws IOException {
        Answer a = answer;
        a.rsc = 0;
        a.bodyLength = 0;
        String status = readLine();
        if (status == null) throw new EOFException("connection closed before the status line");
        if (!status.startsWith("HTTP/1.")) throw new IOException("not an HTTP/1.x status line: " + status);
        a.status = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String h = readLine(); h != null && !h.isEmpty(); h = readLine()) {
            int colon = h.indexOf(':');
            if (colon < 0) continue;
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) length = Long.parseLong(value);
            else if (name.equalsIgnoreCase("Transfer-Encoding")) chunked = value.toLowerCase().contains("chunked");
            else if (name.equalsIgnoreCase("X-M2M-RSC")) a.rsc = Integer.parseInt(value);
            else if (name.equalsIgnoreCase("Connection")) close = value.equalsIgnoreCase("close");
        }
        boolean noBody = method.equals("HEAD") || a.status == 204 || a.status == 304 || a.status / 100 == 1;
        if (noBody) {
            // nothing follows
        } else if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                body((int) size);
                readLine(); // CRLF after the chunk
            }
            for (String t = readLine(); t != null && !t.isEmpty(); t = readLine()) { /* trailers */ }
        } else if (length >= 0) {
            body((int) length);
        } else {
            close = true; // the body runs to the end of the connection
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) > 0; ) append(buf, n);
        }
        if (close) close();
    }

    private long chunkSize() throws IOException {
        String s = readLine();
        if (s == null) throw new EOFException("connection closed in a chunked body");
        int semi = s.indexOf(';');
        return Long.parseLong((semi < 0 ? s : s.substring(0, semi)).trim(), 16);
    }

    private void body(int n) throws IOException {
        Answer a = answer;
        if (a.body.length < a.bodyLength + n) a.body = java.util.Arrays.copyOf(a.body, Math.max(a.bodyLength + n, 2 * a.body.length));
        int off = a.bodyLength;
        int end = off + n;
        while (off < end) {
            int r = in.read(a.body, off, end - off);
            if (r < 0) throw new EOFException("connection closed in the body");
            off += r;
        }
        a.bodyLength = end;
    }

    private void append(byte[] buf, int n) {
        Answer a = answer;
        if (a.body.length < a.bodyLength + n) a.body = java.util.Arrays.copyOf(a.body, Math.max(a.bodyLength + n, 2 * a.body.length));
        System.arraycopy(buf, 0, a.body, a.bodyLength, n);
        a.bodyLength += n;
    }

    /** One header line without its CRLF (ISO-8859-1), or null at the end of the stream before any byte. */
    private String readLine() throws IOException {
        line.setLength(0);
        int c = in.read();
        if (c < 0) return null;
        while (c >= 0 && c != '\n') {
            if (c != '\r') line.append((char) c);
            c = in.read();
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket == null) return;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        socket = null;
    }
}
