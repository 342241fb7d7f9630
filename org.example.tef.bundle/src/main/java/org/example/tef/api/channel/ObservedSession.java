package org.example.tef.api.channel;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A session whose streams tell an {@link Observer} what they carried: how many bytes arrived, and whether a write
 * failed. A client that must judge whether a failed request can have been processed by its peer (nothing written
 * whole: it was not; nothing answered: it may have been) observes its session with this instead of implementing
 * {@link SecureSession}, which only this bundle implements.
 *
 * @since 1.2
 */
public final class ObservedSession implements SecureSession {
    /** What the observed streams report; called on the thread that reads or writes. */
    @ConsumerType
    public interface Observer {
        /** {@code count} bytes (> 0) were read from the session. */
        void read(int count);

        /** A write to the session (or its flush) failed with {@code failure}, which is thrown on. */
        void writeFailed(IOException failure);
    }

    private final SecureSession delegate;
    private final InputStream in;
    private final OutputStream out;

    public ObservedSession(SecureSession delegate, Observer observer) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(observer, "observer");
        this.in = new FilterInputStream(delegate.inputStream()) {
            @Override public int read() throws IOException {
                int b = super.read();
                if (b >= 0) observer.read(1);
                return b;
            }

            @Override public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) observer.read(n);
                return n;
            }
        };
        this.out = new FilterOutputStream(delegate.outputStream()) {
            @Override public void write(int b) throws IOException {
                try {
                    super.write(b);
                } catch (IOException e) {
                    observer.writeFailed(e);
                    throw e;
                }
            }

            @Override public void write(byte[] buffer, int offset, int length) throws IOException {
                try {
                    out.write(buffer, offset, length); // the delegate's, not FilterOutputStream's byte by byte
                } catch (IOException e) {
                    observer.writeFailed(e);
                    throw e;
                }
            }

            @Override public void flush() throws IOException {
                try {
                    super.flush();
                } catch (IOException e) {
                    observer.writeFailed(e);
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
