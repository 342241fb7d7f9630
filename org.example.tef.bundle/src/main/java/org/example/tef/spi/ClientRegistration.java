package org.example.tef.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A MAF (or MEF) Client Registration record (TS-0003 8.8.2.3): which authenticated client registered, for which
 * administrating stakeholder, until when; and the credential the function assigned it in this registration, if any
 * (the MAF's remotely provisioned Km and its KmID, 8.8.2.3, 8.8.2.5).
 */
public final class ClientRegistration {
    private final String registrationId;
    private final String clientId;
    private final String credential;
    private final String adminFqdn;
    private final List<String> labels;
    private final Instant expirationTime;
    private final Instant createdAt;
    private final AssignedCredential assignedCredential;

    public ClientRegistration(String registrationId, String clientId, String credential, String adminFqdn,
                              List<String> labels, Instant expirationTime, Instant createdAt) {
        this(registrationId, clientId, credential, adminFqdn, labels, expirationTime, createdAt, null);
    }

    /**
     * @param assignedCredential the credential assigned in this registration, or null for none
     * @since 1.1
     */
    public ClientRegistration(String registrationId, String clientId, String credential, String adminFqdn,
                              List<String> labels, Instant expirationTime, Instant createdAt, AssignedCredential assignedCredential) {
        this.registrationId = Objects.requireNonNull(registrationId, "registrationId");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.credential = Objects.requireNonNull(credential, "credential");
        this.adminFqdn = Objects.requireNonNull(adminFqdn, "adminFqdn");
        this.labels = List.copyOf(labels);
        this.expirationTime = Objects.requireNonNull(expirationTime, "expirationTime");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.assignedCredential = assignedCredential;
    }

    /** mafClientRegID / MEFClientRegID. */
    public String registrationId() { return registrationId; }
    /** The MAF Client ID: the AE-ID or CSE-ID the handshake authenticated. */
    public String clientId() { return clientId; }
    /** The credential the client authenticated with (KmID, or certificate subject). */
    public String credential() { return credential; }
    public String adminFqdn() { return adminFqdn; }
    public List<String> labels() { return labels; }
    public Instant expirationTime() { return expirationTime; }
    public Instant createdAt() { return createdAt; }

    /** The credential assigned in this registration (8.8.2.3, 8.8.2.5), if any. @since 1.1 */
    public Optional<AssignedCredential> assignedCredential() { return Optional.ofNullable(assignedCredential); }

    public boolean expiredAt(Instant now) { return !expirationTime.isAfter(now); }

    public ClientRegistration withExpirationTime(Instant et) {
        return new ClientRegistration(registrationId, clientId, credential, adminFqdn, labels, et, createdAt, assignedCredential);
    }

    public ClientRegistration withLabels(List<String> newLabels) {
        return new ClientRegistration(registrationId, clientId, credential, adminFqdn, newLabels, expirationTime, createdAt, assignedCredential);
    }

    /** The same registration with a newly assigned credential, which replaces the one assigned before. @since 1.1 */
    public ClientRegistration withAssignedCredential(AssignedCredential assigned) {
        return new ClientRegistration(registrationId, clientId, credential, adminFqdn, labels, expirationTime, createdAt,
                Objects.requireNonNull(assigned, "assigned"));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ClientRegistration)) return false;
        ClientRegistration r = (ClientRegistration) o;
        return registrationId.equals(r.registrationId) && clientId.equals(r.clientId) && credential.equals(r.credential)
                && adminFqdn.equals(r.adminFqdn) && labels.equals(r.labels) && expirationTime.equals(r.expirationTime)
                && createdAt.equals(r.createdAt) && Objects.equals(assignedCredential, r.assignedCredential);
    }

    @Override
    public int hashCode() { return Objects.hash(registrationId, clientId, adminFqdn, expirationTime); }

    @Override
    public String toString() { return "ClientRegistration[" + registrationId + " " + clientId + " for " + adminFqdn + " until " + expirationTime
            + (assignedCredential == null ? "" : ", assigned " + assignedCredential.identity()) + "]"; }
}
