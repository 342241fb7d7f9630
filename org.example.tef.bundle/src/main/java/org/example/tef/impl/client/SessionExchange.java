package org.example.tef.impl.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.wire.MalformedAnswerException;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.client.Procedure;
import org.example.tef.client.TefException;
import org.slf4j.Logger;

/**
 * The sessions of one MAF or MEF Client: each request is sent in a session the Handshake (TS-0003 8.8.2.2, 8.3.5.2.2)
 * established, a kept one ({@link SessionPool}, until it has been idle for the configured timeout) or a new one,
 * repeated once on a new session when the function cannot have processed it.
 */
public final class SessionExchange {
    private final String function;
    private final String fqdn;
    private final SecureChannels channels;
    private final PrimitiveTransport transport;
    /** Where every session goes (host, port, server name): the same for every configuration {@link #source} gives. */
    private final TlsClientConfig endpoint;
    /**
     * How a new session is opened, asked each time: a kept session is reused only while it gives the configuration
     * (the same instance) the session was opened with. Replaced when the client changes its PSK ({@link #usePsk}).
     */
    private volatile Supplier<TlsClientConfig> source;
    private final Logger log;
    /** The sessions kept open between procedures; null with an idle timeout of zero (one session per procedure). */
    private final SessionPool sessions;
    private volatile boolean closed;

    /**
     * The answer and, when asked for, the session's exported key material.
     *
     * @param exported the 48 bytes exported under the label asked for, or null
     */
    public record Sent(ResponsePrimitive response, byte[] exported) {}

    /**
     * @param function "MAF" or "MEF", for messages
     * @param source   how each new session is opened, or null: always {@code tls}
     */
    public SessionExchange(String function, TlsClientConfig tls, Supplier<TlsClientConfig> source, Duration idleTimeout, SecureChannels channels,
                           PrimitiveTransport transport, Logger log) {
        this.function = function;
        this.fqdn = tls.serverName;
        this.endpoint = tls;
        this.source = source != null ? source : () -> tls;
        this.channels = channels;
        this.transport = transport;
        this.log = log;
        this.sessions = idleTimeout.isZero() ? null : new SessionPool(idleTimeout);
    }

    public boolean isClosed() { return closed; }

    public void close() {
        closed = true;
        if (sessions != null) sessions.close();
    }

    /**
     * New sessions authenticate with {@code psk}, with everything else as before (the KmID a MAF assigned, TS-0003
     * 8.8.2.3). The kept sessions of the previous credential are closed, and a session still in use under it is closed
     * after its answer instead of being kept: later procedures run under the new one.
     *
     * @throws IllegalStateException when the client authenticates with a certificate (its suites are not PSK suites)
     */
    public void usePsk(PskCredential psk) {
        Objects.requireNonNull(psk, "psk");
        synchronized (this) {
            TlsClientConfig now = current();
            if (now.psk == null) throw new IllegalStateException("a " + function + " client with a certificate does not change to a PSK");
            TlsClientConfig next = TlsClientConfig.builder(now.host, now.port, now.serverName).psk(psk).exporterLabels(now.exporterLabels)
                    .connectTimeoutMillis(now.connectTimeoutMillis).readTimeoutMillis(now.readTimeoutMillis)
                    .cipherSuites(now.cipherSuites.stream().mapToInt(Integer::intValue).toArray()).build();
            source = () -> next;
            if (sessions != null) sessions.closeIdle(false);
        }
    }

    /**
     * One request and its answer, on a kept session or a new one. No usable answer is a TefException (0, or 5000 for
     * an answer that is not one); the answer's status is the caller's to read.
     *
     * @param exportLabel the label whose exported material is wanted (the client's TLS configuration must list it), or null
     * @param sessionKey  the exported material is the key being registered: a new session, closed after the answer
     */
    public Sent send(Procedure procedure, RequestPrimitive request, String exportLabel, boolean sessionKey) throws TefException {
        ResponsePrimitive response;
        byte[] exported = null;
        KeptSession kept = null;
        try {
            // A procedure that must not run twice (a Registration, a De-Registration) never meets a kept session: if the
            // function went away without closing it, the failure could not be told apart from one after it acted, so
            // it could be neither repeated nor reported as refused. It opens a new session (and leaves it for the next
            // procedures). The key of an exported Key Registration is the session's own, so that one is new too.
            kept = sessionKey || sessions == null || !procedure.repeatable() ? null : takeOpenSession();
            if (kept == null) {
                kept = open();
                response = kept.send(request);
            } else {
                try {
                    response = kept.send(request);
                } catch (MalformedAnswerException e) {
                    throw e;
                } catch (IOException e) {
                    // A read timeout is not "the session had ended": the function may still be acting on the request (an
                    // Update waiting for its fsync), so it is reported, never sent again.
                    if (e instanceof SocketTimeoutException || !notProcessed(procedure, kept)) throw e;
                    // The function had closed the kept session (its idle timeout, a restart) before it could have acted
                    // on this request: repeat it once on a new session.
                    log.debug("{}: the kept session to {} {} ended before an answer ({}); repeating on a new session", procedure,
                            function, fqdn, e.toString());
                    kept.close();
                    kept = open();
                    response = kept.send(request);
                }
            }
            if (exportLabel != null) exported = kept.session.exported(exportLabel);
            if (sessionKey) {
                // The session's exported material is the registered key: the session is not kept for later procedures,
                // so that the key lives no longer than this exchange on either side.
                kept.close();
            } else {
                keepOrClose(kept);
            }
            kept = null;
        } catch (MalformedAnswerException e) {
            throw notUnderstood(procedure, e.getMessage());
        } catch (IOException e) {
            throw new TefException(procedure + ": no usable answer from " + function + " " + fqdn + " at " + endpoint.host + ":"
                    + endpoint.port + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Not expected from the TLS layer or the transport; still the caller's procedure failed, not its program.
            log.warn("{} with {} {} failed unexpectedly", procedure, function, fqdn, e);
            throw new TefException(procedure + ": failed unexpectedly with " + function + " " + fqdn + ": " + e, e);
        } finally {
            if (kept != null) kept.close();
        }
        return new Sent(response, exported);
    }

    /** The function answered, but not as the procedure says: a receiver error (TS-0004 6.6.3.6), 5000. */
    public TefException notUnderstood(Procedure procedure, String why) {
        return new TefException(ResponseStatusCode.INTERNAL_SERVER_ERROR.code(), procedure + ": the " + function + "'s answer is not understood: " + why);
    }

    /** Gives a session back for the next procedures, unless the client is closed or now uses another credential. */
    private void keepOrClose(KeptSession session) {
        synchronized (this) {
            if (sessions != null && !closed && session.opened == current()) {
                sessions.give(session);
                return;
            }
        }
        session.close();
    }

    /**
     * A kept session that still looks open, or null. One the function has closed (its close_notify is waiting to be
     * read: its idle timeout, its shutdown) is given up here, before a request is sent on it, so that no procedure
     * meets it; only a session whose function went away without closing it (a crash) is found out by the request.
     */
    private KeptSession takeOpenSession() {
        TlsClientConfig now = current();
        for (KeptSession s; (s = sessions.take()) != null; ) {
            if (s.session.isOpen() && s.opened == now) return s;
            s.close();
        }
        return null;
    }

    /** A new session: the Handshake (8.8.2.2, 8.3.5.2.2). */
    private KeptSession open() throws IOException {
        TlsClientConfig config = current();
        return new KeptSession(channels.connect(config), config, transport);
    }

    /** What the source gives now; one that would reach another endpoint is refused (the keys held name this one's FQDN). */
    private TlsClientConfig current() {
        TlsClientConfig config = Objects.requireNonNull(source.get(), "the TLS configuration source gave none");
        if (!config.host.equals(endpoint.host) || config.port != endpoint.port || !config.serverName.equals(endpoint.serverName))
            throw new IllegalStateException("the TLS configuration source gave " + config.serverName + " at " + config.host + ":" + config.port
                    + "; this " + function + " client reaches " + endpoint.serverName + " at " + endpoint.host + ":" + endpoint.port);
        return config;
    }

    /**
     * Whether a request that failed on a kept session can be repeated on a new one without the function acting on it
     * twice. Only its answer tells whether it acted, and none arrived; so:
     * <ul>
     * <li>writing the request failed: the function cannot have read all of it (its binding reads the whole request
     * before it acts), so it did not act. Any procedure may be repeated;</li>
     * <li>the session ended (end of stream, close_notify, reset) before any byte of the answer: the usual case is a
     * session the function had closed while it was idle, but it may also have read the request, acted, and failed
     * before it answered. Repeating is then safe only for a procedure whose second run has the same effect and answer
     * as the first: a Retrieval reads only, and an Update sets the same values again. A Registration (CREATE) could
     * register a second client or key, and a De-Registration (DELETE) would answer 4004 for what the first run removed,
     * so those are not repeated (and do not take kept sessions at all).</li>
     * </ul>
     * An answer that arrived in part is never repeated: the function acted.
     */
    private static boolean notProcessed(Procedure procedure, KeptSession session) {
        return session.writeFailed() || procedure.repeatable() && session.nothingAnswered();
    }
}
