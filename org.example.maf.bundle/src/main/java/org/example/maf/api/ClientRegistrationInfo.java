package org.example.maf.api;

import java.time.Instant;
import java.util.List;

/** What the MAF answered to a MAF Client Registration (TS-0003 table 8.8.2.3-2) or a Registration Update (table 8.8.2.5-2). */
public final class ClientRegistrationInfo {
    public final String registrationId;
    public final List<String> labels;
    public final Instant expirationTime;
    public final String clientId;
    public final String adminFqdn;
    /**
     * (1.3) assignedSymmKeyID: the KmID the MAF assigned to the remotely provisioned Km of the session (8.8.2.3, 8.8.2.5),
     * which the client uses from then on; null when the answer carries none (a session of a pre-provisioned KmID, an
     * assigned KmID or a certificate).
     */
    public final String assignedKmId;

    public ClientRegistrationInfo(String registrationId, List<String> labels, Instant expirationTime, String clientId, String adminFqdn) {
        this(registrationId, labels, expirationTime, clientId, adminFqdn, null);
    }

    /** (1.3) With the assigned KmID, or null. */
    public ClientRegistrationInfo(String registrationId, List<String> labels, Instant expirationTime, String clientId, String adminFqdn,
                                  String assignedKmId) {
        this.registrationId = registrationId;
        this.labels = List.copyOf(labels);
        this.expirationTime = expirationTime;
        this.clientId = clientId;
        this.adminFqdn = adminFqdn;
        this.assignedKmId = assignedKmId;
    }

    @Override
    public String toString() {
        return "MAF Client Registration " + registrationId + " of " + clientId + " for " + adminFqdn + " until " + expirationTime
                + (assignedKmId == null ? "" : ", assigned KmID " + assignedKmId);
    }
}
