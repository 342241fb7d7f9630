package org.example.tef.impl.wire;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A loopback listener that serves the first connection it accepts as a {@link PlainSession}: the transports' tests. */
final class OneSessionServer implements AutoCloseable {
    /** What the server does with its session. */
    interface Serve {
        void serve(PlainSession session) throws IOException;
    }

    private final ExecutorService server = Executors.newSingleThreadExecutor();
    private final ServerSocket listener;

    OneSessionServer(Serve serve) throws IOException {
        listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        server.submit(() -> {
            try (Socket s = listener.accept()) {
                serve.serve(new PlainSession(s));
            }
            return null;
        });
    }

    /** A raw connection to the server. */
    Socket socket() throws IOException { return new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort()); }

    /** A connection to the server as a session. */
    PlainSession connect() throws IOException { return new PlainSession(socket()); }

    @Override
    public void close() throws InterruptedException, IOException {
        listener.close();
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
