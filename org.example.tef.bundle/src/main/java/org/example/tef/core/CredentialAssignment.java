package org.example.tef.core;

import java.util.Optional;

import org.example.tef.api.channel.SecureSession;
import org.example.tef.spi.AssignedCredential;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a function assigns a client whose session was authenticated with a remotely provisioned credential, in its
 * Client Registration and Registration Update: the MAF's {@code assignedSymmKeyID}, a new KmID for the Km it fetched
 * from the MEF (TS-0003 8.8.2.3, 8.8.2.5 with 8.3.2.1). The shared procedures store what is assigned with the
 * registration (one durable write) and answer its identity under {@link #answerName()}. A function without remote
 * provisioning (the MEF) passes {@link #NONE}, and its procedures answer as before.
 *
 * @since tef.core 1.2
 */
@ConsumerType
public interface CredentialAssignment {

    /** Assigns nothing: every session is one of a pre-provisioned credential or a certificate. */
    CredentialAssignment NONE = new CredentialAssignment() {
        @Override public String answerName() { return "none"; }
        @Override public Optional<AssignedCredential> assign(SecureSession session, String registrationId) { return Optional.empty(); }
    };

    /** The attribute of the registration and update answers that carries the assigned identity, e.g. assignedSymmKeyID. */
    String answerName();

    /**
     * A new credential for the registration made or updated in this session, or empty when the session's credential
     * was not remotely provisioned (nothing is assigned, the answer is unchanged).
     *
     * @param registrationId the registration's ID (new, or the one being updated)
     * @throws Rejection when the session's credential was remotely provisioned but no credential can be assigned
     */
    Optional<AssignedCredential> assign(SecureSession session, String registrationId);
}
