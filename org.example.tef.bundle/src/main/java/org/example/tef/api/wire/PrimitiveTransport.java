package org.example.tef.api.wire;

import org.example.onem2m.primitive.ResponsePrimitive;

import org.example.onem2m.primitive.RequestPrimitive;

import java.io.Closeable;
import java.io.IOException;

import org.example.tef.api.channel.SecureSession;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Carries request and response primitives as HTTP/1.1 messages (TS-0009) over an established secure session; since 2.1
 * also plain HTTP/1.1 messages of another protocol ({@link #serveHttp}, {@link #httpClient}).
 */
@ProviderType
public interface PrimitiveTransport {

    /** One client's side of a session: requests go out in order, one at a time (HTTP/1.1 keep-alive). */
    interface Client extends Closeable {
        ResponsePrimitive send(RequestPrimitive request) throws IOException;
    }

    /** Serves requests on the session until the peer closes it or sends {@code Connection: close}. */
    void serve(SecureSession session, PrimitiveHandler handler) throws IOException;

    Client client(SecureSession session);

    /**
     * One client's side of a session for plain HTTP/1.1 requests (not primitives), in turn: a request's Host is the
     * session's SNI name unless it names one. Since 2.1.
     */
    interface HttpClient extends Closeable {
        /** @throws MalformedAnswerException when the peer answered with something that is not an HTTP response */
        HttpResponseMessage send(HttpRequestMessage request) throws IOException;
    }

    /**
     * Serves plain HTTP/1.1 requests on the session, with the same framing and limits as primitives (a body over 64 KiB
     * is refused and ends the session), until the peer closes it or sends {@code Connection: close}. For a protocol
     * beside the oneM2M primitives in a session of the same TLS stack, such as the MEF's EST server (RFC 7030).
     *
     * @since 2.1
     */
    void serveHttp(SecureSession session, HttpHandler handler) throws IOException;

    /** @since 2.1 */
    HttpClient httpClient(SecureSession session);
}
