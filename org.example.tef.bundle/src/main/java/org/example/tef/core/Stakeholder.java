package org.example.tef.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An administrating stakeholder a MAF or MEF serves (TS-0003 8.8.1, 8.3.5.2.3): which clients it pre-authorizes to
 * register, the longest registration and key lifetimes it allows (the function shortens longer proposals,
 * 8.8.2.3/8.8.2.7, 8.3.5.2.3/8.3.5.2.7), and the client configuration it hands out (8.8.2.4, 8.3.5.2.4).
 */
public final class Stakeholder {
    private final String adminFqdn;
    private final Set<String> preAuthorizedClients;
    private final Duration maxRegistrationLifetime;
    private final Duration maxKeyLifetime;
    private final String clientConfiguration;

    public Stakeholder(String adminFqdn, Set<String> preAuthorizedClients, Duration maxRegistrationLifetime,
                       Duration maxKeyLifetime, String clientConfiguration) {
        this.adminFqdn = Objects.requireNonNull(adminFqdn).toLowerCase(Locale.ROOT);
        this.preAuthorizedClients = Set.copyOf(preAuthorizedClients);
        this.maxRegistrationLifetime = Objects.requireNonNull(maxRegistrationLifetime);
        this.maxKeyLifetime = Objects.requireNonNull(maxKeyLifetime);
        this.clientConfiguration = clientConfiguration;
        if (maxRegistrationLifetime.isNegative() || maxRegistrationLifetime.isZero()
                || maxKeyLifetime.isNegative() || maxKeyLifetime.isZero()) {
            throw new IllegalArgumentException("lifetimes of stakeholder " + adminFqdn + " must be positive");
        }
    }

    /**
     * A stakeholder as a MAF's or MEF's factory configuration gives it: client IDs as an array whose values may be
     * comma-separated, lifetimes in seconds, the client configuration as JSON text (blank: none).
     *
     * @throws IllegalArgumentException naming the stakeholder when a value cannot serve
     */
    public static Stakeholder fromConfiguration(String adminFqdn, String[] preAuthorizedClients, long maxRegistrationLifetimeSeconds,
                                                long maxKeyLifetimeSeconds, String clientConfiguration) {
        String json = clientConfiguration == null || clientConfiguration.isBlank() ? null : clientConfiguration.trim();
        if (json != null && !json.startsWith("{")) {
            throw new IllegalArgumentException("clientConfiguration of stakeholder " + adminFqdn + " must be a JSON object");
        }
        return new Stakeholder(adminFqdn, ConfigValues.split(preAuthorizedClients), Duration.ofSeconds(maxRegistrationLifetimeSeconds),
                Duration.ofSeconds(maxKeyLifetimeSeconds), json);
    }

    public String adminFqdn() { return adminFqdn; }
    public Set<String> preAuthorizedClients() { return preAuthorizedClients; }
    public Duration maxRegistrationLifetime() { return maxRegistrationLifetime; }
    public Duration maxKeyLifetime() { return maxKeyLifetime; }
    /** JSON of the MAF (or MEF) Client Configuration, or null when the stakeholder provides none. */
    public String clientConfiguration() { return clientConfiguration; }

    public boolean authorizes(String clientId) { return preAuthorizedClients.contains(clientId); }
}
