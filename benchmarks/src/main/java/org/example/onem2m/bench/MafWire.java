package org.example.onem2m.bench;

import static org.example.maf.impl.protocol.MafFunction.*;
import static org.example.tef.core.WireNames.*;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.example.onem2m.primitive.M2mTimestamp;
import org.example.tef.api.channel.SecureSession;
import org.example.onem2m.primitive.Operation;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.tef.core.Content;
import org.example.tef.impl.tls.BcSecureChannels;
import org.example.tef.impl.tls.BenchTls;
import org.example.tef.impl.wire.HttpPrimitiveTransport;

import com.google.gson.JsonObject;

/**
 * The load generator's MAF Client: the same TLS client (tef's BcSecureChannels, configured as MafClientImpl
 * configures it) and the same HTTP primitive transport as the MAF Client API, but a session stays open for
 * many requests (HTTP keep-alive), which MafClient, opening a session per procedure, does not offer.
 * The primitives are those MafClientImpl sends (maf impl/protocol MafFunction, tef core WireNames and Content).
 */
public final class MafWire {
    public static final BcSecureChannels CHANNELS = new BcSecureChannels();
    public static final PrimitiveTransport TRANSPORT = new HttpPrimitiveTransport();

    private MafWire() {}

    /** A session of bench client {@code client}; {@code suite} 0 offers the MAF Client's usual four. */
    public static SecureSession connect(int port, int client, int suite) throws IOException {
        return suite == 0 ? CHANNELS.connect(Fixture.tls(port, client)) : BenchTls.connect(CHANNELS, Fixture.tls(port, client), suite);
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
        body.add(TARGET_IDS, Content.strings(List.of(Fixture.clientId(target))));
        body.addProperty(KEY_VALUE, Base64.getEncoder().encodeToString(keyValue));
        return RequestPrimitive.of(Operation.CREATE, base(Fixture.MAF)).from(Fixture.clientId(client)).requestId(requestId).content(Content.wrap(KEY_REG, body)).build();
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
