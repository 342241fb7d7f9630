package org.example.mef.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.example.tef.api.EnrolmentKey;
import org.example.tef.client.DistributedKey;
import org.example.tef.client.KeyRequest;
import org.example.tef.client.KeyUpdate;
import org.example.tef.client.Registration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The client side of every MEF procedure (TS-0003 8.3.5.2.3-8.3.5.2.10) and of the MEF Client Commands (8.3.9), over
 * sessions the MEF Handshake (8.3.5.2.2, TLS-PSK with KpmID/Kpm) established; sessions are kept and requests repeated
 * as the MAF Client's are (tef's shared client). Safe for concurrent callers.
 * <p>
 * Its state is durable when {@link MefClientConfig#stateFile} is set (in memory otherwise): the registrations, the
 * Enrolment Key of the latest registration's handshake, the cmdID last reported per registration, and the keys it
 * registered or retrieved, so that a restarted device keeps its enrolment.
 * <p>
 * Every failure of a procedure is a {@link MefException} with the MEF's RSC, 5000 for an answer the client cannot use,
 * 4000 for a request it would not send, or 0 for no answer.
 */
@ProviderType
public interface MefClient extends AutoCloseable {

    String mefFqdn();

    String clientId();

    /**
     * 8.3.5.2.3. The registration's handshake establishes the Enrolment Key (10.3.1) that {@link #enrolmentKey()} gives
     * afterwards. 8.3.4.6 asks for a Command Retrieve next: call {@link #processCommands}.
     */
    Registration register(String adminFqdn, Instant proposedExpiration, List<String> labels) throws MefException;

    /** 8.3.5.2.4: the MEF Client Configuration as the JSON the MEF answered: {@code {"sec:mefClientCfg": {...}}}. */
    String retrieveConfiguration(String registrationId) throws MefException;

    /** 8.3.5.2.5: either argument may be null, not both; the answer holds only what was asked for. */
    Registration updateRegistration(String registrationId, Instant proposedExpiration, List<String> labels) throws MefException;

    /** 8.3.5.2.6; the registration and its last reported cmdID are forgotten. */
    void deregister(String registrationId) throws MefException;

    /** The registrations this client made and has not de-registered, as last registered or updated. */
    List<Registration> registrations();

    /**
     * The Enrolment Key Ke and KeID (10.3.1, 10.3.4) that the handshake of this client's latest registration
     * established, as the MEF stored it; kept until a later registration replaces it (the client is not told its
     * expiry). Empty before the first registration.
     */
    Optional<EnrolmentKey> enrolmentKey();

    /** 8.3.5.2.7, as the Source MEF Client; a key without a value is exported with EXPORTER-oneM2M-Connection (10.3.1). */
    DistributedKey registerKey(KeyRequest request) throws MefException;

    /**
     * 8.3.5.2.8, as a Target MEF Client given a Key Identifier {@code RelativeKeyID@MEF-FQDN} in a security protocol
     * (8.3.4.3); a key held and not expired is returned without asking the MEF again.
     *
     * @throws MefException (4000) also when the FQDN is not this client's MEF's
     */
    DistributedKey retrieveKey(String keyIdentifier) throws MefException;

    /** 8.3.5.2.9: any argument after the RelativeKeyID may be null, not all. */
    KeyUpdate updateKey(String relativeKeyId, Instant proposedExpiration, List<String> labels, List<String> targetIds) throws MefException;

    /** 8.3.5.2.10. */
    void deregisterKey(String relativeKeyId) throws MefException;

    /** A key this client registered or retrieved and still holds. */
    Optional<DistributedKey> heldKey(String keyIdentifier);

    /** Every key this client holds (registered or retrieved), as its state keeps them. @since 1.7 */
    List<DistributedKey> heldKeys();

    /** 8.3.9.2 steps 1 to 4: the registration's current command, as the MEF issues it; nothing is executed. */
    MefCommand retrieveCommand(String registrationId) throws MefException;

    /**
     * 8.3.9.3: reports a command's cmdStatusCode (12.3.2.4) and returns the next command the MEF issues in its
     * answer. The cmdID is recorded (durably) as the last one reported before it is sent (8.3.9.2 step 5b).
     */
    MefCommand reportCommand(String registrationId, String cmdId, int statusCode) throws MefException;

    /**
     * The loop of 8.3.9.2 step 5: retrieves the registration's command, then, until the MEF issues NO_MORE_COMMANDS,
     * parses it, compares its cmdID with the last one reported (REPEATED_CMD_ID when equal; a REISSUED command the
     * client already reported is reported with its recorded status again, 8.3.9.5.3), dispatches it by class to the
     * built-in processing or an executor (CLASS_NOT_SUPPORTED when none), and reports the status, which answers with the
     * next command.
     *
     * @return the NO_MORE_COMMANDS retryDuration (8.3.9.6): when the caller should call this again
     */
    Duration processCommands(String registrationId) throws MefException;

    /**
     * {@link #processCommands(String)}, telling {@code reports} each command the MEF issued and the status this client
     * reports for it, before the report is sent (the NO_MORE_COMMANDS that ends the loop is the returned retryDuration),
     * so that a caller such as {@code bin/mef-client} can show what was done. An exception the observer throws ends
     * the loop before that report is sent, as a failed Update would.
     *
     * @since 1.3
     */
    Duration processCommands(String registrationId, CommandReports reports) throws MefException;

    /** What {@link #processCommands(String, CommandReports)} tells its caller; commands carry no secrets. */
    @FunctionalInterface
    interface CommandReports {
        /** @param statusCode the cmdStatusCode about to be reported (12.3.2.4), e.g. 20 OK */
        void reporting(MefCommand command, int statusCode);
    }

    /**
     * The certificates the MEF provisioned to this client through CERT_PROV commands (TS-0003 8.3.9.7, 8.3.6.2) and that
     * it still holds, one per certificate subject, the latest provisioned first; renewed by the client before they expire
     * ({@link MefClientConfig#certificateRenewalMargin}). Empty without a {@link MefClientConfig#certificateDirectory}.
     *
     * @since 1.8
     */
    List<ProvisionedCertificate> provisionedCertificates();

    /**
     * Closes the sessions this client keeps open and its state file. Procedures called afterwards fail with a
     * {@link MefException} (status 0).
     */
    @Override
    void close();
}
