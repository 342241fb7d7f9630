package org.example.maf.api;

import java.time.Duration;

import org.example.maf.impl.client.MafClientFactoryComponent;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.api.wire.PrimitiveTransport;

/**
 * MAF Clients without OSGi, as Leshan's {@code LeshanClientBuilder} gives its client: the same client the bundle's
 * {@link MafClientFactory} service makes, on tef's TLS and transport built directly ({@link TefStandalone}) unless
 * others are given.
 * <pre>
 * MafClient client = MafClientBuilder.create().build(MafClientConfig.withPsk("maf.example.com", "127.0.0.1", 8443,
 *         "//sp.example.com/target", "target-km@maf.example.com", km));
 * </pre>
 * In OSGi, use the {@link MafClientFactory} service instead.
 */
public final class MafClientBuilder {
    private SecureChannels channels;
    private PrimitiveTransport transport;
    private Duration sessionIdleTimeout;

    private MafClientBuilder() {}

    public static MafClientBuilder create() { return new MafClientBuilder(); }

    /** Another TLS implementation; default {@link TefStandalone#secureChannels()}. */
    public MafClientBuilder secureChannels(SecureChannels channels) { this.channels = channels; return this; }

    /** Another primitive transport; default {@link TefStandalone#primitiveTransport()}. */
    public MafClientBuilder primitiveTransport(PrimitiveTransport transport) { this.transport = transport; return this; }

    /**
     * How long an unused session stays open for the next procedure, for every client built here (it replaces the
     * configuration's {@link MafClientConfig#sessionIdleTimeout}); {@link Duration#ZERO}: one session per procedure.
     */
    public MafClientBuilder sessionIdleTimeout(Duration timeout) {
        if (timeout.isNegative()) throw new IllegalArgumentException("sessionIdleTimeout must not be negative");
        this.sessionIdleTimeout = timeout;
        return this;
    }

    /** A factory of clients that share this builder's TLS and transport (one per MAF and credential, as the service). */
    public MafClientFactory buildFactory() {
        MafClientFactory factory = new MafClientFactoryComponent(channels != null ? channels : TefStandalone.secureChannels(),
                transport != null ? transport : TefStandalone.primitiveTransport());
        Duration idle = sessionIdleTimeout;
        return idle == null ? factory : config -> factory.create(config.withSessionIdleTimeout(idle));
    }

    /** One client of the MAF and with the credential {@code config} names. */
    public MafClient build(MafClientConfig config) {
        return buildFactory().create(config);
    }
}
