package org.example.maf.impl.client;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;

/**
 * A session to the MAF and the primitive client on it, which notes for the request in flight whether writing it
 * failed and whether any byte of an answer arrived: what {@link SessionExchange} needs to judge whether a failed request
 * can have been processed by the MAF.
 */
final class KeptSession {
    final SecureSession session;
    private final PrimitiveTransport.Client client;
    private volatile boolean writeFailed;
    private volatile long bytesRead;
    private long bytesReadBefore;

    KeptSession(SecureSession session, PrimitiveTransport transport) {
        this.session = session;
        this.client = transport.client(new Tracked(session));
    }

    ResponsePrimitive send(RequestPrimitive request) throws IOException {
        writeFailed = false;
        bytesReadBefore = bytesRead;
        return client.send(request);
    }

    /** Writing the last request failed: the MAF cannot have read all of it, so it did not process it. */
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

    /** The session with its streams observed. */
    private final class Tracked implements SecureSession {
        private final SecureSession delegate;
        private final InputStream in;
        private final OutputStream out;

        Tracked(SecureSession delegate) {
            this.delegate = delegate;
            this.in = new FilterInputStream(delegate.inputStream()) {
                @Override public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) bytesRead++;
                    return b;
                }

                @Override public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) bytesRead += n;
                    return n;
                }
            };
            this.out = new FilterOutputStream(delegate.outputStream()) {
                @Override public void write(int b) throws IOException {
                    try {
                        super.write(b);
                    } catch (IOException e) {
                        writeFailed = true;
                        throw e;
                    }
                }

                @Override public void write(byte[] buffer, int offset, int length) throws IOException {
                    try {
                        out.write(buffer, offset, length);
                    } catch (IOException e) {
                        writeFailed = true;
                        throw e;
                    }
                }

                @Override public void flush() throws IOException {
                    try {
                        super.flush();
                    } catch (IOException e) {
                        writeFailed = true;
                        throw e;
                    }
                }
            };
        }

        @Override public Authentication authentication() { return delegate.authentication(); }
        @Override public String serverName() { return delegate.serverName(); }
        @Override public String peerCredential() { return delegate.peerCredential(); }
        @Override public Optional<String> peerId() { return delegate.peerId(); }
        @Override public int cipherSuite() { return delegate.cipherSuite(); }
        @Override public byte[] exported(String label) { return delegate.exported(label); }
        @Override public boolean isOpen() { return delegate.isOpen(); }
        @Override public InputStream inputStream() { return in; }
        @Override public OutputStream outputStream() { return out; }
        @Override public void close() throws IOException { delegate.close(); }
    }
}
