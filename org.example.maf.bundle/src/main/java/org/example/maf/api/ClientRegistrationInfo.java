package org.example.maf.api;

import java.time.Instant;
import java.util.List;

/** What the MAF answered to a MAF Client Registration (TS-0003 table 8.8.2.3-2). */
public final class ClientRegistrationInfo {
    public final String registrationId;
    public final List<String> labels;
    public final Instant expirationTime;
    public final String clientId;
    public final String adminFqdn;

    public ClientRegistrationInfo(String registrationId, List<String> labels, Instant expirationTime, String clientId, String adminFqdn) {
        this.registrationId = registrationId;
        this.labels = List.copyOf(labels);
        this.expirationTime = expirationTime;
        this.clientId = clientId;
        this.adminFqdn = adminFqdn;
    }

    @Override
    public String toString() { return "MAF Client Registration " + registrationId + " of " + clientId + " for " + adminFqdn + " until " + expirationTime; }
}
