package org.example.tef.api.wire;

import org.example.tef.api.channel.SecureSession;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Answers plain HTTP/1.1 requests arriving in a secure session ({@link PrimitiveTransport#serveHttp}); the session says
 * who the peer is (its handshake authenticated it).
 *
 * @since 2.1
 */
@ConsumerType
@FunctionalInterface
public interface HttpHandler {
    /** The answer to one request; a RuntimeException is answered 500 and the session goes on. */
    HttpResponseMessage handle(SecureSession session, HttpRequestMessage request);
}
