package org.example.mef.impl.client.est;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.ChunkedInputStream;
import org.apache.hc.core5.http.impl.io.ContentLengthInputStream;
import org.apache.hc.core5.http.impl.io.DefaultHttpRequestWriter;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParser;
import org.apache.hc.core5.http.impl.io.IdentityInputStream;
import org.apache.hc.core5.http.impl.io.SessionInputBufferImpl;
import org.apache.hc.core5.http.impl.io.SessionOutputBufferImpl;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;

/**
 * EST requests (RFC 7030 3.2) as HTTP/1.1 over a TLS session of tef's {@link SecureChannels}: certificate-less TLS-PSK
 * (RFC 7030 3.3.3, TS-0003 8.3.6.2.1) or a client certificate (3.3.2), both of Bouncy Castle's low-level TLS API, which
 * gives streams, not a socket. HttpCore 5's classic writer and parser do the HTTP framing over those streams, as tef's
 * primitive transport does (its class is private to tef, so the few lines of set-up are repeated here, not shared).
 * <p>
 * One session carries the requests in turn; when the server ends it ({@code Connection: close} or a body that runs to
 * the end of the stream) the next request opens another with the same configuration.
 */
public final class EstConnection implements AutoCloseable {
    /** An HTTP answer: its status, media type (lower case, without parameters; null when absent) and body. */
    public record Answer(int status, String mediaType, String transferEncoding, byte[] body) {
        public String text() { return new String(body, StandardCharsets.UTF_8).strip(); }
    }

    /** EST answers are a few certificates; a larger body is not an EST answer and is not buffered. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final Http1Config HTTP = Http1Config.custom().setMaxLineLength(8192).setMaxHeaderCount(64).build();

    private final SecureChannels channels;
    private final TlsClientConfig tls;
    private final URI base;
    private SecureSession session;
    private SessionInputBufferImpl inBuffer;
    private SessionOutputBufferImpl outBuffer;
    private final DefaultHttpRequestWriter writer = new DefaultHttpRequestWriter();
    private final DefaultHttpResponseParser parser = new DefaultHttpResponseParser(HTTP);

    /** @param base the EST base URI, e.g. {@code https://mef.example.com:8443/.well-known/est}; the host is reached as {@code tls} says */
    public EstConnection(SecureChannels channels, TlsClientConfig tls, URI base) {
        this.channels = channels;
        this.tls = tls;
        this.base = base;
    }

    /** GET {@code <base>/<operation>}, e.g. {@code cacerts} (RFC 7030 4.1.2) or {@code csrattrs} (4.5.1). */
    public Answer get(String operation) throws EstFailure {
        return exchange(new BasicClassicHttpRequest("GET", path(operation)), null, null);
    }

    /** POST of a base64 body with {@code Content-Transfer-Encoding: base64} (RFC 7030 4.2.1), e.g. {@code application/pkcs10}. */
    public Answer postBase64(String operation, String contentType, String base64) throws EstFailure {
        BasicClassicHttpRequest request = new BasicClassicHttpRequest("POST", path(operation));
        request.addHeader("Content-Transfer-Encoding", "base64");
        return exchange(request, contentType, base64.getBytes(StandardCharsets.US_ASCII));
    }

    private String path(String operation) {
        String p = base.getRawPath() == null ? "" : base.getRawPath();
        return (p.endsWith("/") ? p : p + "/") + operation;
    }

    private Answer exchange(BasicClassicHttpRequest request, String contentType, byte[] body) throws EstFailure {
        request.addHeader("Host", base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + base.getPort());
        if (contentType != null) request.addHeader("Content-Type", contentType);
        if (body != null) request.addHeader("Content-Length", String.valueOf(body.length));
        SecureSession s = session();
        String what = request.getMethod() + " " + request.getPath();
        try {
            OutputStream out = s.outputStream();
            InputStream in = s.inputStream();
            writer.write(request, outBuffer, out);
            if (body != null) outBuffer.write(body, out);
            outBuffer.flush(out);
            out.flush();
            ClassicHttpResponse response = parser.parse(inBuffer, in);
            if (response == null) throw EstFailure.server(what + ": the server closed the session without answering");
            boolean[] toEnd = {false};
            byte[] content = body(response, request.getMethod(), in, toEnd);
            if (toEnd[0] || "close".equalsIgnoreCase(value(response, "Connection"))) close();
            return new Answer(response.getCode(), mediaType(value(response, "Content-Type")), value(response, "Content-Transfer-Encoding"), content);
        } catch (IOException e) {
            close();
            throw EstFailure.server(what + " at " + tls.host + ":" + tls.port + " failed: " + e.getMessage(), e);
        } catch (HttpException e) {
            close();
            throw EstFailure.server(what + ": the answer is not HTTP/1.1: " + e.getMessage(), e);
        }
    }

    private SecureSession session() throws EstFailure {
        if (session != null && session.isOpen()) return session;
        close();
        try {
            session = channels.connect(tls);
        } catch (IOException e) {
            throw EstFailure.server("no TLS session with the EST server " + tls.serverName + " at " + tls.host + ":" + tls.port + ": " + e.getMessage(), e);
        }
        inBuffer = new SessionInputBufferImpl(8192, 8192);
        outBuffer = new SessionOutputBufferImpl(8192);
        return session;
    }

    /** The body by Content-Length, chunks, or to the end of the stream ({@code toEnd[0]} set: the session is spent). */
    private byte[] body(HttpMessage response, String method, InputStream in, boolean[] toEnd) throws IOException, EstFailure {
        int code = ((ClassicHttpResponse) response).getCode();
        if ("HEAD".equals(method) || code == 204 || code == 304 || code < 200) return new byte[0];
        String transferEncoding = value(response, "Transfer-Encoding");
        InputStream content;
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            content = new ChunkedInputStream(inBuffer, in, HTTP);
        } else if (value(response, "Content-Length") != null) {
            long length;
            try {
                length = Long.parseLong(value(response, "Content-Length").trim());
            } catch (NumberFormatException e) {
                throw EstFailure.server("the answer's Content-Length is not a number");
            }
            if (length < 0 || length > MAX_BODY_BYTES) throw EstFailure.server("the answer's body of " + length + " bytes is no EST answer");
            content = new ContentLengthInputStream(inBuffer, in, length);
        } else {
            toEnd[0] = true;
            content = new IdentityInputStream(inBuffer, in);
        }
        byte[] bytes = content.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) throw EstFailure.server("the answer's body is larger than " + MAX_BODY_BYTES + " bytes: no EST answer");
        return bytes;
    }

    private static String mediaType(String contentType) {
        if (contentType == null) return null;
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static String value(HttpMessage m, String name) {
        Header h = m.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    @Override
    public void close() {
        if (session == null) return;
        try {
            session.close();
        } catch (IOException ignored) {
            // the session is given up either way
        }
        session = null;
    }
}
