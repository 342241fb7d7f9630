package org.example.tef.impl.tls;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The socket streams one Bouncy Castle blocking protocol reads and writes, arranged so that a handshake costs few
 * system calls and TCP segments.
 * <p>
 * Writes: BC writes every handshake message as a record of its own and flushes after each record, so a flight
 * (the server's ServerHello and ServerHelloDone; its ChangeCipherSpec and Finished; the client's ClientKeyExchange,
 * ChangeCipherSpec and Finished) would leave as one write system call and one TCP segment per message, each waking
 * the peer. Until {@link #handshakeDone()} writes are held here; they go to the socket together when this side is
 * about to wait for the peer (before it reads from the socket), when the handshake ends, and when the output is
 * closed. After the handshake each write goes straight to the socket: BC writes whole records, so nothing is gained
 * by holding application data, and a writer that does not read must not be kept waiting.
 * <p>
 * Reads: BC reads a record's 5-byte header and then its body, each with a read of its own. Buffered, one read
 * system call brings in whatever the peer has sent (a whole flight, or a request), not two per record.
 * <p>
 * Neither stream closes the socket: its owner does (TlsListener, BcSecureChannels).
 */
final class Flights {
    private static final int READ_BUFFER = 8192;

    private final OutputStream socketOut;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream(512);
    private volatile boolean holding = true;
    private final InputStream input;
    private final OutputStream output;

    Flights(InputStream socketIn, OutputStream socketOut) {
        this.socketOut = socketOut;
        this.input = new BufferedInputStream(new FilterInputStream(socketIn) {
            @Override
            public int read() throws IOException {
                release();
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                release();
                return super.read(b, off, len);
            }

            @Override
            public void close() { /* the owner closes the socket */ }
        }, READ_BUFFER);
        this.output = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (holding) {
                    synchronized (held) {
                        if (holding) {
                            held.write(b, off, len);
                            return;
                        }
                    }
                }
                socketOut.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                if (!holding) socketOut.flush();
            }

            /** BC closes its streams when a handshake fails, after writing its alert: that alert must still go out. */
            @Override
            public void close() throws IOException {
                handshakeDone();
            }
        };
    }

    /** What the protocol reads from. */
    InputStream input() { return input; }

    /** What the protocol writes to. */
    OutputStream output() { return output; }

    /** Sends what is held; writes go straight to the socket from now on. */
    void handshakeDone() throws IOException {
        synchronized (held) {
            holding = false;
            sendHeld();
        }
    }

    /** Before this side waits for the peer: what it has written so far must be on its way. */
    private void release() throws IOException {
        if (!holding) return;
        synchronized (held) {
            sendHeld();
        }
    }

    private void sendHeld() throws IOException {
        if (held.size() == 0) return;
        try {
            held.writeTo(socketOut);
            socketOut.flush();
        } finally {
            held.reset();
        }
    }
}
