package org.example.device.impl;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.example.tef.client.DistributedKey;
import org.example.tef.client.KeyRequest;
import org.example.tef.client.Registration;
import org.example.tef.client.TefException;

/**
 * What the device side's MO processing needs of a MEF Client (TS-0003 8.3.5.2) or of a MAF Client (8.8.2): the same
 * procedures under other names, so that one processing serves MEFClientRegCfg and MAFClientRegCfg (8.3.4.2, 8.3.9.9.8)
 * and authenticationProfiles with SUIDs 21-23 and 31-33 (8.3.9.9.4, 8.3.9.9.5). A failure is tef's {@link TefException}
 * (rsc 0: no answer). Each client keeps its registration and the keys it registered durably, so that a change delivered
 * again after a restart finds them.
 */
interface EnrolmentClient extends AutoCloseable {
    /**
     * The function answered 4004 NOT_FOUND to a de-registration: it has already forgotten the registration or key (it
     * expired there), so the de-registration counts as done. The one place this rule is written.
     */
    static boolean alreadyGone(TefException e) { return e.rsc() == org.example.onem2m.primitive.ResponseStatusCode.NOT_FOUND.code(); }

    /** "MEF" or "MAF", for messages. */
    String function();

    /** This device's ID at the server; null while a MAF Client of an Enrolment Key has not been named yet. */
    String clientId();

    /** The registrations this client holds (normally one). */
    List<Registration> registrations();

    /** The registration this client holds, if any (the latest). */
    default Optional<Registration> registration() {
        List<Registration> all = registrations();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    Registration register(String adminFqdn, Instant proposedExpiration, List<String> labels) throws TefException;

    /** Either may be null, not both. */
    void updateRegistration(String registrationId, Instant proposedExpiration, List<String> labels) throws TefException;

    void deregister(String registrationId) throws TefException;

    DistributedKey registerKey(KeyRequest request) throws TefException;

    /**
     * Key Registration Update of the expiration only (8.3.5.2.9, 8.8.2.9).
     *
     * @return the expiration the function assigned (it may be earlier than asked, or rounded to its timestamps' second),
     *         or the one asked when the answer holds none
     */
    Instant updateKeyExpiration(String relativeKeyId, Instant expiration) throws TefException;

    void deregisterKey(String relativeKeyId) throws TefException;

    Optional<DistributedKey> heldKey(String keyIdentifier);

    /** The keys this client registered (as their source) and still holds: what ends with its registration. */
    List<DistributedKey> registeredKeys();

    @Override
    void close();
}
