package org.example.tef.api.channel;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.Test;

/** What a client that judges a failed request's fate learns from its session's streams. */
public class ObservedSessionTest {
    private final List<Integer> reads = new ArrayList<>();
    private final List<IOException> writeFailures = new ArrayList<>();
    private final ObservedSession.Observer observer = new ObservedSession.Observer() {
        @Override public void read(int count) { reads.add(count); }

        @Override public void writeFailed(IOException failure) { writeFailures.add(failure); }
    };

    /** A session reading {@code answer} and writing to a stream that fails with {@code writeFailure} (or not, if null). */
    private static SecureSession session(byte[] answer, IOException writeFailure) {
        InputStream in = new ByteArrayInputStream(answer);
        OutputStream out = new OutputStream() {
            @Override public void write(int b) throws IOException { if (writeFailure != null) throw writeFailure; }

            @Override public void write(byte[] b, int off, int len) throws IOException { if (writeFailure != null) throw writeFailure; }
        };
        return new SecureSession() {
            @Override public Authentication authentication() { return Authentication.PSK; }
            @Override public String serverName() { return "maf.example.com"; }
            @Override public String peerCredential() { return "c@maf.example.com"; }
            @Override public Optional<String> peerId() { return Optional.empty(); }
            @Override public int cipherSuite() { return 0x00AE; }
            @Override public byte[] exported(String label) { return new byte[48]; }
            @Override public InputStream inputStream() { return in; }
            @Override public OutputStream outputStream() { return out; }
            @Override public void close() {}
        };
    }

    @Test
    public void everyByteReadIsCounted() throws IOException {
        SecureSession observed = new ObservedSession(session("HTTP/1.1 200".getBytes(), null), observer);
        byte[] buffer = new byte[5];
        assertEquals(5, observed.inputStream().read(buffer, 0, 5));
        assertEquals('1', observed.inputStream().read());
        assertArrayEquals("HTTP/".getBytes(), buffer);
        assertEquals(List.of(5, 1), reads);
    }

    @Test
    public void theEndOfTheStreamCountsNothing() throws IOException {
        SecureSession observed = new ObservedSession(session(new byte[0], null), observer);
        assertEquals(-1, observed.inputStream().read(new byte[4], 0, 4));
        assertEquals(List.of(), reads);
    }

    @Test
    public void aFailedWriteIsReportedAndThrownOn() {
        IOException broken = new IOException("broken pipe");
        SecureSession observed = new ObservedSession(session(new byte[0], broken), observer);
        try {
            observed.outputStream().write("GET / HTTP/1.1".getBytes(), 0, 14);
            fail("the failure must reach the writer");
        } catch (IOException expected) {
            assertSame(broken, expected);
        }
        assertEquals(List.of(broken), writeFailures);
    }

    @Test
    public void theRestIsTheSession() {
        SecureSession observed = new ObservedSession(session(new byte[0], null), observer);
        assertEquals("maf.example.com", observed.serverName());
        assertEquals(0x00AE, observed.cipherSuite());
    }
}
