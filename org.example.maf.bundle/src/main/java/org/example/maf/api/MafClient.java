package org.example.maf.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The client side of every MAF procedure (TS-0003 8.8.2.3-8.8.2.10), over sessions the MAF Handshake (8.8.2.2)
 * established. A session stays open for the next procedures until it has been unused for
 * {@link MafClientConfig#sessionIdleTimeout} (zero: one session per procedure). Retrievals and Updates run on a kept
 * session when there is one (and once more on a new session when the kept one turns out closed before the MAF could
 * have acted); Registrations and De-Registrations, which must not run twice, always open a new session, as does a
 * Key Registration whose key is exported from the session (10.3.1). Safe for concurrent callers. It holds the keys it registered and the keys it retrieved until they expire, in memory only.
 * A client of an Enrolment Key (8.3.2.1) follows the KmID the MAF assigns it (8.8.2.3, 8.8.2.5).
 * <p>
 * Every failure of a procedure is a {@link MafException}: a refusal carries the MAF's status code, an answer the
 * client cannot use (not JSON, an attribute missing or malformed, a success status the procedure does not answer
 * with) carries 5000, and no answer at all carries 0 (see {@link MafException#rsc()}).
 */
@ProviderType
public interface MafClient extends AutoCloseable {

    String mafFqdn();

    /**
     * This client's AE-ID or CSE-ID. A client of an Enrolment Key ({@link MafClientConfig#withEnrolmentKey}) does not
     * know it before the MAF names it: null until a Registration answers mafClientID (the EnroleeID the MEF gave the MAF,
     * 8.8.2.3 with 8.3.2.1) or its state file holds the ID answered before a restart. Until then its requests carry its
     * psk_identity as X-M2M-Origin, which the MAF does not rely on (it trusts the handshake).
     */
    String clientId();

    /**
     * (1.3) The psk_identity of this client's next sessions: the configured KmID; for a client of an Enrolment Key its
     * KeID until the MAF assigns a KmID (8.8.2.3, 8.8.2.5), that KmID afterwards; null for a certificate client.
     */
    String pskIdentity();

    /**
     * 8.8.2.3. The MAF may shorten the proposed expiration time. When the answer carries assignedSymmKeyID
     * ({@link ClientRegistrationInfo#assignedKmId}), every later session authenticates with that KmID and the same Km
     * ("the MAF Client shall use this as Master Credential ID (KmID) hereafter"); the sessions kept under the previous
     * identity are closed, and the KmID is kept in the {@linkplain MafClientConfig#stateFile state file} when there is one.
     */
    ClientRegistrationInfo register(String adminFqdn, Instant proposedExpiration, List<String> labels) throws MafException;

    /** 8.8.2.4: the MAF Client Configuration the stakeholder provided, as the JSON the MAF answered: {@code {"sec:mafClientCfg": {...}}}. */
    String retrieveConfiguration(String registrationId) throws MafException;

    /**
     * 8.8.2.5: either argument may be null, not both. The answer holds only what was asked for (table 8.8.2.5-2): the
     * fields of what was not asked for (and adminFqdn) are null. In a KeID session (the device enrolled again and this
     * client was configured with the new Enrolment Key) the MAF assigns a new KmID, which is followed as after
     * {@link #register}.
     *
     * @throws IllegalArgumentException when both are null
     */
    ClientRegistrationInfo updateRegistration(String registrationId, Instant proposedExpiration, List<String> labels) throws MafException;

    /**
     * 8.8.2.6. The MAF ends a KmID it assigned with the registration it was assigned in: after de-registering that
     * registration, a client of an Enrolment Key authenticates with its KeID again and forgets the KmID.
     */
    void deregister(String registrationId) throws MafException;

    /** 8.8.2.7, as the Source MAF Client. */
    MafKey registerKey(KeyRegistrationRequest request) throws MafException;

    /**
     * 8.8.2.8, as a Target MAF Client, given the Key Identifier {@code RelativeKeyID@MAF-FQDN} received in a security
     * feature. A key already held and not expired is returned without asking the MAF again (8.8.2.8 NOTE).
     *
     * @throws MafException also when the FQDN is not this client's MAF's
     */
    MafKey retrieveKey(String keyIdentifier) throws MafException;

    /**
     * 8.8.2.9: any argument may be null, not all. The MAF answers only the attributes asked to change (table
     * 8.8.2.9-2), never the key value; the key as now registered is in {@link KeyRegistrationUpdate#heldKey()} when
     * this client holds the key, and absent otherwise rather than made up.
     *
     * @throws IllegalArgumentException when every argument after the RelativeKeyID is null
     */
    KeyRegistrationUpdate updateKey(String relativeKeyId, Instant proposedExpiration, List<String> labels, List<String> targetIds) throws MafException;

    /** 8.8.2.10. */
    void deregisterKey(String relativeKeyId) throws MafException;

    /** A key this client registered or retrieved and still holds. */
    Optional<MafKey> heldKey(String keyIdentifier);

    /**
     * Closes the sessions this client keeps open. Procedures called afterwards fail with a {@link MafException}
     * (status 0); the keys it holds stay readable through {@link #heldKey}.
     */
    @Override
    void close();
}
