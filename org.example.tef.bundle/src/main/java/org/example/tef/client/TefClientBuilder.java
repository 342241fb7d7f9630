package org.example.tef.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.core.TefFunction;

/** What a {@link TefClient} is made of besides the function and its endpoint; see {@link TefClient#builder}. */
public final class TefClientBuilder<E extends TefException> {
    final TefFunction function;
    final String clientId;
    final TlsClientConfig tls;
    final TefException.Factory<E> failures;
    Duration idleTimeout = Duration.ofSeconds(30);
    HeldKeys keys = HeldKeys.inMemory();
    Clock clock = Clock.systemUTC();
    Set<String> registrationExtras = Set.of();
    String logCategory;
    Supplier<TlsClientConfig> tlsSource;

    TefClientBuilder(TefFunction function, String clientId, TlsClientConfig tls, TefException.Factory<E> failures) {
        this.function = Objects.requireNonNull(function, "function");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    /** How long an unused session stays open for the next procedure; zero: one session per procedure. Default 30 s. */
    public TefClientBuilder<E> sessionIdleTimeout(Duration timeout) {
        if (timeout.isNegative()) throw new IllegalArgumentException("sessionIdleTimeout must not be negative");
        idleTimeout = timeout;
        return this;
    }

    /** Where the keys it registers and retrieves are held; default {@link HeldKeys#inMemory()}. */
    public TefClientBuilder<E> heldKeys(HeldKeys value) { keys = Objects.requireNonNull(value); return this; }

    public TefClientBuilder<E> clock(Clock value) { clock = Objects.requireNonNull(value); return this; }

    /** Attributes a registration answer may carry beyond the shared table, such as the MAF's assignedSymmKeyID (8.8.2.3). */
    public TefClientBuilder<E> registrationAnswerExtras(Set<String> names) { registrationExtras = Set.copyOf(names); return this; }

    /**
     * How each new session authenticates, asked whenever one is opened or a kept one would be reused, instead of always
     * the configuration given to {@link TefClient#builder}: for a client whose credential changes while it runs, such as a
     * MEF Client that authenticates with the certificate the MEF provisioned while it holds one, else with its PSK
     * (TS-0003 8.3.5.2.2). Every configuration it gives must reach the builder's host, port and server name (else the
     * procedure fails); a kept session is reused only while the source gives the very instance it was opened with, so
     * the source returns the same instance until the credential changes. {@link TefClient#useCredential} replaces it.
     *
     * @since 1.3
     */
    public TefClientBuilder<E> tlsSource(Supplier<TlsClientConfig> source) { tlsSource = Objects.requireNonNull(source); return this; }

    /** The logger the client's messages go to; default the function's log category + ".client". */
    public TefClientBuilder<E> logCategory(String value) { logCategory = value; return this; }

    public TefClient<E> build(SecureChannels channels, PrimitiveTransport transport) {
        return new TefClient<>(this, Objects.requireNonNull(channels, "channels"), Objects.requireNonNull(transport, "transport"));
    }
}

