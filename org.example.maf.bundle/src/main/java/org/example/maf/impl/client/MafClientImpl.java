package org.example.maf.impl.client;

import static org.example.maf.impl.protocol.WireNames.*;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.example.maf.api.ClientRegistrationInfo;
import org.example.maf.api.KeyRegistrationRequest;
import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafException;
import org.example.maf.api.MafKey;
import org.example.maf.impl.protocol.Content;
import org.example.tef.api.Identifiers;
import org.example.tef.api.KeyExport;
import org.example.tef.api.M2mTimestamp;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.wire.Operation;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.api.wire.Rsc;
import org.example.tef.api.wire.WireRequest;
import org.example.tef.api.wire.WireResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonObject;

/** One MAF Client: each procedure opens a MAF Handshake session (TS-0003 8.8.2.2), sends one primitive and closes it. */
final class MafClientImpl implements MafClient {
    private static final Logger LOG = LoggerFactory.getLogger(MafClientImpl.class);
    private static final Set<String> CLIENT_REG_ANSWER = Set.of(CLIENT_REG_ID, LBL, ET, CLIENT_ID, ADMIN_FQDN, ASSIGNED_SYMM_KEY_ID);
    private static final Set<String> KEY_REG_ANSWER = Set.of(RELATIVE_KEY_ID, ET, SOURCE_CLIENT_ID, LBL, ADMIN_FQDN, SUID, TARGET_IDS, KEY_VALUE);

    private final MafClientConfig config;
    private final SecureChannels channels;
    private final PrimitiveTransport transport;
    private final Clock clock;
    private final Map<String, MafKey> keys = new ConcurrentHashMap<>();

    MafClientImpl(MafClientConfig config, SecureChannels channels, PrimitiveTransport transport, Clock clock) {
        this.config = config;
        this.channels = channels;
        this.transport = transport;
        this.clock = clock;
    }

    @Override public String mafFqdn() { return config.mafFqdn; }
    @Override public String clientId() { return config.clientId; }

    @Override
    public ClientRegistrationInfo register(String adminFqdn, Instant proposedExpiration, List<String> labels) throws MafException {
        JsonObject body = new JsonObject();
        body.addProperty(ET, M2mTimestamp.format(proposedExpiration));
        if (labels != null && !labels.isEmpty()) body.add(LBL, Content.strings(labels));
        body.addProperty(ADMIN_FQDN, adminFqdn);
        Exchange x = exchange(Operation.CREATE, base(config.mafFqdn), Content.wrap(CLIENT_REG, body), false);
        Content answer = x.answer(CLIENT_REG, CLIENT_REG_ANSWER);
        ClientRegistrationInfo info = new ClientRegistrationInfo(answer.requiredString(CLIENT_REG_ID),
                answer.optionalStringList(LBL).orElse(List.of()), answer.requiredTimestamp(ET), answer.requiredString(CLIENT_ID),
                answer.requiredString(ADMIN_FQDN));
        if (!info.adminFqdn.equalsIgnoreCase(adminFqdn)) throw new MafException(0, "the MAF registered " + info.adminFqdn + ", not " + adminFqdn);
        return info;
    }

    @Override
    public String retrieveConfiguration(String registrationId) throws MafException {
        Exchange x = exchange(Operation.RETRIEVE, registration(config.mafFqdn, registrationId) + "/" + CONFIGURATION, null, false);
        return x.response.content();
    }

    @Override
    public ClientRegistrationInfo updateRegistration(String registrationId, Instant proposedExpiration, List<String> labels) throws MafException {
        if (proposedExpiration == null && labels == null) throw new IllegalArgumentException("update the expiration time, the labels or both");
        JsonObject body = new JsonObject();
        if (proposedExpiration != null) body.addProperty(ET, M2mTimestamp.format(proposedExpiration));
        if (labels != null) body.add(LBL, Content.strings(labels));
        Exchange x = exchange(Operation.UPDATE, registration(config.mafFqdn, registrationId), Content.wrap(CLIENT_REG, body), false);
        Content answer = x.answer(CLIENT_REG, CLIENT_REG_ANSWER);
        return new ClientRegistrationInfo(registrationId, answer.optionalStringList(LBL).orElse(List.of()),
                answer.optionalTimestamp(ET).orElse(null), config.clientId, null);
    }

    @Override
    public void deregister(String registrationId) throws MafException {
        exchange(Operation.DELETE, registration(config.mafFqdn, registrationId), null, false);
    }

    @Override
    public MafKey registerKey(KeyRegistrationRequest request) throws MafException {
        JsonObject body = new JsonObject();
        body.addProperty(ET, M2mTimestamp.format(request.expirationTime));
        if (!request.labels.isEmpty()) body.add(LBL, Content.strings(request.labels));
        body.addProperty(ADMIN_FQDN, request.adminFqdn);
        body.addProperty(SUID, request.suid);
        if (request.targetIds != null) body.add(TARGET_IDS, Content.strings(request.targetIds));
        byte[] selfGenerated = request.keyValue();
        if (selfGenerated != null) body.addProperty(KEY_VALUE, Base64.getEncoder().encodeToString(selfGenerated));
        Exchange x = exchange(Operation.CREATE, base(config.mafFqdn), Content.wrap(KEY_REG, body), selfGenerated == null);
        Content answer = x.answer(KEY_REG, KEY_REG_ANSWER);
        String relativeKeyId = answer.requiredString(RELATIVE_KEY_ID);
        byte[] value;
        if (selfGenerated != null) {
            value = selfGenerated;
        } else {
            KeyExport export = KeyExport.split(x.exported);
            if (!export.relativeKeyId().equalsIgnoreCase(relativeKeyId)) throw new MafException(0, "the MAF named the exported key "
                    + relativeKeyId + " but this side exported " + export.relativeKeyId() + " (TS-0003 10.3.1, 10.3.5)");
            value = export.key();
        }
        MafKey key = new MafKey(Identifiers.join(relativeKeyId, config.mafFqdn), relativeKeyId, answer.requiredTimestamp(ET),
                answer.requiredString(SOURCE_CLIENT_ID), answer.requiredString(ADMIN_FQDN), answer.requiredInt(SUID),
                answer.optionalStringList(TARGET_IDS).orElse(List.of()), answer.optionalStringList(LBL).orElse(List.of()), value);
        Arrays.fill(value, (byte) 0);
        keys.put(canonical(key.keyIdentifier), key);
        return key;
    }

    @Override
    public MafKey retrieveKey(String keyIdentifier) throws MafException {
        Identifiers.QualifiedId id;
        try {
            id = Identifiers.parse(keyIdentifier);
        } catch (IllegalArgumentException e) {
            throw new MafException(Rsc.BAD_REQUEST.code(), "not a Key Identifier (RelativeKeyID@MAF-FQDN): " + e.getMessage());
        }
        if (!id.fqdn().equalsIgnoreCase(config.mafFqdn)) throw new MafException(Rsc.BAD_REQUEST.code(),
                "key " + keyIdentifier + " is not distributed by " + config.mafFqdn + " (TS-0003 8.8.2.8)");
        Optional<MafKey> held = heldKey(keyIdentifier);
        if (held.isPresent()) return held.get();
        Exchange x = exchange(Operation.RETRIEVE, key(config.mafFqdn, id.relative()), null, false);
        Content answer = x.answer(KEY_REG, KEY_REG_ANSWER);
        byte[] value = answer.optionalBase64(KEY_VALUE).orElseThrow(() -> new MafException(0, "the MAF's answer holds no keyValue"));
        MafKey key = new MafKey(Identifiers.join(id.relative(), config.mafFqdn), id.relative(), answer.requiredTimestamp(ET),
                answer.requiredString(SOURCE_CLIENT_ID), answer.requiredString(ADMIN_FQDN), answer.requiredInt(SUID),
                List.of(config.clientId), answer.optionalStringList(LBL).orElse(List.of()), value);
        Arrays.fill(value, (byte) 0);
        keys.put(canonical(key.keyIdentifier), key);
        LOG.info("retrieved key {} from {} (SUID {}, until {})", key.keyIdentifier, key.sourceClientId, key.suid, key.expirationTime);
        return key;
    }

    @Override
    public MafKey updateKey(String relativeKeyId, Instant proposedExpiration, List<String> labels, List<String> targetIds) throws MafException {
        if (proposedExpiration == null && labels == null && targetIds == null) throw new IllegalArgumentException("update at least one of expiration, labels, targets");
        JsonObject body = new JsonObject();
        if (proposedExpiration != null) body.addProperty(ET, M2mTimestamp.format(proposedExpiration));
        if (labels != null) body.add(LBL, Content.strings(labels));
        if (targetIds != null) body.add(TARGET_IDS, Content.strings(targetIds));
        Exchange x = exchange(Operation.UPDATE, key(config.mafFqdn, relativeKeyId), Content.wrap(KEY_REG, body), false);
        Content answer = x.answer(KEY_REG, KEY_REG_ANSWER);
        String identifier = canonical(Identifiers.join(relativeKeyId, config.mafFqdn));
        MafKey before = keys.get(identifier);
        if (before == null) return null;
        MafKey after = new MafKey(before.keyIdentifier, before.relativeKeyId, answer.optionalTimestamp(ET).orElse(before.expirationTime),
                before.sourceClientId, before.adminFqdn, before.suid, answer.optionalStringList(TARGET_IDS).orElse(before.targetIds),
                answer.optionalStringList(LBL).orElse(before.labels), before.value());
        keys.put(identifier, after);
        return after;
    }

    @Override
    public void deregisterKey(String relativeKeyId) throws MafException {
        exchange(Operation.DELETE, key(config.mafFqdn, relativeKeyId), null, false);
        keys.remove(canonical(Identifiers.join(relativeKeyId, config.mafFqdn)));
    }

    @Override
    public Optional<MafKey> heldKey(String keyIdentifier) {
        MafKey key = keys.get(canonical(keyIdentifier));
        if (key == null) return Optional.empty();
        if (key.expiredAt(clock.instant())) {
            keys.remove(canonical(keyIdentifier));
            return Optional.empty();
        }
        return Optional.of(key);
    }

    /** The relative part is case-insensitive (TS-0003 10.6), the FQDN is a DNS name. */
    private static String canonical(String keyIdentifier) {
        return keyIdentifier.toLowerCase(java.util.Locale.ROOT);
    }

    /** One request and its answer, in a session of its own; the exported key material when asked for. */
    private Exchange exchange(Operation op, String to, String content, boolean export) throws MafException {
        TlsClientConfig.Builder tls = TlsClientConfig.builder(config.host, config.port, config.mafFqdn)
                .exporterLabels(List.of(KeyExport.CONNECTION_LABEL));
        if (config.psk != null) tls.psk(config.psk);
        else tls.certificate(config.certificate, config.mafTrustAnchors);
        WireRequest request = new WireRequest(op, to, config.clientId, UUID.randomUUID().toString(), null, content);
        try (SecureSession session = channels.connect(tls.build()); PrimitiveTransport.Client client = transport.client(session)) {
            WireResponse response = client.send(request);
            if (!response.rsc().isSuccess()) {
                throw new MafException(response.rsc().code(), op + " " + to + " refused with " + response.rsc().code()
                        + " (" + response.rsc() + "): " + response.debugMessage());
            }
            return new Exchange(response, export ? session.exported(KeyExport.CONNECTION_LABEL) : null);
        } catch (IOException e) {
            throw new MafException("cannot complete " + op + " " + to + " with MAF " + config.mafFqdn + " at " + config.host + ":"
                    + config.port + ": " + e.getMessage(), e);
        }
    }

    private static final class Exchange {
        final WireResponse response;
        final byte[] exported;

        Exchange(WireResponse response, byte[] exported) {
            this.response = response;
            this.exported = exported;
        }

        Content answer(String wrapper, Set<String> names) throws MafException {
            try {
                return Content.parse(response.content(), Set.of(wrapper), names);
            } catch (IllegalArgumentException e) {
                throw new MafException(0, "the MAF's answer is not understood: " + e.getMessage());
            }
        }
    }
}
