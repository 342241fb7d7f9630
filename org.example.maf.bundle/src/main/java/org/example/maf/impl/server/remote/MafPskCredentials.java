package org.example.maf.impl.server.remote;

import java.util.Optional;

import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.PskCredentials;
import org.example.tef.core.PskClients;

/**
 * The MAF's psk_identity look-up (TS-0003 8.8.2.2, 8.8.2.3 step 1), in this order: a pre-provisioned KmID from the
 * configuration; a KmID this MAF assigned ({@link AssignedKmIds}); a KeID of the configured MEF, whose Km the MAF
 * fetches (8.3.2.1) and whose EnroleeID becomes the client's identity. Anything else fails the handshake.
 */
public final class MafPskCredentials implements PskCredentials {
    private final PskClients configured;
    private final AssignedKmIds assigned;
    private final Optional<RemoteCredentials> remote;

    public MafPskCredentials(PskClients configured, AssignedKmIds assigned, Optional<RemoteCredentials> remote) {
        this.configured = configured;
        this.assigned = assigned;
        this.remote = remote;
    }

    @Override
    public Optional<PskCredential> lookup(String identity) {
        Optional<PskCredential> found = configured.lookup(identity);
        if (found.isPresent()) return found;
        found = assigned.lookup(identity);
        if (found.isPresent() || remote.isEmpty()) return found;
        return remote.get().credentialFor(identity).map(c -> new PskCredential(identity, c.key(), c.enroleeId));
    }
}
