package org.example.maf.impl.server.remote;

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
 * which would fix them, could not be obtained (FACTS.md 2). Connect and each read are bounded by the fetch timeout. Not
 * final only so that a test can answer fetches itself.
 */
class MefFetch {
    static final String WRAPPER = "sec:credentials";

    private final MefSettings mef;
    private final String mafId;
    private final SecureChannels channels;
    private final PrimitiveTransport transport;
    private final AtomicLong requests = new AtomicLong();

    MefFetch(MefSettings mef, String mafId, SecureChannels channels, PrimitiveTransport transport) {
        this.mef = mef;
        this.mafId = mafId;
        this.channels = channels;
        this.transport = transport;
    }

    /** @throws FetchFailure when the MEF refuses (refused), or cannot be reached or answers what is not a credential */
    FetchedCredential fetch(String keId) throws FetchFailure {
        int timeout = (int) Math.min(Integer.MAX_VALUE, mef.fetchTimeout.toMillis());
        TlsClientConfig config = TlsClientConfig.builder(mef.host, mef.port, mef.fqdn).psk(mef.psk).exporterLabels(List.of())
                .connectTimeoutMillis(timeout).readTimeoutMillis(timeout).build();
        ResponsePrimitive answer;
        try (SecureSession session = channels.connect(config); PrimitiveTransport.Client client = transport.client(session)) {
            answer = client.send(RequestPrimitive.of(Operation.RETRIEVE, "/fetchCredentials/" + keId + "/" + mef.suid).from(mafId)
                    .requestId("maf-fetch-" + requests.incrementAndGet()).build());
        } catch (IOException | RuntimeException e) {
            throw new FetchFailure(false, "MEF " + mef.fqdn + " at " + mef.host + ":" + mef.port + " could not be asked: " + e);
        }
        if (answer.status() != ResponseStatusCode.OK) {
            throw new FetchFailure(true, answer.status().code() + " (" + answer.status() + ") " + answer.debugMessage());
        }
        return read(keId, answer.content());
    }

    private FetchedCredential read(String keId, String content) throws FetchFailure {
        try {
            JsonObject body = JsonParser.parseString(content).getAsJsonObject().getAsJsonObject(WRAPPER);
            if (body == null) throw new IllegalArgumentException("no " + WRAPPER);
            if (!body.has("status") || !body.get("status").getAsBoolean()) {
                JsonElement reason = body.get("errorString");
                throw new FetchFailure(true, "Status False: " + (reason == null ? "(no ErrorString)" : reason.getAsString()));
            }
            byte[] key = Base64.getDecoder().decode(body.get("credential").getAsString());
            String enroleeId = body.get("enroleeID").getAsString();
            Instant lifetime = M2mTimestamp.parse(body.get("lifetime").getAsString());
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
