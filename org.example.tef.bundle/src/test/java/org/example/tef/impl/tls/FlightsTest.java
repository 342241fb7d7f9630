package org.example.tef.impl.tls;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

/** The handshake's writes leave together when this side waits for the peer; afterwards they pass straight through. */
public class FlightsTest {

    /** Records every write it is given as one element: one element, one write system call on a socket. */
    private static final class Writes extends OutputStream {
        final List<byte[]> writes = new ArrayList<>();

        @Override
        public void write(int b) { writes.add(new byte[] {(byte) b}); }

        @Override
        public void write(byte[] b, int off, int len) { writes.add(java.util.Arrays.copyOfRange(b, off, off + len)); }
    }

    @Test
    public void aFlightIsHeldUntilThisSideReadsThenLeavesAsOneWrite() throws IOException {
        Writes socket = new Writes();
        Flights flights = new Flights(new ByteArrayInputStream(new byte[] {9, 8, 7}), socket);
        OutputStream out = flights.output();
        out.write(new byte[] {1, 2});
        out.flush();
        out.write(new byte[] {3});
        out.flush();
        assertEquals("held while the flight is being written", 0, socket.writes.size());

        InputStream in = flights.input();
        assertEquals(9, in.read());
        assertEquals("released as one write before the read", 1, socket.writes.size());
        assertArrayEquals(new byte[] {1, 2, 3}, socket.writes.get(0));
    }

    /** Two writes held during the handshake, then the handshake done, then two more writes. */
    private static Writes lastFlightThenTwoWrites() throws IOException {
        Writes socket = new Writes();
        Flights flights = new Flights(new ByteArrayInputStream(new byte[0]), socket);
        flights.output().write(new byte[] {1});
        flights.output().write(new byte[] {2});
        flights.handshakeDone();
        flights.output().write(new byte[] {3});
        flights.output().write(new byte[] {4});
        return socket;
    }

    @Test
    public void theLastFlightLeavesWhenTheHandshakeIsDone() throws IOException {
        Writes socket = lastFlightThenTwoWrites();
        assertArrayEquals(new byte[] {1, 2}, socket.writes.get(0));
    }

    @Test
    public void writesAfterTheHandshakePassStraightThrough() throws IOException {
        Writes socket = lastFlightThenTwoWrites();
        assertEquals(3, socket.writes.size());
        assertArrayEquals(new byte[] {3}, socket.writes.get(1));
    }

    /** A socket stream that records whether it was closed. */
    private static final class Sent extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() { closed = true; }
    }

    /** Writes a fatal handshake_failure alert record while the handshake is under way, then closes the output. */
    private static Sent closeAfterAFailedHandshake() throws IOException {
        Sent sent = new Sent();
        Flights flights = new Flights(new ByteArrayInputStream(new byte[0]), sent);
        flights.output().write(new byte[] {21, 3, 3, 0, 2, 2, 40}); // a fatal handshake_failure alert record
        flights.output().close();
        return sent;
    }

    @Test
    public void closingAfterAFailedHandshakeSendsTheHeldAlert() throws IOException {
        assertArrayEquals(new byte[] {21, 3, 3, 0, 2, 2, 40}, closeAfterAFailedHandshake().toByteArray());
    }

    @Test
    public void closingAfterAFailedHandshakeLeavesTheSocketToItsOwner() throws IOException {
        assertEquals(false, closeAfterAFailedHandshake().closed);
    }

    @Test
    public void readsAreBufferedSoARecordHeaderAndBodyComeInWithOneRead() throws IOException {
        int[] reads = {0};
        InputStream socket = new ByteArrayInputStream(new byte[] {23, 3, 3, 0, 2, 42, 43}) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                reads[0]++;
                return super.read(b, off, len);
            }
        };
        InputStream in = new Flights(socket, new Writes()).input();
        byte[] header = in.readNBytes(5);
        byte[] body = in.readNBytes(2);
        assertArrayEquals(new byte[] {23, 3, 3, 0, 2}, header);
        assertArrayEquals(new byte[] {42, 43}, body);
        assertEquals(1, reads[0]);
    }
}
