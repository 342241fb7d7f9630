package org.example.maf.impl.server.remote;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.example.maf.impl.protocol.MafFunction;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.api.Hex;
import org.example.tef.api.Identifiers;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.core.CredentialAssignment;
import org.example.tef.core.Rejection;
import org.example.tef.spi.AssignedCredential;
import org.example.tef.spi.ClientRegistration;
import org.example.tef.spi.RegistrationStore;

/**
 * The KmIDs this MAF assigns to remotely provisioned Master Credentials (TS-0003 8.8.2.3, 8.8.2.5: assignedSymmKeyID,
 * "the MAF Client shall use this as Master Credential ID (KmID) hereafter"), and their look-up as psk_identity.
 * <p>
 * An assigned KmID is {@code <mafClientRegID>.<8 hex digits>@<MAF-FQDN>} (10.6: relative part {@code [A-Za-z0-9._-]},
 * unique per MAF, as the registration ID is): the credential is stored in the registration it was assigned in, in the
 * MAF's registry, so a look-up is one read by registration ID, needs no index of its own, survives a restart as the
 * registration does, ends with it (de-registration, expiry, purge) and serves every MAF instance that shares the
 * registry. The random suffix makes the KmID of a Km provisioned by an update differ from the one it replaces, which
 * then no longer authenticates. The KmID authenticates while the registration is live and the Km's Lifetime (the MEF's)
 * has not passed; it is bound to the registration's client, the EnroleeID of the KeID session that registered.
 */
public final class AssignedKmIds implements CredentialAssignment {
    private final String mafFqdn;
    private final RegistrationStore store;
    private final Optional<RemoteCredentials> remote;
    private final java.util.function.Predicate<String> preProvisioned;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param remote the MEF's credentials, empty when remote provisioning is off (KmIDs assigned before still authenticate)
     * @param preProvisioned whether a psk_identity is a configured KmID, which is never a KeID session
     */
    public AssignedKmIds(String mafFqdn, RegistrationStore store, Optional<RemoteCredentials> remote,
                         java.util.function.Predicate<String> preProvisioned, Clock clock) {
        this.mafFqdn = mafFqdn.toLowerCase(Locale.ROOT);
        this.store = store;
        this.remote = remote;
        this.preProvisioned = preProvisioned;
        this.clock = clock;
    }

    @Override
    public String answerName() { return MafFunction.ASSIGNED_SYMM_KEY_ID; }

    /** In a KeID session only: a new KmID for the Km fetched for that KeID; elsewhere nothing (8.8.2.3, 8.8.2.5). */
    @Override
    public Optional<AssignedCredential> assign(SecureSession session, String registrationId) {
        String identity = session.peerCredential();
        if (remote.isEmpty() || session.authentication() != SecureSession.Authentication.PSK || !remote.get().isKeId(identity)
                || preProvisioned.test(identity)) {
            return Optional.empty();
        }
        FetchedCredential km = remote.get().cached(identity).orElseThrow(() -> new Rejection(ResponseStatusCode.ORIGINATOR_NOT_AUTHENTICATED,
                "the Km fetched from the MEF for KeID " + identity + " has expired since this session began; connect again (TS-0003 8.3.2.1)"));
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        String kmId = Identifiers.join(registrationId + "." + Hex.encode(suffix), mafFqdn);
        return Optional.of(new AssignedCredential(kmId, km.key(), km.lifetime));
    }

    /** The PSK of an assigned KmID: its Km, bound to the registration's client; empty when it is not one or no longer live. */
    Optional<PskCredential> lookup(String identity) {
        Identifiers.QualifiedId id;
        try {
            id = Identifiers.parse(identity);
        } catch (IllegalArgumentException notAnIdentity) {
            return Optional.empty();
        }
        int dot = id.relative().lastIndexOf('.');
        if (!id.fqdn().equals(mafFqdn) || dot <= 0) return Optional.empty();
        // registration IDs are lower case (prefix and hex); the KmID compares without regard to case (10.6)
        String registrationId = id.relative().substring(0, dot).toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Optional<ClientRegistration> registration = store.clientRegistration(registrationId).filter(r -> !r.expiredAt(now));
        return registration.flatMap(r -> r.assignedCredential()
                .filter(a -> a.identity().equalsIgnoreCase(identity) && !a.expiredAt(now))
                .map(a -> new PskCredential(identity, a.key(), r.clientId())));
    }
}
