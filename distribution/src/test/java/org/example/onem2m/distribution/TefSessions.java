package org.example.onem2m.distribution;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.api.wire.PrimitiveTransport;

/** A MAF's or MEF's client side as the distribution's ITs use it: TLS-PSK sessions and raw primitives, through tef's exported API. */
final class TefSessions {
    private final SecureChannels channels = TefStandalone.secureChannels();
    private final PrimitiveTransport transport = TefStandalone.primitiveTransport();

    /** A TLS-PSK session to 127.0.0.1:{@code port} with SNI {@code sni}, exporting {@code label}. */
    SecureSession connect(int port, String sni, String identity, byte[] key, String label) throws IOException {
        return channels.connect(TlsClientConfig.builder("127.0.0.1", port, sni).psk(new PskCredential(identity, key, null))
                .exporterLabels(List.of(label)).build());
    }

    ResponsePrimitive send(SecureSession session, Operation op, String to, String content) throws IOException {
        return transport.client(session).send(RequestPrimitive.of(op, to).from("it").requestId(UUID.randomUUID().toString()).content(content).build());
    }
}
