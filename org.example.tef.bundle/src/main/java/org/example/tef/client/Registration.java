package org.example.tef.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the function answered to a Client Registration (TS-0003 tables 8.8.2.3-2, 8.3.5.2.3-2) or a Registration
 * Update (8.8.2.5-2, 8.3.5.2.5-2: only what was asked for, so the expiration time, the labels and the adminFQDN
 * may be null there), and the key material the registration's session exported when the client asked for it (the
 * MEF Client's Enrolment Key, 10.3.1), which {@link #toString()} does not print.
 */
public final class Registration {
    public final String registrationId;
    public final List<String> labels;
    public final Instant expirationTime;
    public final String clientId;
    public final String adminFqdn;
    private final byte[] sessionExport;
    private final Map<String, String> extras;

    public Registration(String registrationId, List<String> labels, Instant expirationTime, String clientId, String adminFqdn) {
        this(registrationId, labels, expirationTime, clientId, adminFqdn, null, Map.of());
    }

    Registration(String registrationId, List<String> labels, Instant expirationTime, String clientId, String adminFqdn, byte[] sessionExport,
                 Map<String, String> extras) {
        this.registrationId = registrationId;
        this.labels = List.copyOf(labels);
        this.expirationTime = expirationTime;
        this.clientId = clientId;
        this.adminFqdn = adminFqdn;
        this.sessionExport = sessionExport == null ? null : sessionExport.clone();
        this.extras = Map.copyOf(extras);
    }

    /**
     * An attribute the answer carried beyond the shared table, by its wire name (one the client was built to accept,
     * {@link TefClientBuilder#registrationAnswerExtras}), such as the MAF's assignedSymmKeyID (8.8.2.3, 8.8.2.5): a
     * string as itself, another value (the MEF's childResource list, 8.3.4.6) as its JSON text.
     */
    public Optional<String> answered(String name) { return Optional.ofNullable(extras.get(name)); }

    /** The 48 bytes the registration's session exported under the label the client asked for; a copy. */
    public Optional<byte[]> sessionExport() { return Optional.ofNullable(sessionExport).map(byte[]::clone); }

    @Override
    public String toString() { return "Client Registration " + registrationId + " of " + clientId + " for " + adminFqdn + " until " + expirationTime; }
}
