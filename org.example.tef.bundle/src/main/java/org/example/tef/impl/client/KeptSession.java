package org.example.tef.impl.client;

import java.io.IOException;

import org.example.tef.api.channel.ObservedSession;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;

/**
 * A session to the MAF or MEF and the primitive client on it, which notes for the request in flight whether writing it
 * failed and whether any byte of an answer arrived: what {@link SessionExchange} needs to judge whether a failed request
 * can have been processed by the function.
 */
public final class KeptSession {
    final SecureSession session;
    /** The configuration (credential) the session was opened with: a client that changed its credential does not keep it. */
    final TlsClientConfig opened;
    private final PrimitiveTransport.Client client;
    private volatile boolean writeFailed;
    private volatile long bytesRead;
    private long bytesReadBefore;

    public KeptSession(SecureSession session, TlsClientConfig opened, PrimitiveTransport transport) {
        this.session = session;
        this.opened = opened;
        this.client = transport.client(new ObservedSession(session, new ObservedSession.Observer() {
            @Override public void read(int count) { bytesRead += count; }

            @Override public void writeFailed(IOException failure) { writeFailed = true; }
        }));
    }

    ResponsePrimitive send(RequestPrimitive request) throws IOException {
        writeFailed = false;
        bytesReadBefore = bytesRead;
        return client.send(request);
    }

    /** Writing the last request failed: the function cannot have read all of it, so it did not process it. */
    boolean writeFailed() { return writeFailed; }

    /** No byte of an answer to the last request arrived. */
    boolean nothingAnswered() { return bytesRead == bytesReadBefore; }

    void close() {
        try {
            client.close();
        } catch (IOException | RuntimeException ignored) {
            // the session is given up either way
        }
    }
}
