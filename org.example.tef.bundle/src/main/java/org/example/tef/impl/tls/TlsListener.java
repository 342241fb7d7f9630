package org.example.tef.impl.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.SessionHandler;
import org.example.tef.api.channel.TlsServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening TLS server: an accept loop on a daemon thread hands each connection to a pooled thread (at most
 * maxConnections connections are open at once), which runs the blocking handshake (SO_TIMEOUT =
 * handshakeTimeoutMillis), then the handler (SO_TIMEOUT = idleTimeoutMillis), then closes. A connection over the
 * limit is closed at once.
 */
final class TlsListener implements SecureChannels.Server {
    private static final Logger LOG = LoggerFactory.getLogger(TlsListener.class);
    private static final int BACKLOG = 50;
    private static final int KEPT_FAILURES = 32;
    private static final long LINGER_MILLIS = 1_000;
    private static final int LINGER_MAX_BYTES = 64 * 1024;

    private final BcTlsCrypto crypto;
    private final TlsServerConfig config;
    private final SessionHandler handler;
    private final SigningMaterial signing;
    private final Consumer<TlsListener> onClose;
    private final ServerSocket serverSocket;
    private final InetSocketAddress address;
    private final Semaphore permits;
    private final ThreadPoolExecutor pool;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Deque<String> failures = new ArrayDeque<>();
    private final Thread acceptor;
    private volatile boolean closed;

    TlsListener(BcTlsCrypto crypto, TlsServerConfig config, SessionHandler handler, Consumer<TlsListener> onClose) throws IOException {
        if (config.maxConnections < 1) throw new IllegalArgumentException("maxConnections is at least 1, not " + config.maxConnections);
        this.crypto = crypto;
        this.config = config;
        this.handler = handler;
        this.signing = config.certificate == null ? null : SigningMaterial.of(config.certificate);
        this.onClose = onClose;
        this.serverSocket = new ServerSocket();
        try {
            serverSocket.bind(new InetSocketAddress(config.host, config.port), BACKLOG);
        } catch (IOException e) {
            serverSocket.close();
            throw new IOException("cannot listen on " + config.host + ":" + config.port + ": " + e.getMessage(), e);
        }
        this.address = (InetSocketAddress) serverSocket.getLocalSocketAddress();
        this.permits = new Semaphore(config.maxConnections);
        String name = "tls-" + address.getPort();
        AtomicInteger threads = new AtomicInteger();
        // A hand-off queue: each connection goes to the thread that became idle last (SynchronousQueue's waiting
        // threads are a stack), so a few threads stay busy and warm and the rest end after 30 s idle. (A queue with
        // as many core threads as maxConnections cycled every connection through all of them, each one cold.) The
        // permits, not the pool, bound the number of connections.
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> daemon(r, name + "-conn-" + threads.incrementAndGet()));
        this.acceptor = daemon(this::acceptLoop, name + "-accept");
        acceptor.start();
        LOG.info("TLS 1.2 server listening on {} for SNI {} ({}{}{})", address, config.serverName,
            config.psk != null ? "PSK" : "", config.psk != null && config.certificate != null ? " and " : "",
            config.certificate != null ? "certificates" : "");
    }

    @Override
    public InetSocketAddress address() { return address; }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (closed) return;
                LOG.warn("TLS server on {}: accept failed: {}", address, e.toString());
                pause();
                continue;
            }
            if (!permits.tryAcquire()) {
                LOG.info("TLS server on {}: refusing {}: {} connections already open (maxConnections)",
                    address, socket.getRemoteSocketAddress(), config.maxConnections);
                closeQuietly(socket);
                continue;
            }
            open.add(socket);
            try {
                pool.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) { // closing
                open.remove(socket);
                closeQuietly(socket);
                permits.release();
            }
        }
    }

    private void serve(Socket socket) {
        try {
            if (closed) return;
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(config.handshakeTimeoutMillis);
            Flights flights = new Flights(socket.getInputStream(), socket.getOutputStream());
            TlsServerProtocol protocol = new TlsServerProtocol(flights.input(), flights.output());
            OneM2mTlsServer server = new OneM2mTlsServer(crypto, config, signing);
            try {
                protocol.accept(server);
                flights.handshakeDone();
            } catch (IOException | RuntimeException e) {
                handshakeFailed(socket, server, e);
                try {
                    flights.handshakeDone(); // our alert, if BC has not sent it already
                } catch (IOException ignored) {
                    // the client is gone; nothing to linger for
                }
                lingeringClose(socket);
                return;
            }
            socket.setSoTimeout(config.idleTimeoutMillis);
            BcSecureSession session = new BcSecureSession(protocol, socket, flights.input(), server.facts());
            LOG.debug("TLS session established: {}", session);
            try {
                handler.serve(session);
            } catch (IOException e) {
                if (!closed) LOG.info("{} ended: {}", session, e.toString());
            } catch (RuntimeException e) {
                LOG.warn("session handler failed on {}", session, e);
            } finally {
                closeQuietly(session);
            }
        } catch (IOException e) {
            if (!closed) LOG.info("TLS connection from {} failed: {}", socket.getRemoteSocketAddress(), e.toString());
        } finally {
            open.remove(socket);
            closeQuietly(socket);
            permits.release();
        }
    }

    /** Logged at INFO, with the alert and the psk_identity offered, never a key. */
    private void handshakeFailed(Socket socket, OneM2mTlsServer server, Exception e) {
        String identity = server.offeredPskIdentity();
        String reason = "TLS handshake from " + socket.getRemoteSocketAddress() + " failed: "
            + (e.getMessage() != null ? e.getMessage() : e.toString())
            + (identity == null ? "" : " (psk_identity " + PeerText.of(identity) + ")");
        if (closed) return;
        LOG.info("{}", reason);
        synchronized (failures) {
            if (failures.size() == KEPT_FAILURES) failures.removeFirst();
            failures.addLast(reason);
        }
    }

    /**
     * After a fatal alert, the client may still be sending the rest of its flight (in TLS 1.2 its Certificate
     * comes with ClientKeyExchange, CertificateVerify and Finished). Closing at once, with its bytes unread, would
     * reset the connection and the client would see "broken pipe" instead of our alert. So: send FIN, read and
     * drop what still comes for at most LINGER_MILLIS, then close.
     */
    private static void lingeringClose(Socket socket) {
        try {
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
            for (int total = 0; total < LINGER_MAX_BYTES; ) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) break;
                socket.setSoTimeout((int) left);
                int n = in.read(buffer);
                if (n < 0) break;
                total += n;
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** The most recent handshake failures, as logged; for tests. */
    List<String> handshakeFailures() {
        synchronized (failures) {
            return new ArrayList<>(failures);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        closeQuietly(serverSocket);
        try {
            acceptor.join(2_000); // after this no socket is added to open
            pool.shutdownNow();   // drops queued connections, whose sockets are in open too
            for (Socket socket : open) closeQuietly(socket);
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) LOG.warn("TLS server on {}: sessions still running after close", address);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
            for (Socket socket : open) closeQuietly(socket);
        }
        onClose.accept(this);
        LOG.info("TLS server on {} closed", address);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
