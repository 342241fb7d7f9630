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
 * <p>
 * Every failure of a procedure is a {@link MafException}: a refusal carries the MAF's status code, an answer the
 * client cannot use (not JSON, an attribute missing or malformed, a success status the procedure does not answer
 * with) carries 5000, and no answer at all carries 0 (see {@link MafException#rsc()}).
 */
@ProviderType
public interface MafClient extends AutoCloseable {

    String mafFqdn();

    String clientId();

    /** 8.8.2.3. The MAF may shorten the proposed expiration time. */
    ClientRegistrationInfo register(String adminFqdn, Instant proposedExpiration, List<String> labels) throws MafException;

    /** 8.8.2.4: the MAF Client Configuration the stakeholder provided, as the JSON the MAF answered: {@code {"sec:mafClientCfg": {...}}}. */
    String retrieveConfiguration(String registrationId) throws MafException;

    /**
     * 8.8.2.5: either argument may be null, not both. The answer holds only what was asked for (table 8.8.2.5-2): the
     * fields of what was not asked for (and adminFqdn) are null.
     *
     * @throws IllegalArgumentException when both are null
     */
    ClientRegistrationInfo updateRegistration(String registrationId, Instant proposedExpiration, List<String> labels) throws MafException;

    /** 8.8.2.6. */
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
