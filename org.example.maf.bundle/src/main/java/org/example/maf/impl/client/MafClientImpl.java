package org.example.maf.impl.client;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.example.maf.api.ClientRegistrationInfo;
import org.example.maf.api.KeyRegistrationRequest;
import org.example.maf.api.KeyRegistrationUpdate;
import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafException;
import org.example.maf.api.MafKey;
import org.example.maf.impl.protocol.MafFunction;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.client.DistributedKey;
import org.example.tef.client.KeyRequest;
import org.example.tef.client.KeyUpdate;
import org.example.tef.client.Registration;
import org.example.tef.client.TefClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MAF Client: tef's shared client ({@link TefClient}) with the MAF's names ({@link MafFunction#DEFINITION}), its
 * answers given as the MAF API's types. Sessions, retries and the reading of the answers (TS-0003 8.8.2.2 to
 * 8.8.2.10) are tef's; what is the MAF's own is the handshake with Km/KmID, a remotely provisioned Km under its KeID
 * (8.3.2.1) or a certificate (8.8.2.2), and the registration answer's assignedSymmKeyID (8.8.2.3, 8.8.2.5), which
 * {@link ClientCredential} follows and keeps.
 */
final class MafClientImpl implements MafClient {
    private static final Logger LOG = LoggerFactory.getLogger(MafClientImpl.class);
    private final MafClientConfig config;
    private final TefClient<MafException> client;
    /** The PSK, with the KmID the MAF assigned; null for a certificate client. */
    private final ClientCredential credential;

    MafClientImpl(MafClientConfig config, SecureChannels channels, PrimitiveTransport transport, Clock clock) {
        this.config = config;
        // a client of an Enrolment Key may have been assigned a KmID before a restart (its state file)
        this.credential = config.psk == null ? null : ClientCredential.open(config);
        try {
            TlsClientConfig.Builder tls = TlsClientConfig.builder(config.host, config.port, config.mafFqdn)
                    .exporterLabels(List.of(KeyExport.CONNECTION_LABEL));
            if (credential != null) tls.psk(credential.credential());
            else tls.certificate(config.certificate, config.mafTrustAnchors);
            this.client = TefClient.builder(MafFunction.DEFINITION, credential != null ? credential.originator() : config.clientId, tls.build(),
                            MafClientImpl::failure)
                    .sessionIdleTimeout(config.sessionIdleTimeout).clock(clock)
                    .registrationAnswerExtras(Set.of(MafFunction.ASSIGNED_SYMM_KEY_ID))
                    // the category this client has always logged under
                    .logCategory(MafClientImpl.class.getName())
                    .build(channels, transport);
        } catch (RuntimeException e) {
            if (credential != null) credential.close();
            throw e;
        }
    }

    private static MafException failure(int rsc, String message, Throwable cause) {
        if (rsc == 0 && cause != null) return new MafException(message, cause);
        MafException e = new MafException(rsc, message);
        if (cause != null) e.initCause(cause);
        return e;
    }

    @Override public String mafFqdn() { return config.mafFqdn; }
    @Override public String clientId() { return credential != null ? credential.clientId() : config.clientId; }
    @Override public String pskIdentity() { return credential != null ? credential.identity() : null; }

    @Override
    public ClientRegistrationInfo register(String adminFqdn, Instant proposedExpiration, List<String> labels) throws MafException {
        Registration r = client.register(adminFqdn, proposedExpiration, labels, null);
        if (credential != null) credential.registered(r.clientId);
        return info(r, follow(r));
    }

    @Override
    public String retrieveConfiguration(String registrationId) throws MafException {
        return client.retrieveConfiguration(registrationId);
    }

    @Override
    public ClientRegistrationInfo updateRegistration(String registrationId, Instant proposedExpiration, List<String> labels) throws MafException {
        Registration r = client.updateRegistration(registrationId, proposedExpiration, labels);
        String kmId = follow(r);
        // table 8.8.2.5-2 names no client: it is this client's ID (tef's Registration carries the originator sent)
        return new ClientRegistrationInfo(r.registrationId, r.labels, r.expirationTime, clientId(), r.adminFqdn, kmId);
    }

    @Override
    public void deregister(String registrationId) throws MafException {
        client.deregister(registrationId);
        if (credential != null) credential.deregistered(registrationId, client);
    }

    @Override
    public MafKey registerKey(KeyRegistrationRequest request) throws MafException {
        byte[] value = request.keyValue();
        KeyRequest shared = value == null
                ? KeyRequest.exported(request.adminFqdn, request.expirationTime, request.suid, request.targetIds, request.labels)
                : KeyRequest.selfGenerated(request.adminFqdn, request.expirationTime, request.suid, request.targetIds, request.labels, value);
        return key(client.registerKey(shared));
    }

    @Override
    public MafKey retrieveKey(String keyIdentifier) throws MafException {
        return key(client.retrieveKey(keyIdentifier));
    }

    @Override
    public KeyRegistrationUpdate updateKey(String relativeKeyId, Instant proposedExpiration, List<String> labels, List<String> targetIds)
            throws MafException {
        KeyUpdate u = client.updateKey(relativeKeyId, proposedExpiration, labels, targetIds);
        return new KeyRegistrationUpdate(u.keyIdentifier, u.relativeKeyId, u.expirationTime().orElse(null), u.labels().orElse(null),
                u.targetIds().orElse(null), u.heldKey().map(MafClientImpl::key).orElse(null));
    }

    @Override
    public void deregisterKey(String relativeKeyId) throws MafException {
        client.deregisterKey(relativeKeyId);
    }

    @Override
    public Optional<MafKey> heldKey(String keyIdentifier) {
        return client.heldKey(keyIdentifier).map(MafClientImpl::key);
    }

    @Override
    public void close() {
        client.close();
        if (credential != null) credential.close();
    }

    /** The KmID the answer assigned, followed from now on (8.8.2.3, 8.8.2.5), or null. */
    private String follow(Registration r) {
        String kmId = r.answered(MafFunction.ASSIGNED_SYMM_KEY_ID).orElse(null);
        if (kmId == null) return null;
        if (credential == null) {
            // only a KeID session is assigned a KmID; a certificate session has no Km to use it with
            LOG.warn("MAF {} assigned KmID {} to the certificate client {}; a certificate client has no Km for it, ignored",
                    config.mafFqdn, kmId, config.clientId);
        } else {
            credential.follow(kmId, r.registrationId, client);
        }
        return kmId;
    }

    private static ClientRegistrationInfo info(Registration r, String assignedKmId) {
        return new ClientRegistrationInfo(r.registrationId, r.labels, r.expirationTime, r.clientId, r.adminFqdn, assignedKmId);
    }

    private static MafKey key(DistributedKey k) {
        return new MafKey(k.keyIdentifier, k.relativeKeyId, k.expirationTime, k.sourceClientId, k.adminFqdn, k.suid, k.targetIds, k.labels, k.value());
    }
}
