package org.example.tef.impl.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.Map;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.io.DefaultHttpRequestParser;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseWriter;
import org.apache.hc.core5.http.impl.io.SessionInputBufferImpl;
import org.apache.hc.core5.http.impl.io.SessionOutputBufferImpl;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.example.tef.api.channel.SecureSession;

/**
 * The server side of HTTP/1.1 in one session, shared by the oneM2M primitives ({@link HttpPrimitiveTransport#serve}) and
 * plain HTTP ({@link HttpPrimitiveTransport#serveHttp}): each request is read whole with HttpCore 5's classic parser
 * ({@link HttpFraming}), answered, and the next one read, until the peer closes the session or sends
 * {@code Connection: close}. What differs between the two is only how a request is answered and how a request the
 * framing refuses is answered ({@link Exchange}).
 */
final class HttpSessionServer {
    /** How one protocol answers. */
    interface Exchange {
        /** The answer to a whole request; never throws. */
        WireMessage answer(SecureSession session, WireMessage request);

        /**
         * The answer to a request the framing refuses (a malformed head, a body too large or cut short); the session
         * ends after it.
         *
         * @param head the request's head without its body, or null when even the head could not be read
         * @param tooLarge the body is over the limit, rather than malformed
         */
        WireMessage refuse(WireMessage head, String reason, boolean tooLarge);
    }

    private HttpSessionServer() {}

    static void serve(SecureSession session, Exchange exchange) throws IOException {
        InputStream in = session.inputStream();
        OutputStream out = session.outputStream();
        SessionInputBufferImpl inBuffer = new SessionInputBufferImpl(8192, 8192);
        SessionOutputBufferImpl outBuffer = new SessionOutputBufferImpl(8192);
        DefaultHttpRequestParser parser = new DefaultHttpRequestParser(HttpFraming.HTTP);
        DefaultHttpResponseWriter writer = new DefaultHttpResponseWriter();
        while (true) {
            ClassicHttpRequest http;
            try {
                http = parser.parse(inBuffer, in);
            } catch (ConnectionClosedException | SocketTimeoutException closed) {
                return;
            } catch (HttpException malformed) {
                write(exchange.refuse(null, "malformed HTTP request: " + malformed.getMessage(), false), writer, outBuffer, out, true);
                return;
            }
            if (http == null) return;
            boolean close = "close".equalsIgnoreCase(HttpFraming.value(http, "Connection"));
            byte[] body;
            try {
                body = HttpFraming.body(http, inBuffer, in);
            } catch (HttpFraming.FramingException e) {
                WireMessage head = WireMessage.request(http.getMethod(), http.getRequestUri(), HttpFraming.headers(http), null);
                write(exchange.refuse(head, e.getMessage(), e.tooLarge()), writer, outBuffer, out, true);
                return;
            }
            WireMessage response = exchange.answer(session, WireMessage.request(http.getMethod(), http.getRequestUri(), HttpFraming.headers(http), body));
            write(response, writer, outBuffer, out, close);
            if (close) return;
        }
    }

    private static void write(WireMessage response, DefaultHttpResponseWriter writer, SessionOutputBufferImpl buffer,
                              OutputStream out, boolean close) throws IOException {
        BasicClassicHttpResponse http = new BasicClassicHttpResponse(response.status());
        for (Map.Entry<String, String> h : response.headers()) http.addHeader(h.getKey(), h.getValue());
        byte[] body = response.body(); // owned, not copied
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
}
