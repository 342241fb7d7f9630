package org.example.tef.api.channel;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** An established, mutually authenticated TLS session: who is on the other side, and its streams. */
@ProviderType
public interface SecureSession extends Closeable {

    enum Authentication { PSK, CERTIFICATE }

    Authentication authentication();

    /** The SNI host name the client sent (RFC 6066 section 3). */
    String serverName();

    /** The psk_identity (PSK) or the end-entity certificate's subject (CERTIFICATE) the peer authenticated with. */
    String peerCredential();

    /** The entity the credential authenticates (AE-ID or CSE-ID), when the credential look-up knows it. */
    Optional<String> peerId();

    /** The negotiated cipher suite's IANA code point, e.g. 0x00AE for TLS_PSK_WITH_AES_128_CBC_SHA256. */
    int cipherSuite();

    /**
     * The 48 bytes RFC 5705 exported under a label asked for when the session was set up, with no context
     * (TS-0003 10.3.1). Exported inside the handshake, as Bouncy Castle destroys the secrets afterwards.
     *
     * @throws IllegalArgumentException if the label was not asked for
     */
    byte[] exported(String label);

    /**
     * Whether the session can still carry a request, as far as can be told without blocking or reading: false once
     * it is closed, or when the peer has sent something while nothing was asked of it (on an idle request/response
     * session, that is its close_notify: it closed the session). A peer that went away without a close_notify (a
     * crash) is noticed only by the next read or write. Since 1.1; an implementation that cannot tell answers true.
     */
    default boolean isOpen() { return true; }

    InputStream inputStream();

    OutputStream outputStream();
}
