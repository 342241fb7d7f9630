package org.example.maf.impl.server.remote;

import org.example.tef.core.FetchCredentialsWire;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.example.onem2m.primitive.M2mTimestamp;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.wire.PrimitiveTransport;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * One credential fetch, TS-0003 8.3.2.1 step f: a TLS-PSK session to the MEF with the MAF's own PSK there, a RETRIEVE
 * of {@code /fetchCredentials/<KeID>/<SUID>} whose originator is the MAF-ID, and the answer read strictly. The
 * answer's names are the MEF's ({@code sec:credentials} with status, credential (base64), enroleeID, lifetime); TS-0032,
 * which would fix them, could not be obtained (FACTS.md 2). Connect and each read are bounded by the fetch timeout.
 * Sessions are kept for later fetches (HTTP keep-alive). Not final only so that a test can answer fetches itself.
 */
class MefFetch {
    static final String WRAPPER = FetchCredentialsWire.WRAPPER;

    private final MefSettings mef;
    private final String mafId;
    private final SecureChannels channels;
    private final PrimitiveTransport transport;
    private final AtomicLong requests = new AtomicLong();
    /**
     * Sessions to the MEF kept open between fetches, most recently used first: a fetch on a kept session costs no TLS
     * handshake (BENCHMARKS.md, figure 11). At most {@link #MAX_KEPT}, each for at most {@link #KEEP_IDLE_NANOS} idle,
     * below a MEF's default idle timeout (60 s), so that the MAF normally closes them; a fetch whose kept session the
     * MEF closed anyway is sent again on a new one (a RETRIEVE changes nothing).
     */
    private final java.util.concurrent.ConcurrentLinkedDeque<Kept> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private static final int MAX_KEPT = 16;
    private static final long KEEP_IDLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    private volatile boolean closed;

    MefFetch(MefSettings mef, String mafId, SecureChannels channels, PrimitiveTransport transport) {
        this.mef = mef;
        this.mafId = mafId;
        this.channels = channels;
        this.transport = transport;
    }

    /**
     * @throws FetchFailure when the MEF refuses (refused), or cannot be reached or answers what is not a credential
     */
    FetchedCredential fetch(String keId) throws FetchFailure {
        RequestPrimitive request = RequestPrimitive.of(Operation.RETRIEVE, FetchCredentialsWire.target(keId, mef.suid)).from(mafId)
                .requestId("maf-fetch-" + requests.incrementAndGet()).build();
        ResponsePrimitive answer = null;
        Kept kept = takeKept();
        if (kept != null) {
            try {
                answer = kept.client.send(request);
            } catch (IOException | RuntimeException e) { // the MEF closed it meanwhile: a RETRIEVE may be sent again
                kept.close();
                kept = null;
            }
        }
        if (answer == null) {
            try {
                kept = open();
                answer = kept.client.send(request);
            } catch (IOException | RuntimeException e) {
                if (kept != null) kept.close();
                throw new FetchFailure(false, "MEF " + mef.fqdn + " at " + mef.host + ":" + mef.port + " could not be asked: " + e);
            }
        }
        keep(kept);
        if (answer.status() != ResponseStatusCode.OK) {
            throw new FetchFailure(true, answer.status().code() + " (" + answer.status() + ") " + answer.debugMessage());
        }
        return read(keId, answer.content());
    }

    /** A session to the MEF kept for the next fetches (HTTP keep-alive), with when it was last used. */
    private static final class Kept {
        final SecureSession session;
        final PrimitiveTransport.Client client;
        long idleSince;

        Kept(SecureSession session, PrimitiveTransport.Client client) {
            this.session = session;
            this.client = client;
        }

        void close() {
            try {
                client.close();
            } catch (IOException | RuntimeException ignored) {
                // closing anyway
            }
            try {
                session.close();
            } catch (IOException | RuntimeException ignored) {
                // closing anyway
            }
        }
    }

    private Kept open() throws IOException {
        int timeout = (int) Math.min(Integer.MAX_VALUE, mef.fetchTimeout.toMillis());
        TlsClientConfig config = TlsClientConfig.builder(mef.host, mef.port, mef.fqdn).psk(mef.psk).exporterLabels(List.of())
                .connectTimeoutMillis(timeout).readTimeoutMillis(timeout).build();
        SecureSession session = channels.connect(config);
        try {
            return new Kept(session, transport.client(session));
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The most recently used kept session that has not been idle too long; older ones are closed. */
    private Kept takeKept() {
        long now = System.nanoTime();
        for (Kept k; (k = idle.pollFirst()) != null; ) {
            if (now - k.idleSince < KEEP_IDLE_NANOS && k.session.isOpen() && !closed) return k;
            k.close();
        }
        return null;
    }

    private void keep(Kept k) {
        k.idleSince = System.nanoTime();
        if (closed || idle.size() >= MAX_KEPT) {
            k.close();
            return;
        }
        idle.offerFirst(k);
        if (closed && idle.remove(k)) k.close(); // closed meanwhile
    }

    /** Closes the kept sessions; a fetch running meanwhile closes its own when it ends. */
    void close() {
        closed = true;
        for (Kept k; (k = idle.pollFirst()) != null; ) k.close();
    }

    private FetchedCredential read(String keId, String content) throws FetchFailure {
        try {
            JsonObject body = JsonParser.parseString(content).getAsJsonObject().getAsJsonObject(WRAPPER);
            if (body == null) throw new IllegalArgumentException("no " + WRAPPER);
            if (!body.has(FetchCredentialsWire.STATUS) || !body.get(FetchCredentialsWire.STATUS).getAsBoolean()) {
                JsonElement reason = body.get(FetchCredentialsWire.ERROR_STRING);
                throw new FetchFailure(true, "Status False: " + (reason == null ? "(no ErrorString)" : reason.getAsString()));
            }
            byte[] key = Base64.getDecoder().decode(body.get(FetchCredentialsWire.CREDENTIAL).getAsString());
            String enroleeId = body.get(FetchCredentialsWire.ENROLEE_ID).getAsString();
            Instant lifetime = M2mTimestamp.parse(body.get(FetchCredentialsWire.LIFETIME).getAsString());
            if (key.length < 16) throw new IllegalArgumentException("a credential of " + key.length + " bytes");
            if (enroleeId.isBlank()) throw new IllegalArgumentException("an empty enroleeID");
            return new FetchedCredential(keId, key, enroleeId, lifetime);
        } catch (FetchFailure f) {
            throw f;
        } catch (RuntimeException e) { // never the content in the message: it may hold the key
            throw new FetchFailure(false, "MEF " + mef.fqdn + " answered 2000 with what is not a credential (table 8.3.2.1-5): "
                    + e.getClass().getSimpleName() + (e instanceof IllegalArgumentException ? ": " + e.getMessage() : ""));
        }
    }
}
