package org.example.tef.impl.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.io.DefaultHttpRequestWriter;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParser;
import org.apache.hc.core5.http.impl.io.SessionInputBufferImpl;
import org.apache.hc.core5.http.impl.io.SessionOutputBufferImpl;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.wire.HttpRequestMessage;
import org.example.tef.api.wire.HttpResponseMessage;
import org.example.tef.api.wire.MalformedAnswerException;
import org.example.tef.api.wire.PrimitiveTransport;

/**
 * The client side of HTTP/1.1 in one session, shared by primitives and plain HTTP: writes a request, reads its response
 * whole ({@link HttpFraming}), in turn. The Host is the session's SNI name unless the request names one.
 */
final class HttpSessionClient implements PrimitiveTransport.HttpClient {
    private final SecureSession session;
    private final SessionInputBufferImpl inBuffer = new SessionInputBufferImpl(8192, 8192);
    private final SessionOutputBufferImpl outBuffer = new SessionOutputBufferImpl(8192);
    private final DefaultHttpRequestWriter writer = new DefaultHttpRequestWriter();
    private final DefaultHttpResponseParser parser = new DefaultHttpResponseParser(HttpFraming.HTTP);

    HttpSessionClient(SecureSession session) { this.session = session; }

    /**
     * @throws ConnectionClosedException when the peer closed the session before answering
     * @throws MalformedAnswerException when what came back is not an HTTP response the framing takes
     */
    @Override
    public HttpResponseMessage send(HttpRequestMessage request) throws IOException {
        return exchange(WireMessage.of(request)).toResponseMessage();
    }

    /** {@link #send} without the exported types' copies: the primitives' path ({@link HttpPrimitiveTransport#client}). */
    synchronized WireMessage exchange(WireMessage request) throws IOException {
        BasicClassicHttpRequest http = new BasicClassicHttpRequest(request.start(), request.target());
        if (request.header("Host").isEmpty()) http.addHeader("Host", session.serverName());
        for (Map.Entry<String, String> h : request.headers()) http.addHeader(h.getKey(), h.getValue());
        byte[] body = request.body();
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
            int status = response.getCode();
            if (status < 100 || status > 599) throw new IllegalArgumentException("an HTTP status is from 100 to 599, not " + status);
            byte[] content = HttpFraming.body(response, inBuffer, in);
            return WireMessage.response(status, HttpFraming.headers(response), content);
        } catch (HttpException e) {
            throw new MalformedAnswerException("malformed answer: " + e.getMessage(), e);
        } catch (HttpFraming.FramingException | IllegalArgumentException e) {
            throw new MalformedAnswerException("unusable answer: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException { session.close(); }
}
