package org.example.tef.api.wire;

import org.example.onem2m.primitive.ResponsePrimitive;

import org.example.onem2m.primitive.RequestPrimitive;

import java.io.Closeable;
import java.io.IOException;

import org.example.tef.api.channel.SecureSession;
import org.osgi.annotation.versioning.ProviderType;

/** Carries request and response primitives as HTTP/1.1 messages (TS-0009) over an established secure session. */
@ProviderType
public interface PrimitiveTransport {

    /** One client's side of a session: requests go out in order, one at a time (HTTP/1.1 keep-alive). */
    interface Client extends Closeable {
        ResponsePrimitive send(RequestPrimitive request) throws IOException;
    }

    /** Serves requests on the session until the peer closes it or sends {@code Connection: close}. */
    void serve(SecureSession session, PrimitiveHandler handler) throws IOException;

    Client client(SecureSession session);
}
