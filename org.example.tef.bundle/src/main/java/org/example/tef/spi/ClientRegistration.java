package org.example.tef.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A MAF (or MEF) Client Registration record (TS-0003 8.8.2.3): which authenticated client registered, for which
 * administrating stakeholder, until when.
 */
public final class ClientRegistration {
    private final String registrationId;
    private final String clientId;
    private final String credential;
    private final String adminFqdn;
    private final List<String> labels;
    private final Instant expirationTime;
    private final Instant createdAt;

    public ClientRegistration(String registrationId, String clientId, String credential, String adminFqdn,
                              List<String> labels, Instant expirationTime, Instant createdAt) {
        this.registrationId = Objects.requireNonNull(registrationId, "registrationId");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.credential = Objects.requireNonNull(credential, "credential");
        this.adminFqdn = Objects.requireNonNull(adminFqdn, "adminFqdn");
        this.labels = List.copyOf(labels);
        this.expirationTime = Objects.requireNonNull(expirationTime, "expirationTime");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
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

    public boolean expiredAt(Instant now) { return !expirationTime.isAfter(now); }

    public ClientRegistration withExpirationTime(Instant et) {
        return new ClientRegistration(registrationId, clientId, credential, adminFqdn, labels, et, createdAt);
    }

    public ClientRegistration withLabels(List<String> newLabels) {
        return new ClientRegistration(registrationId, clientId, credential, adminFqdn, newLabels, expirationTime, createdAt);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ClientRegistration)) return false;
        ClientRegistration r = (ClientRegistration) o;
        return registrationId.equals(r.registrationId) && clientId.equals(r.clientId) && credential.equals(r.credential)
                && adminFqdn.equals(r.adminFqdn) && labels.equals(r.labels) && expirationTime.equals(r.expirationTime)
                && createdAt.equals(r.createdAt);
    }

    @Override
    public int hashCode() { return Objects.hash(registrationId, clientId, adminFqdn, expirationTime); }

    @Override
    public String toString() { return "ClientRegistration[" + registrationId + " " + clientId + " for " + adminFqdn + " until " + expirationTime + "]"; }
}
