package org.example.onem2m.bench;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.example.onem2m.primitive.M2mTimestamp;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.standalone.TefStandalone;
import org.example.onem2m.primitive.Operation;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The load generator's MAF Client: the same TLS client (tef's, from {@link TefStandalone}, configured as the MAF
 * Client configures it) and the same HTTP primitive transport as the MAF Client API, but on the wire level: the
 * primitives are built here, so a figure controls exactly what is sent on which session (HTTP keep-alive, a suite
 * fixed). The JSON names are the MAF's wire names (docs/architecture.md; maf's private WireNames), repeated here
 * because a load generator is a client of the protocol, not of the implementation.
 */
public final class MafWire {
    public static final SecureChannels CHANNELS = TefStandalone.secureChannels();
    public static final PrimitiveTransport TRANSPORT = TefStandalone.primitiveTransport();

    public static final String CLIENT_REG = "sec:mafClientReg";
    public static final String KEY_REG = "sec:symmKeyReg";
    public static final String ET = "et";
    public static final String ADMIN_FQDN = "adminFQDN";
    public static final String RELATIVE_KEY_ID = "relativeKeyID";
    public static final String SUID = "suid";
    public static final String TARGET_IDS = "targetIDs";
    public static final String KEY_VALUE = "keyValue";

    /** The target of the procedures at a MAF: {@code /<MAF-FQDN>/mafBase}. */
    public static String base(String mafFqdn) { return "/" + mafFqdn + "/mafBase"; }

    public static String key(String mafFqdn, String relativeKeyId) { return base(mafFqdn) + "/keys/" + relativeKeyId; }

    private MafWire() {}

    /** A session of bench client {@code client}; {@code suite} 0 offers the MAF Client's usual four. */
    public static SecureSession connect(int port, int client, int suite) throws IOException {
        TlsClientConfig config = suite == 0 ? Fixture.tls(port, client) : Fixture.tls(port, client, suite);
        return CHANNELS.connect(config);
    }

    /** 8.8.2.8 MAF Key Retrieval of a RelativeKeyID. */
    public static RequestPrimitive retrieveKey(int client, String relativeKeyId, String requestId) {
        return RequestPrimitive.of(Operation.RETRIEVE, key(Fixture.MAF, relativeKeyId)).from(Fixture.clientId(client)).requestId(requestId).build();
    }

    /** 8.8.2.7 MAF Key Registration of a self-generated key (one session may register many of these). */
    public static RequestPrimitive registerKey(int client, int target, byte[] keyValue, Instant expiration, String requestId) {
        JsonObject body = new JsonObject();
        body.addProperty(ET, M2mTimestamp.format(expiration));
        body.addProperty(ADMIN_FQDN, Fixture.SP);
        body.addProperty(SUID, Fixture.SUID);
        JsonArray targets = new JsonArray();
        for (String t : List.of(Fixture.clientId(target))) targets.add(t);
        body.add(TARGET_IDS, targets);
        body.addProperty(KEY_VALUE, Base64.getEncoder().encodeToString(keyValue));
        return RequestPrimitive.of(Operation.CREATE, base(Fixture.MAF)).from(Fixture.clientId(client)).requestId(requestId).content(wrap(KEY_REG, body)).build();
    }

    /** {@code {"<wrapper>": {...}}}, the content of a MAF primitive. */
    static String wrap(String wrapper, JsonObject attributes) {
        JsonObject content = new JsonObject();
        content.add(wrapper, attributes);
        return content.toString();
    }

    /** Sends and insists on the expected answer; returns it. */
    public static ResponsePrimitive expect(PrimitiveTransport.Client client, RequestPrimitive request, ResponseStatusCode expected) throws IOException {
        ResponsePrimitive response = client.send(request);
        if (response.status() != expected) throw new IOException(request + " answered " + response + ", not " + expected);
        return response;
    }

    /** The attribute of the one resource in a response's content. */
    public static String attribute(ResponsePrimitive response, String wrapper, String name) {
        return com.google.gson.JsonParser.parseString(response.content()).getAsJsonObject().getAsJsonObject(wrapper).get(name).getAsString();
    }

    /** A keep-alive session: one connection, many requests. */
    public static final class Session implements AutoCloseable {
        public final SecureSession session;
        public final PrimitiveTransport.Client client;

        public Session(int port, int clientIndex, int suite) throws IOException {
            this.session = connect(port, clientIndex, suite);
            this.client = TRANSPORT.client(session);
        }

        @Override
        public void close() throws IOException { client.close(); }
    }
}
