package org.example.tef.impl.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.ChunkedInputStream;
import org.apache.hc.core5.http.impl.io.ContentLengthInputStream;
import org.apache.hc.core5.http.impl.io.DefaultHttpRequestParser;
import org.apache.hc.core5.http.impl.io.DefaultHttpRequestWriter;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParser;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseWriter;
import org.apache.hc.core5.http.impl.io.SessionInputBufferImpl;
import org.apache.hc.core5.http.impl.io.SessionOutputBufferImpl;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.example.tef.api.channel.SecureSession;
import org.example.onem2m.primitive.MediaTypes;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.PrimitiveException;
import org.example.tef.api.wire.PrimitiveHandler;
import org.example.tef.api.wire.MalformedAnswerException;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request and response primitives as HTTP/1.1 messages in the TS-0009 binding, over the streams of a Bouncy
 * Castle TLS session. HttpCore 5's classic parser and writer do the HTTP framing; they work on plain streams,
 * which is what BC's TLS gives (there is no socket to hand to a ready-made HTTP server).
 */
@Component(service = PrimitiveTransport.class)
public final class HttpPrimitiveTransport implements PrimitiveTransport {
    private static final Logger LOG = LoggerFactory.getLogger(HttpPrimitiveTransport.class);
    static final String JSON = MediaTypes.JSON;
    /** Primitives of the MAF and MEF are small; a larger body is refused, not buffered. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Http1Config HTTP = Http1Config.custom().setMaxLineLength(8192).setMaxHeaderCount(64).build();

    @Override
    public void serve(SecureSession session, PrimitiveHandler handler) throws IOException {
        InputStream in = session.inputStream();
        OutputStream out = session.outputStream();
        SessionInputBufferImpl inBuffer = new SessionInputBufferImpl(8192, 8192);
        SessionOutputBufferImpl outBuffer = new SessionOutputBufferImpl(8192);
        DefaultHttpRequestParser parser = new DefaultHttpRequestParser(HTTP);
        DefaultHttpResponseWriter writer = new DefaultHttpResponseWriter();
        while (true) {
            ClassicHttpRequest http;
            try {
                http = parser.parse(inBuffer, in);
            } catch (ConnectionClosedException | SocketTimeoutException closed) {
                return;
            } catch (HttpException malformed) {
                write(ResponsePrimitive.error(ResponseStatusCode.BAD_REQUEST, null, "malformed HTTP request: " + malformed.getMessage()), writer, outBuffer, out, true);
                return;
            }
            if (http == null) return;
            boolean close = "close".equalsIgnoreCase(value(http, "Connection"));
            ResponsePrimitive response;
            try {
                byte[] body = body(http, inBuffer, in);
                RequestPrimitive request = toRequest(http, body);
                response = handler.handle(session, request);
            } catch (PrimitiveException e) {
                response = e.toResponse(value(http, "X-M2M-RI"));
                close |= e instanceof BindingError && ((BindingError) e).closeConnection;
            } catch (RuntimeException e) {
                LOG.error("{} {} failed in the handler", http.getMethod(), http.getPath(), e);
                response = ResponsePrimitive.error(ResponseStatusCode.INTERNAL_SERVER_ERROR, value(http, "X-M2M-RI"), "internal error: " + e.getClass().getSimpleName());
            }
            write(response, writer, outBuffer, out, close);
            if (close) return;
        }
    }

    @Override
    public Client client(SecureSession session) {
        return new HttpClientSide(session);
    }

    private static final String FETCH_CREDENTIALS = "/fetchCredentials/";

    private static RequestPrimitive toRequest(ClassicHttpRequest http, byte[] body) {
        Operation operation = Operation.ofHttpMethod(http.getMethod());
        String path = http.getPath();
        int query = path.indexOf('?');
        if (query >= 0) path = path.substring(0, query);
        // TS-0003 8.3.2.1 writes the Enrolment Targets' credential fetch as the plain path /fetchCredentials/<KeID>/<SUID>;
        // it is taken as it stands, like its SP-relative form /~/fetchCredentials/...
        if (path.startsWith(FETCH_CREDENTIALS)) path = "/~" + path;
        if (!path.startsWith("/~/")) throw new BindingError(ResponseStatusCode.NOT_FOUND, "targets are SP-relative: /~/<fqdn>/..., not " + path, false);
        String requestId = value(http, "X-M2M-RI");
        if (requestId == null || requestId.isBlank()) throw new BindingError(ResponseStatusCode.BAD_REQUEST, "the request has no request identifier (X-M2M-RI)", false);
        Integer ty = null;
        String content = null;
        if (body.length > 0) {
            String contentType = value(http, "Content-Type");
            ty = MediaTypes.resourceType(contentType);
            content = new String(body, StandardCharsets.UTF_8);
        }
        return RequestPrimitive.of(operation, path.substring(2)).from(value(http, "X-M2M-Origin")).requestId(requestId)
                .resourceType(ty).content(content).build();
    }

    private static byte[] body(HttpMessage http, SessionInputBufferImpl buffer, InputStream in) throws IOException {
        String transferEncoding = value(http, "Transfer-Encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            byte[] bytes = new ChunkedInputStream(buffer, in, HTTP).readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) throw new BindingError(ResponseStatusCode.BAD_REQUEST, "the body is larger than " + MAX_BODY_BYTES + " bytes", true);
            return bytes;
        }
        String contentLength = value(http, "Content-Length");
        if (contentLength == null) return new byte[0];
        long length;
        try {
            length = Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            throw new BindingError(ResponseStatusCode.BAD_REQUEST, "Content-Length is not a number", true);
        }
        if (length < 0 || length > MAX_BODY_BYTES) throw new BindingError(ResponseStatusCode.BAD_REQUEST, "the body is larger than " + MAX_BODY_BYTES + " bytes", true);
        // Exactly the announced length, not readNBytes(MAX_BODY_BYTES + 1): that allocates an 8 KiB chunk even for an
        // empty body, 29 % of the MAF's allocation under keep-alive Key Retrievals (BENCHMARKS.md, figure 2).
        return new ContentLengthInputStream(buffer, in, length).readNBytes((int) length);
    }

    private static void write(ResponsePrimitive response, DefaultHttpResponseWriter writer, SessionOutputBufferImpl buffer,
                              OutputStream out, boolean close) throws IOException {
        BasicClassicHttpResponse http = new BasicClassicHttpResponse(response.status().httpStatus());
        http.addHeader("X-M2M-RSC", String.valueOf(response.status().code()));
        if (response.requestId() != null) http.addHeader("X-M2M-RI", response.requestId());
        if (response.location() != null) http.addHeader("Content-Location", response.location());
        byte[] body = response.content() == null ? new byte[0] : response.content().getBytes(StandardCharsets.UTF_8);
        if (body.length > 0) http.addHeader("Content-Type", JSON);
        http.addHeader("Content-Length", String.valueOf(body.length));
        if (close) http.addHeader("Connection", "close");
        try {
            writer.write(http, buffer, out);
        } catch (HttpException e) {
            throw new IOException("cannot write the response head", e);
        }
        if (body.length > 0) buffer.write(body, out);
        buffer.flush(out);
        out.flush();
    }

    static String value(HttpMessage http, String name) {
        Header h = http.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    /** The client side of one session: writes a request, reads its response, in turn. */
    private static final class HttpClientSide implements Client {
        private final SecureSession session;
        private final SessionInputBufferImpl inBuffer = new SessionInputBufferImpl(8192, 8192);
        private final SessionOutputBufferImpl outBuffer = new SessionOutputBufferImpl(8192);
        private final DefaultHttpRequestWriter writer = new DefaultHttpRequestWriter();
        private final DefaultHttpResponseParser parser = new DefaultHttpResponseParser(HTTP);

        HttpClientSide(SecureSession session) { this.session = session; }

        @Override
        public synchronized ResponsePrimitive send(RequestPrimitive request) throws IOException {
            BasicClassicHttpRequest http = new BasicClassicHttpRequest(request.operation().httpMethod(), "/~" + request.to());
            http.addHeader("Host", session.serverName());
            if (request.from() != null) http.addHeader("X-M2M-Origin", request.from());
            http.addHeader("X-M2M-RI", request.requestId());
            http.addHeader("Accept", JSON);
            byte[] body = request.content() == null ? new byte[0] : request.content().getBytes(StandardCharsets.UTF_8);
            if (body.length > 0) {
                http.addHeader("Content-Type", MediaTypes.requestContentType(request.resourceType()));
            }
            http.addHeader("Content-Length", String.valueOf(body.length));
            OutputStream out = session.outputStream();
            InputStream in = session.inputStream();
            try {
                writer.write(http, outBuffer, out);
                if (body.length > 0) outBuffer.write(body, out);
                outBuffer.flush(out);
                out.flush();
                ClassicHttpResponse response = parser.parse(inBuffer, in);
                if (response == null) throw new ConnectionClosedException("the server closed the session before answering");
                byte[] content = body(response, inBuffer, in);
                String rsc = value(response, "X-M2M-RSC");
                if (rsc == null) throw new MalformedAnswerException("the answer (HTTP " + response.getCode() + ") has no X-M2M-RSC", null);
                return new ResponsePrimitive(ResponseStatusCode.of(Integer.parseInt(rsc.trim())), value(response, "X-M2M-RI"),
                        content.length == 0 ? null : new String(content, StandardCharsets.UTF_8), value(response, "Content-Location"));
            } catch (HttpException e) {
                throw new MalformedAnswerException("malformed answer: " + e.getMessage(), e);
            } catch (BindingError e) {
                throw new MalformedAnswerException("unusable answer: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new MalformedAnswerException("unusable answer: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException { session.close(); }
    }

    /** A request the binding itself refuses before it becomes a primitive. */
    static final class BindingError extends PrimitiveException {
        private static final long serialVersionUID = 1L;
        final boolean closeConnection;

        BindingError(ResponseStatusCode rsc, String message, boolean closeConnection) {
            super(rsc, message);
            this.closeConnection = closeConnection;
        }
    }
}
