package org.example.onem2m.bench;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.example.onem2m.primitive.M2mTimestamp;
import org.example.tef.api.channel.PskCredential;
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
 * The load generator's MAF Client (and MEF Client): the same TLS client (tef's, from {@link TefStandalone}, configured
 * as the MAF Client configures it) and the same HTTP primitive transport as the MAF Client API, but on the wire level:
 * the primitives are built here, so a figure controls exactly what is sent on which session (HTTP keep-alive, a suite
 * fixed). The JSON names are the MAF's and MEF's wire names (docs/architecture.md; tef's WireNames, the functions'
 * private MafFunction and MefFunction), repeated here because a load generator is a client of the protocol, not of the
 * implementation. The procedures a MAF and a MEF share (registration, key registration and retrieval) differ only by
 * the names of {@link Fixture.Function}; the methods without one are the MAF's.
 */
public final class MafWire {
    public static final SecureChannels CHANNELS = TefStandalone.secureChannels();
    public static final PrimitiveTransport TRANSPORT = TefStandalone.primitiveTransport();

    public static final String CLIENT_REG = Fixture.Function.MAF.clientRegWrapper;
    public static final String KEY_REG = "sec:symmKeyReg";
    public static final String ET = "et";
    public static final String ADMIN_FQDN = "adminFQDN";
    public static final String RELATIVE_KEY_ID = "relativeKeyID";
    public static final String SUID = "suid";
    public static final String TARGET_IDS = "targetIDs";
    public static final String KEY_VALUE = "keyValue";
    /** The KmID a MAF assigns to a Km fetched from a MEF, in a Client Registration's answer (8.8.2.3). */
    public static final String ASSIGNED_SYMM_KEY_ID = "assignedSymmKeyID";

    /** The target of the procedures at a MAF: {@code /<MAF-FQDN>/mafBase}. */
    public static String base(String mafFqdn) { return "/" + mafFqdn + "/" + Fixture.Function.MAF.base; }

    /** The target of the procedures at {@code f}: {@code /<FQDN>/mafBase} or {@code /<FQDN>/mefBase}. */
    public static String base(Fixture.Function f) { return "/" + f.fqdn + "/" + f.base; }

    public static String key(String mafFqdn, String relativeKeyId) { return base(mafFqdn) + "/keys/" + relativeKeyId; }

    private MafWire() {}

    /** A session of bench client {@code client}; {@code suite} 0 offers the MAF Client's usual four. */
    public static SecureSession connect(int port, int client, int suite) throws IOException {
        return connect(Fixture.Function.MAF, port, client, suite);
    }

    /** A session of bench client {@code client} at {@code f}, with its pre-provisioned PSK there. */
    public static SecureSession connect(Fixture.Function f, int port, int client, int suite) throws IOException {
        return CHANNELS.connect(Fixture.tls(f, port, client, suite));
    }

    /** A session with any PSK (a KeID and its Km, figure 11), SNI {@code serverName}, exporting {@code labels}. */
    public static SecureSession connect(String serverName, int port, PskCredential psk, List<String> labels) throws IOException {
        return CHANNELS.connect(TlsClientConfig.builder("127.0.0.1", port, serverName).psk(psk).exporterLabels(labels).build());
    }

    /** 8.8.2.8 MAF Key Retrieval of a RelativeKeyID. */
    public static RequestPrimitive retrieveKey(int client, String relativeKeyId, String requestId) {
        return RequestPrimitive.of(Operation.RETRIEVE, key(Fixture.MAF, relativeKeyId)).from(Fixture.clientId(client)).requestId(requestId).build();
    }

    /** 8.8.2.3 MAF Client Registration (8.3.5.2.3 at a MEF) for stakeholder {@link Fixture#SP}. */
    public static RequestPrimitive registerClient(Fixture.Function f, String from, Instant expiration, String requestId) {
        JsonObject body = new JsonObject();
        body.addProperty(ET, M2mTimestamp.format(expiration));
        body.addProperty(ADMIN_FQDN, Fixture.SP);
        return RequestPrimitive.of(Operation.CREATE, base(f)).from(from).requestId(requestId).content(wrap(f.clientRegWrapper, body)).build();
    }

    /** 8.8.2.6 MAF Client De-registration (8.3.5.2.6 at a MEF) of registration {@code registrationId}. */
    public static RequestPrimitive deregisterClient(Fixture.Function f, String from, String registrationId, String requestId) {
        return RequestPrimitive.of(Operation.DELETE, base(f) + "/regs/" + registrationId).from(from).requestId(requestId).build();
    }

    /** 8.8.2.7 MAF Key Registration of a self-generated key (one session may register many of these). */
    public static RequestPrimitive registerKey(int client, int target, byte[] keyValue, Instant expiration, String requestId) {
        return registerKey(Fixture.Function.MAF, client, target, keyValue, expiration, requestId);
    }

    /** 8.8.2.7 MAF Key Registration, or 8.3.5.2.7 MEF Key Registration, of a self-generated key with the function's SUID. */
    public static RequestPrimitive registerKey(Fixture.Function f, int client, int target, byte[] keyValue, Instant expiration, String requestId) {
        JsonObject body = new JsonObject();
        body.addProperty(ET, M2mTimestamp.format(expiration));
        body.addProperty(ADMIN_FQDN, Fixture.SP);
        body.addProperty(SUID, f.keySuid);
        JsonArray targets = new JsonArray();
        for (String t : List.of(Fixture.clientId(target))) targets.add(t);
        body.add(TARGET_IDS, targets);
        body.addProperty(KEY_VALUE, Base64.getEncoder().encodeToString(keyValue));
        return RequestPrimitive.of(Operation.CREATE, base(f)).from(Fixture.clientId(client)).requestId(requestId).content(wrap(KEY_REG, body)).build();
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
            this(Fixture.Function.MAF, port, clientIndex, suite);
        }

        /** A session of bench client {@code clientIndex} at {@code f} (a MAF or a MEF). */
        public Session(Fixture.Function f, int port, int clientIndex, int suite) throws IOException {
            this.session = connect(f, port, clientIndex, suite);
            this.client = TRANSPORT.client(session);
        }

        @Override
        public void close() throws IOException { client.close(); }
    }
}
