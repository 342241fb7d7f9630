package org.example.tef.api.standalone;

import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.impl.store.RegistrationStoresComponent;
import org.example.tef.impl.tls.BcSecureChannels;
import org.example.tef.impl.tls.InMemoryTlsHandshakes;
import org.example.tef.impl.wire.HttpPrimitiveTransport;
import org.example.tef.spi.RegistrationStores;

/**
 * This bundle's services for code outside OSGi (as Leshan's builders give its client and server without a
 * framework). Each call returns a new instance; a {@link SecureChannels} closes its servers when they are closed.
 */
public final class TefStandalone {
    private TefStandalone() {}

    /** Bouncy Castle TLS 1.2 (PSK and ECDHE_ECDSA, SNI, RFC 5705 export) over blocking sockets. */
    public static SecureChannels secureChannels() { return new BcSecureChannels(); }

    /** oneM2M primitives as HTTP/1.1 messages (TS-0009) inside a secure session. */
    public static PrimitiveTransport primitiveTransport() { return new HttpPrimitiveTransport(); }

    /** The in-memory and the embedded durable (H2 MVStore) registration stores. */
    public static RegistrationStores registrationStores() { return new RegistrationStoresComponent(); }

    /** The TLS client and server of {@link #secureChannels()} handshaking in memory, to measure the handshake alone. */
    public static InMemoryHandshakes inMemoryHandshakes() { return new InMemoryTlsHandshakes(); }
}
