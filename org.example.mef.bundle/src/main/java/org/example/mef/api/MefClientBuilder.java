package org.example.mef.api;

import java.nio.file.Path;
import java.time.Duration;

import org.example.mef.impl.client.CommandExecutors;
import org.example.mef.impl.client.MefClientFactoryComponent;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.api.wire.PrimitiveTransport;

/**
 * MEF Clients without OSGi: the same client the bundle's {@link MefClientFactory} service makes, on tef's TLS and
 * transport built directly ({@link TefStandalone}) unless others are given, with the command executors given here.
 * <pre>
 * MefClient client = MefClientBuilder.create().commandExecutor(devCfg).build(MefClientConfig.withPsk("mef.example.com",
 *         "127.0.0.1", 8444, "//sp.example.com/cse-a", "kpm-cse-a@mef.example.com", kpm).withStateFile(Path.of("mef-client.mv.db")));
 * </pre>
 */
public final class MefClientBuilder {
    private SecureChannels channels;
    private PrimitiveTransport transport;
    private Duration sessionIdleTimeout;
    private Path certificateBase;
    private Duration renewalMargin = MefClientConfig.DEFAULT_CERTIFICATE_RENEWAL_MARGIN;
    private final CommandExecutors executors = new CommandExecutors();

    private MefClientBuilder() {}

    public static MefClientBuilder create() { return new MefClientBuilder(); }

    /** Another TLS implementation; default {@link TefStandalone#secureChannels()}. */
    public MefClientBuilder secureChannels(SecureChannels value) { this.channels = value; return this; }

    /** Another primitive transport; default {@link TefStandalone#primitiveTransport()}. */
    public MefClientBuilder primitiveTransport(PrimitiveTransport value) { this.transport = value; return this; }

    /** Replaces every configuration's {@link MefClientConfig#sessionIdleTimeout}; zero: one session per procedure. */
    public MefClientBuilder sessionIdleTimeout(Duration timeout) {
        if (timeout.isNegative()) throw new IllegalArgumentException("sessionIdleTimeout must not be negative");
        this.sessionIdleTimeout = timeout;
        return this;
    }

    /** An executor of one class of MEF Client Commands for every client built here (8.3.9.2 step 5d). */
    public MefClientBuilder commandExecutor(MefCommandExecutor executor) {
        executors.add(java.util.Objects.requireNonNull(executor, "executor"));
        return this;
    }

    /**
     * Clients whose configuration names no {@link MefClientConfig#certificateDirectory} get one under {@code base} (one
     * sub-directory per MEF and client ID) and so execute CERT_PROV commands by EST (TS-0003 8.3.9.7), with this
     * renewal margin ({@link MefClientConfig#certificateRenewalMargin}); null margin: the default.
     *
     * @since 1.8
     */
    public MefClientBuilder certificateDirectory(Path base, Duration renewalMargin) {
        this.certificateBase = base;
        this.renewalMargin = renewalMargin != null ? renewalMargin : MefClientConfig.DEFAULT_CERTIFICATE_RENEWAL_MARGIN;
        return this;
    }

    /** A factory of clients that share this builder's TLS, transport and executors. */
    public MefClientFactory buildFactory() {
        MefClientFactory factory = new MefClientFactoryComponent(channels != null ? channels : TefStandalone.secureChannels(),
                transport != null ? transport : TefStandalone.primitiveTransport(), executors, certificateBase, renewalMargin);
        Duration idle = sessionIdleTimeout;
        return idle == null ? factory : config -> factory.create(config.withSessionIdleTimeout(idle));
    }

    /** One client of the MEF, with the credential and state file {@code config} names. */
    public MefClient build(MefClientConfig config) { return buildFactory().create(config); }
}
