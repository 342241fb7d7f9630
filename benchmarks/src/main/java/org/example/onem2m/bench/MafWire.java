package org.example.onem2m.bench;

import static org.example.maf.impl.protocol.MafFunction.*;
import static org.example.tef.core.WireNames.*;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.example.tef.api.M2mTimestamp;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.wire.Operation;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.api.wire.Rsc;
import org.example.tef.api.wire.WireRequest;
import org.example.tef.api.wire.WireResponse;
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
    public static WireRequest retrieveKey(int client, String relativeKeyId, String requestId) {
        return new WireRequest(Operation.RETRIEVE, key(Fixture.MAF, relativeKeyId), Fixture.clientId(client), requestId, null, null);
    }

    /** 8.8.2.7 MAF Key Registration of a self-generated key (one session may register many of these). */
    public static WireRequest registerKey(int client, int target, byte[] keyValue, Instant expiration, String requestId) {
        JsonObject body = new JsonObject();
        body.addProperty(ET, M2mTimestamp.format(expiration));
        body.addProperty(ADMIN_FQDN, Fixture.SP);
        body.addProperty(SUID, Fixture.SUID);
        body.add(TARGET_IDS, Content.strings(List.of(Fixture.clientId(target))));
        body.addProperty(KEY_VALUE, Base64.getEncoder().encodeToString(keyValue));
        return new WireRequest(Operation.CREATE, base(Fixture.MAF), Fixture.clientId(client), requestId, null, Content.wrap(KEY_REG, body));
    }

    /** Sends and insists on the expected answer; returns it. */
    public static WireResponse expect(PrimitiveTransport.Client client, WireRequest request, Rsc expected) throws IOException {
        WireResponse response = client.send(request);
        if (response.rsc() != expected) throw new IOException(request + " answered " + response + ", not " + expected);
        return response;
    }

    /** The attribute of the one resource in a response's content. */
    public static String attribute(WireResponse response, String wrapper, String name) {
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
