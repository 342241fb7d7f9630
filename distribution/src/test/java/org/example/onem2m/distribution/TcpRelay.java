package org.example.onem2m.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay to a server that a test can take away and bring back on the same port: the device side's MO
 * names the relay's port, so "the MEF is away" is the relay being down (connection refused) while the MEF runs on in
 * the same process as the device side. Bytes pass unchanged (the TLS session is end to end).
 */
final class TcpRelay implements AutoCloseable {
    private final int port;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    TcpRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
    }

    int port() { return port; }

    synchronized void up() throws IOException {
        if (server != null) return;
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = s;
        Thread acceptor = new Thread(() -> accept(s), "relay-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Refuses new connections and cuts the open ones. */
    synchronized void down() throws IOException {
        if (server == null) return;
        server.close();
        server = null;
        for (Socket s : open) s.close();
        open.clear();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket in;
            try {
                in = s.accept();
            } catch (IOException closed) {
                return;
            }
            try {
                Socket out = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(in);
                open.add(out);
                pump(in, out);
                pump(out, in);
            } catch (IOException targetNotListening) { // the server is not up yet: this connection fails, the next may not
                try { in.close(); } catch (IOException ignored) { }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                for (int n; (n = i.read(buffer)) >= 0; ) {
                    o.write(buffer, 0, n);
                    o.flush();
                }
            } catch (IOException ended) {
                // one side closed: close both
            } finally {
                try { from.close(); to.close(); } catch (IOException ignored) { }
            }
        }, "relay-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException { down(); }
}
