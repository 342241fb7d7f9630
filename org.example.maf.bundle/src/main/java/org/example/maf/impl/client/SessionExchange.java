package org.example.maf.impl.client;

import java.io.IOException;
import java.util.List;

import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafException;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.wire.MalformedAnswerException;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of one {@link MafClientImpl}: each request is sent in a session the MAF Handshake (TS-0003 8.8.2.2)
 * established, a kept one ({@link SessionPool}, until it has been idle for {@link MafClientConfig#sessionIdleTimeout})
 * or a new one, repeated once on a new session when the MAF cannot have processed it.
 */
final class SessionExchange {
    /** The client's own category: these are the client's messages. */
    private static final Logger LOG = LoggerFactory.getLogger(MafClientImpl.class);

    private final MafClientConfig config;
    private final SecureChannels channels;
    private final PrimitiveTransport transport;
    private final TlsClientConfig tls;
    /** The sessions kept open between procedures; null with an idle timeout of zero (one session per procedure). */
    private final SessionPool sessions;
    private volatile boolean closed;

    /** The MAF's answer and, when asked for, the session's exported key material. */
    record Sent(ResponsePrimitive response, byte[] exported) {}

    SessionExchange(MafClientConfig config, SecureChannels channels, PrimitiveTransport transport) {
        this.config = config;
        this.channels = channels;
        this.transport = transport;
        TlsClientConfig.Builder tls = TlsClientConfig.builder(config.host, config.port, config.mafFqdn)
                .exporterLabels(List.of(KeyExport.CONNECTION_LABEL));
        if (config.psk != null) tls.psk(config.psk);
        else tls.certificate(config.certificate, config.mafTrustAnchors);
        this.tls = tls.build();
        this.sessions = config.sessionIdleTimeout.isZero() ? null : new SessionPool(config.sessionIdleTimeout);
    }

    boolean isClosed() { return closed; }

    void close() {
        closed = true;
        if (sessions != null) sessions.close();
    }

    /**
     * One request and its answer, on a kept session or a new one; the exported key material when asked for (always a
     * new session: the key is the session's). No usable answer is a MafException; the answer's status is the caller's
     * to read.
     */
    Sent send(Procedure procedure, RequestPrimitive request, boolean export) throws MafException {
        ResponsePrimitive response;
        byte[] exported = null;
        KeptSession kept = null;
        try {
            // A procedure that must not run twice (a Registration, a De-Registration) never meets a kept session: if the
            // MAF went away without closing it, the failure could not be told apart from one after the MAF acted, so
            // it could be neither repeated nor reported as refused. It opens a new session (and leaves it for the next
            // procedures). The key of an exported Key Registration is the session's own, so that one is new too.
            kept = export || sessions == null || !repeatable(procedure) ? null : takeOpenSession();
            if (kept == null) {
                kept = open();
                response = kept.send(request);
            } else {
                try {
                    response = kept.send(request);
                } catch (MalformedAnswerException e) {
                    throw e;
                } catch (IOException e) {
                    // A read timeout is not "the session had ended": the MAF may still be acting on the request (an
                    // Update waiting for its fsync), so it is reported, never sent again.
                    if (e instanceof java.net.SocketTimeoutException || !notProcessed(procedure, kept)) throw e;
                    // The MAF had closed the kept session (its idle timeout, a restart) before it could have acted on
                    // this request: repeat it once on a new session.
                    LOG.debug("{}: the kept session to MAF {} ended before an answer ({}); repeating on a new session", procedure,
                            config.mafFqdn, e.toString());
                    kept.close();
                    kept = open();
                    response = kept.send(request);
                }
            }
            if (export) {
                // The session's exported material is the registered key: the session is not kept for later procedures,
                // so that the key lives no longer than this exchange on either side.
                exported = kept.session.exported(KeyExport.CONNECTION_LABEL);
                kept.close();
            } else if (sessions != null && !closed) {
                sessions.give(kept);
            } else {
                kept.close();
            }
            kept = null;
        } catch (MalformedAnswerException e) {
            throw Answer.notUnderstood(procedure, e.getMessage());
        } catch (IOException e) {
            throw new MafException(procedure + ": no usable answer from MAF " + config.mafFqdn + " at " + config.host + ":"
                    + config.port + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Not expected from the TLS layer or the transport; still the caller's procedure failed, not its program.
            LOG.warn("{} with MAF {} failed unexpectedly", procedure, config.mafFqdn, e);
            throw new MafException(procedure + ": failed unexpectedly with MAF " + config.mafFqdn + ": " + e, e);
        } finally {
            if (kept != null) kept.close();
        }
        return new Sent(response, exported);
    }

    /**
     * A kept session that still looks open, or null. One the MAF has closed (its close_notify is waiting to be read:
     * its idle timeout, its shutdown) is given up here, before a request is sent on it, so that no procedure meets
     * it; only a session whose MAF went away without closing it (a crash) is found out by the request.
     */
    private KeptSession takeOpenSession() {
        for (KeptSession s; (s = sessions.take()) != null; ) {
            if (s.session.isOpen()) return s;
            s.close();
        }
        return null;
    }

    /** A new session: the MAF Handshake (8.8.2.2). */
    private KeptSession open() throws IOException {
        return new KeptSession(channels.connect(tls), transport);
    }

    /**
     * Whether a request that failed on a kept session can be repeated on a new one without the MAF acting on it twice.
     * Only the MAF's answer tells whether it acted, and none arrived; so:
     * <ul>
     * <li>writing the request failed: the MAF cannot have read all of it (its binding reads the whole request before
     * it acts), so it did not act. Any procedure may be repeated;</li>
     * <li>the session ended (end of stream, close_notify, reset) before any byte of the answer: the usual case is a
     * session the MAF had closed while it was idle, but the MAF may also have read the request, acted, and failed
     * before it answered. Repeating is then safe only for a procedure whose second run has the same effect and answer
     * as the first: a Retrieval (8.8.2.4, 8.8.2.8) reads only, and an Update (8.8.2.5, 8.8.2.9) sets the same values
     * again. A Registration (CREATE) could register a second client or key, and a De-Registration (DELETE) would answer
     * 4004 for what the first run removed, so those are not repeated (and do not take kept sessions at all).</li>
     * </ul>
     * An answer that arrived in part is never repeated: the MAF acted.
     */
    private static boolean notProcessed(Procedure procedure, KeptSession session) {
        return session.writeFailed() || repeatable(procedure) && session.nothingAnswered();
    }

    /** A Retrieval reads only and an Update sets the same values again: running one twice changes nothing more. */
    private static boolean repeatable(Procedure procedure) {
        return procedure.operation == Operation.RETRIEVE || procedure.operation == Operation.UPDATE;
    }
}
