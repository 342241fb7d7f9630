package org.example.onem2m.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The floor under any fresh-connection figure: no TLS, no HTTP. A Java server that accepts on a daemon thread,
 * hands the socket to a pool thread (as TlsListener does), writes one byte and closes; the client connects, reads
 * the byte and closes. What is left is the kernel's TCP connection set-up and tear-down on loopback and the JDK's
 * blocking sockets and thread hand-off. Without the hand-off ({@code handOff = false}) the accepting thread writes
 * the byte itself: the least any Java server can do per connection, the bound for any design of the listener.
 */
final class TcpFloor implements AutoCloseable {
    final int port;
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tcp-floor-conn");
        t.setDaemon(true);
        return t;
    });
    private final Thread acceptor;

    TcpFloor(boolean handOff) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        port = server.getLocalPort();
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Runnable oneByte = () -> {
                        try (s) {
                            s.setTcpNoDelay(true);
                            s.getOutputStream().write(1);
                        } catch (IOException ignored) {
                            // the client went away
                        }
                    };
                    if (handOff) pool.execute(oneByte);
                    else oneByte.run();
                } catch (IOException e) {
                    return;
                }
            }
        }, "tcp-floor-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    Load.WorkerFactory clients() {
        return thread -> () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
                s.setTcpNoDelay(true);
                InputStream in = s.getInputStream();
                if (in.read() != 1) throw new IOException("no byte from the server");
            }
        };
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
