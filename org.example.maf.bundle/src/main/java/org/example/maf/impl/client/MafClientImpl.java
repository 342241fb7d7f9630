package org.example.maf.impl.client;

import static org.example.maf.impl.protocol.MafFunction.*;
import static org.example.tef.core.WireNames.*;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.example.maf.api.ClientRegistrationInfo;
import org.example.maf.api.KeyRegistrationRequest;
import org.example.maf.api.KeyRegistrationUpdate;
import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafException;
import org.example.maf.api.MafKey;
import org.example.tef.core.Content;
import org.example.tef.api.Identifiers;
import org.example.tef.api.KeyExport;
import org.example.onem2m.primitive.M2mTimestamp;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonObject;

/**
 * One MAF Client: each procedure sends one primitive in a session the MAF Handshake (TS-0003 8.8.2.2) established,
 * a kept one ({@link SessionPool}, until it has been idle for {@link MafClientConfig#sessionIdleTimeout}) or a new one.
 * The MAF's answers are read against the tables of 8.8.2.x; an answer that does not fit is a {@link MafException}
 * (see {@link Answer}), never an unchecked exception. The sessions are {@link SessionExchange}'s.
 */
final class MafClientImpl implements MafClient {
    private static final Logger LOG = LoggerFactory.getLogger(MafClientImpl.class);
    /** Tables 8.8.2.3-2 and 8.8.2.5-2. */
    private static final Set<String> CLIENT_REG_ANSWER = Set.of(CLIENT_REG_ID, LBL, ET, CLIENT_ID, ADMIN_FQDN, ASSIGNED_SYMM_KEY_ID);
    private static final Set<String> CLIENT_REG_UPDATE_ANSWER = Set.of(ET, LBL, ASSIGNED_SYMM_KEY_ID);
    /** Tables 8.8.2.7-2, 8.8.2.8-2 and 8.8.2.9-2. */
    private static final Set<String> KEY_REG_ANSWER = Set.of(RELATIVE_KEY_ID, ET, SOURCE_CLIENT_ID, LBL, ADMIN_FQDN, SUID, TARGET_IDS);
    private static final Set<String> KEY_RETRIEVAL_ANSWER = Set.of(ET, SOURCE_CLIENT_ID, LBL, ADMIN_FQDN, SUID, KEY_VALUE);
    private static final Set<String> KEY_UPDATE_ANSWER = Set.of(ET, LBL, TARGET_IDS);

    private final MafClientConfig config;
    private final Clock clock;
    private final Map<String, MafKey> keys = new ConcurrentHashMap<>();
    /** The sessions the procedures are sent in. */
    private final SessionExchange sessions;

    MafClientImpl(MafClientConfig config, SecureChannels channels, PrimitiveTransport transport, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.sessions = new SessionExchange(config, channels, transport);
    }

    @Override public String mafFqdn() { return config.mafFqdn; }
    @Override public String clientId() { return config.clientId; }

    @Override
    public ClientRegistrationInfo register(String adminFqdn, Instant proposedExpiration, List<String> labels) throws MafException {
        Objects.requireNonNull(adminFqdn, "adminFqdn");
        JsonObject body = new JsonObject();
        body.addProperty(ET, M2mTimestamp.format(Objects.requireNonNull(proposedExpiration, "proposedExpiration")));
        if (labels != null && !labels.isEmpty()) body.add(LBL, Content.strings(labels));
        body.addProperty(ADMIN_FQDN, adminFqdn);
        Answer answer = exchange(Procedure.CLIENT_REGISTRATION, base(config.mafFqdn), Content.wrap(CLIENT_REG, body), false);
        ClientRegistrationInfo info = answer.read(CLIENT_REG, CLIENT_REG_ANSWER, c -> new ClientRegistrationInfo(
                relativeId(CLIENT_REG_ID, c.requiredString(CLIENT_REG_ID)), c.optionalStringList(LBL).orElse(List.of()),
                c.requiredTimestamp(ET), c.requiredString(CLIENT_ID), c.requiredString(ADMIN_FQDN)));
        if (!info.adminFqdn.equalsIgnoreCase(adminFqdn)) {
            throw Answer.notUnderstood(Procedure.CLIENT_REGISTRATION, "it registered for " + info.adminFqdn + ", not " + adminFqdn);
        }
        return info;
    }

    @Override
    public String retrieveConfiguration(String registrationId) throws MafException {
        requireRelativeId(Procedure.CONFIGURATION_RETRIEVAL, CLIENT_REG_ID, registrationId);
        Answer answer = exchange(Procedure.CONFIGURATION_RETRIEVAL, registration(config.mafFqdn, registrationId) + "/" + CONFIGURATION, null, false);
        return answer.object(CLIENT_CFG);
    }

    @Override
    public ClientRegistrationInfo updateRegistration(String registrationId, Instant proposedExpiration, List<String> labels) throws MafException {
        if (proposedExpiration == null && labels == null) throw new IllegalArgumentException("update the expiration time, the labels or both");
        requireRelativeId(Procedure.REGISTRATION_UPDATE, CLIENT_REG_ID, registrationId);
        JsonObject body = new JsonObject();
        if (proposedExpiration != null) body.addProperty(ET, M2mTimestamp.format(proposedExpiration));
        if (labels != null) body.add(LBL, Content.strings(labels));
        Answer answer = exchange(Procedure.REGISTRATION_UPDATE, registration(config.mafFqdn, registrationId), Content.wrap(CLIENT_REG, body), false);
        return answer.read(CLIENT_REG, CLIENT_REG_UPDATE_ANSWER, c -> new ClientRegistrationInfo(registrationId,
                c.optionalStringList(LBL).orElse(List.of()), c.optionalTimestamp(ET).orElse(null), config.clientId, null));
    }

    @Override
    public void deregister(String registrationId) throws MafException {
        requireRelativeId(Procedure.DE_REGISTRATION, CLIENT_REG_ID, registrationId);
        exchange(Procedure.DE_REGISTRATION, registration(config.mafFqdn, registrationId), null, false);
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
        Answer answer = exchange(Procedure.KEY_REGISTRATION, base(config.mafFqdn), Content.wrap(KEY_REG, body), selfGenerated == null);
        MafKey key = answer.read(KEY_REG, KEY_REG_ANSWER, c -> {
            String relativeKeyId = relativeId(RELATIVE_KEY_ID, c.requiredString(RELATIVE_KEY_ID));
            byte[] value = selfGenerated != null ? selfGenerated : exportedKey(answer, relativeKeyId);
            try {
                return new MafKey(Identifiers.join(relativeKeyId, config.mafFqdn), relativeKeyId, c.requiredTimestamp(ET),
                        c.requiredString(SOURCE_CLIENT_ID), c.requiredString(ADMIN_FQDN), c.requiredInt(SUID),
                        c.optionalStringList(TARGET_IDS).orElse(List.of()), c.optionalStringList(LBL).orElse(List.of()), value);
            } finally {
                Arrays.fill(value, (byte) 0);
            }
        });
        keys.put(canonical(key.keyIdentifier), key);
        return key;
    }

    /** Kc from this side's export (10.3.1); the MAF must have named it by the same KcID (10.3.5). */
    private static byte[] exportedKey(Answer answer, String relativeKeyId) throws MafException {
        KeyExport export = KeyExport.split(answer.exported);
        if (!export.relativeKeyId().equalsIgnoreCase(relativeKeyId)) {
            throw Answer.notUnderstood(Procedure.KEY_REGISTRATION, "it names the exported key " + relativeKeyId
                    + " but this side exported " + export.relativeKeyId() + " (TS-0003 10.3.1, 10.3.5)");
        }
        return export.key();
    }

    @Override
    public MafKey retrieveKey(String keyIdentifier) throws MafException {
        Identifiers.QualifiedId id;
        try {
            id = Identifiers.parse(keyIdentifier);
        } catch (IllegalArgumentException e) {
            throw new MafException(ResponseStatusCode.BAD_REQUEST.code(), "not a Key Identifier (RelativeKeyID@MAF-FQDN): " + e.getMessage());
        }
        if (!id.fqdn().equalsIgnoreCase(config.mafFqdn)) throw new MafException(ResponseStatusCode.BAD_REQUEST.code(),
                "key " + keyIdentifier + " is not distributed by " + config.mafFqdn + " (TS-0003 8.8.2.8)");
        Optional<MafKey> held = heldKey(keyIdentifier);
        if (held.isPresent()) return held.get();
        Answer answer = exchange(Procedure.KEY_RETRIEVAL, key(config.mafFqdn, id.relative()), null, false);
        MafKey key = answer.read(KEY_REG, KEY_RETRIEVAL_ANSWER, c -> {
            byte[] value = c.optionalBase64(KEY_VALUE).orElseThrow(() -> new IllegalArgumentException("missing attribute '" + KEY_VALUE + "'"));
            try {
                return new MafKey(Identifiers.join(id.relative(), config.mafFqdn), id.relative(), c.requiredTimestamp(ET),
                        c.requiredString(SOURCE_CLIENT_ID), c.requiredString(ADMIN_FQDN), c.requiredInt(SUID),
                        List.of(config.clientId), c.optionalStringList(LBL).orElse(List.of()), value);
            } finally {
                Arrays.fill(value, (byte) 0);
            }
        });
        keys.put(canonical(key.keyIdentifier), key);
        LOG.info("retrieved key {} from {} (SUID {}, until {})", key.keyIdentifier, key.sourceClientId, key.suid, key.expirationTime);
        return key;
    }

    @Override
    public KeyRegistrationUpdate updateKey(String relativeKeyId, Instant proposedExpiration, List<String> labels, List<String> targetIds)
            throws MafException {
        if (proposedExpiration == null && labels == null && targetIds == null) throw new IllegalArgumentException("update at least one of expiration, labels, targets");
        requireRelativeId(Procedure.KEY_REGISTRATION_UPDATE, RELATIVE_KEY_ID, relativeKeyId);
        JsonObject body = new JsonObject();
        if (proposedExpiration != null) body.addProperty(ET, M2mTimestamp.format(proposedExpiration));
        if (labels != null) body.add(LBL, Content.strings(labels));
        if (targetIds != null) body.add(TARGET_IDS, Content.strings(targetIds));
        Answer answer = exchange(Procedure.KEY_REGISTRATION_UPDATE, key(config.mafFqdn, relativeKeyId), Content.wrap(KEY_REG, body), false);
        String identifier = Identifiers.join(relativeKeyId, config.mafFqdn);
        KeyRegistrationUpdate update = answer.read(KEY_REG, KEY_UPDATE_ANSWER, c -> {
            Optional<Instant> et = c.optionalTimestamp(ET);
            Optional<List<String>> newLabels = c.optionalStringList(LBL);
            Optional<List<String>> newTargets = c.optionalStringList(TARGET_IDS);
            // Table 8.8.2.9-2 omits what did not change, so the held copy keeps its own value of each omitted attribute.
            MafKey after = heldKey(identifier).map(before -> new MafKey(before.keyIdentifier, before.relativeKeyId,
                    et.orElse(before.expirationTime), before.sourceClientId, before.adminFqdn, before.suid,
                    newTargets.orElse(before.targetIds), newLabels.orElse(before.labels), before.value())).orElse(null);
            return new KeyRegistrationUpdate(identifier, relativeKeyId, et.orElse(null), newLabels.orElse(null), newTargets.orElse(null), after);
        });
        update.heldKey().ifPresent(after -> keys.put(canonical(identifier), after));
        return update;
    }

    @Override
    public void deregisterKey(String relativeKeyId) throws MafException {
        requireRelativeId(Procedure.KEY_DE_REGISTRATION, RELATIVE_KEY_ID, relativeKeyId);
        exchange(Procedure.KEY_DE_REGISTRATION, key(config.mafFqdn, relativeKeyId), null, false);
        keys.remove(canonical(Identifiers.join(relativeKeyId, config.mafFqdn)));
    }

    @Override
    public void close() {
        sessions.close();
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

    /** An identifier the caller gave, checked before it becomes a path segment; a bad one is not sent. */
    private static void requireRelativeId(Procedure procedure, String name, String id) throws MafException {
        if (!Identifiers.isRelativeId(id)) throw new MafException(ResponseStatusCode.BAD_REQUEST.code(),
                procedure + ": '" + id + "' is not a " + name + " ([A-Za-z0-9._-]+); nothing was sent");
    }

    /** An identifier the MAF assigned, which later requests carry as a path segment. */
    private static String relativeId(String name, String id) {
        if (!Identifiers.isRelativeId(id)) throw new IllegalArgumentException("attribute '" + name + "' is not [A-Za-z0-9._-]+: " + id);
        return id;
    }

    /**
     * One request and its answer, sent by {@link SessionExchange}. A refusal is a MafException with the MAF's RSC; a
     * success status other than the procedure's, or an answer to another request (X-M2M-RI, TS-0004 7.2.2), is one
     * the client does not understand.
     */
    private Answer exchange(Procedure procedure, String to, String content, boolean export) throws MafException {
        if (sessions.isClosed()) throw new MafException(0, procedure + ": this MAF Client is closed; nothing was sent");
        RequestPrimitive request = RequestPrimitive.of(procedure.operation, to).from(config.clientId).requestId(UUID.randomUUID().toString()).content(content).build();
        SessionExchange.Sent sent = sessions.send(procedure, request, export);
        ResponsePrimitive response = sent.response();
        ResponseStatusCode rsc = response.status();
        if (!rsc.isSuccess()) {
            String message = response.debugMessage();
            throw new MafException(rsc.code(), procedure + " refused with " + rsc.code() + " (" + rsc + "): "
                    + (message.isEmpty() ? "(the MAF gave no message)" : message));
        }
        if (rsc != procedure.success) throw Answer.notUnderstood(procedure, "its status is " + rsc.code() + " (" + rsc + "); this procedure answers "
                + procedure.success.code() + " (" + procedure.success + ")");
        if (!request.requestId().equals(response.requestId())) throw Answer.notUnderstood(procedure,
                "it answers request '" + response.requestId() + "', not this request '" + request.requestId() + "' (X-M2M-RI)");
        return new Answer(procedure, response, sent.exported());
    }
}
