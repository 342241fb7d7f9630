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

/**
 * One MAF Client: tef's shared client ({@link TefClient}) with the MAF's names ({@link MafFunction#DEFINITION}), its
 * answers given as the MAF API's types. Sessions, retries and the reading of the answers (TS-0003 8.8.2.2 to
 * 8.8.2.10) are tef's; what is the MAF's own is the registration answer's assignedSymmKeyID (8.8.2.3, 8.8.2.5) and
 * the handshake with Km/KmID or a certificate (8.8.2.2).
 */
final class MafClientImpl implements MafClient {
    private final MafClientConfig config;
    private final TefClient<MafException> client;

    MafClientImpl(MafClientConfig config, SecureChannels channels, PrimitiveTransport transport, Clock clock) {
        this.config = config;
        TlsClientConfig.Builder tls = TlsClientConfig.builder(config.host, config.port, config.mafFqdn)
                .exporterLabels(List.of(KeyExport.CONNECTION_LABEL));
        if (config.psk != null) tls.psk(config.psk);
        else tls.certificate(config.certificate, config.mafTrustAnchors);
        this.client = TefClient.builder(MafFunction.DEFINITION, config.clientId, tls.build(), MafClientImpl::failure)
                .sessionIdleTimeout(config.sessionIdleTimeout).clock(clock)
                .registrationAnswerExtras(Set.of(MafFunction.ASSIGNED_SYMM_KEY_ID))
                // the category this client has always logged under
                .logCategory(MafClientImpl.class.getName())
                .build(channels, transport);
    }

    private static MafException failure(int rsc, String message, Throwable cause) {
        if (rsc == 0 && cause != null) return new MafException(message, cause);
        MafException e = new MafException(rsc, message);
        if (cause != null) e.initCause(cause);
        return e;
    }

    @Override public String mafFqdn() { return config.mafFqdn; }
    @Override public String clientId() { return config.clientId; }

    @Override
    public ClientRegistrationInfo register(String adminFqdn, Instant proposedExpiration, List<String> labels) throws MafException {
        return info(client.register(adminFqdn, proposedExpiration, labels, null));
    }

    @Override
    public String retrieveConfiguration(String registrationId) throws MafException {
        return client.retrieveConfiguration(registrationId);
    }

    @Override
    public ClientRegistrationInfo updateRegistration(String registrationId, Instant proposedExpiration, List<String> labels) throws MafException {
        return info(client.updateRegistration(registrationId, proposedExpiration, labels));
    }

    @Override
    public void deregister(String registrationId) throws MafException {
        client.deregister(registrationId);
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
    }

    private static ClientRegistrationInfo info(Registration r) {
        return new ClientRegistrationInfo(r.registrationId, r.labels, r.expirationTime, r.clientId, r.adminFqdn);
    }

    private static MafKey key(DistributedKey k) {
        return new MafKey(k.keyIdentifier, k.relativeKeyId, k.expirationTime, k.sourceClientId, k.adminFqdn, k.suid, k.targetIds, k.labels, k.value());
    }
}
