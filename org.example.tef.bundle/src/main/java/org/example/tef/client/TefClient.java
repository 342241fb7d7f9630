package org.example.tef.client;

import static org.example.tef.core.WireNames.*;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.example.onem2m.primitive.M2mTimestamp;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.api.Identifiers;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.client.Procedure.Shared;
import org.example.tef.core.Content;
import org.example.tef.core.TefFunction;
import org.example.tef.impl.client.SessionExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonObject;

/**
 * The client side of the eight procedures a MAF (TS-0003 8.8.2.3-.10) and a MEF (8.3.5.2.3-.10) share, for the
 * function its {@link TefFunction} names: each sends one primitive in a session the Handshake (8.8.2.2, 8.3.5.2.2)
 * established, a kept one (until it has been idle for the configured timeout) or a new one. Retrievals and Updates run
 * on a kept session when there is one, and once more on a new session when the kept one turns out closed before the
 * function could have acted; Registrations and De-Registrations, which must not run twice, always open a new session,
 * as does a Key Registration whose key is exported from the session (10.3.1). The answers are read against the
 * tables of the procedures; one that does not fit is the function's exception with 5000 (see {@link Answer}), never an
 * unchecked exception. A function's own procedures go through {@link #exchange}. Safe for concurrent callers.
 *
 * @param <E> the function's client exception (MafException, MefException)
 */
public final class TefClient<E extends TefException> implements AutoCloseable {
    private final TefFunction function;
    private final String fqdn;
    /** The X-M2M-Origin of every request (informational), and the Target of the keys it retrieves; see {@link #useCredential}. */
    private volatile String clientId;
    private final Clock clock;
    private final HeldKeys keys;
    private final TefException.Factory<E> failures;
    private final AnswerTables answers;
    private final SessionExchange sessions;
    private final Logger log;

    TefClient(TefClientBuilder<E> b, SecureChannels channels, PrimitiveTransport transport) {
        this.function = b.function;
        this.fqdn = b.tls.serverName;
        this.clientId = b.clientId;
        this.clock = b.clock;
        this.keys = b.keys;
        this.failures = b.failures;
        this.answers = new AnswerTables(function, b.registrationExtras);
        this.log = LoggerFactory.getLogger(b.logCategory != null ? b.logCategory : function.logCategory() + ".client");
        this.sessions = new SessionExchange(function.name(), b.tls, b.tlsSource, b.idleTimeout, channels, transport, log);
    }

    /**
     * @param tls       how to reach the function: host, port, its FQDN as the server name (SNI, 10.2.1), the credential, and
     *                  every exporter label the procedures will ask for
     * @param failures  makes the function's own exception
     */
    public static <E extends TefException> TefClientBuilder<E> builder(TefFunction function, String clientId, TlsClientConfig tls,
                                                              TefException.Factory<E> failures) {
        return new TefClientBuilder<>(function, clientId, tls, failures);
    }

    public TefFunction function() { return function; }

    /** The function's FQDN: the server name of the sessions and the part after '@' of its Key Identifiers. */
    public String fqdn() { return fqdn; }

    public String clientId() { return clientId; }

    /**
     * From now on, every session authenticates with {@code psk} (same function, host, port and exporter labels) and
     * every request names {@code clientId}: the MAF Client uses this when the MAF assigned it a KmID (TS-0003 8.8.2.3,
     * 8.8.2.5: "the MAF Client shall use this as Master Credential ID (KmID) hereafter"). The kept sessions of the
     * previous credential are closed; a procedure in flight finishes on its session, which is then closed, not kept.
     * The keys held stay held.
     *
     * @throws IllegalStateException when the client authenticates with a certificate
     */
    public void useCredential(String clientId, PskCredential psk) {
        Objects.requireNonNull(clientId, "clientId");
        synchronized (this) {
            sessions.usePsk(psk);
            this.clientId = clientId;
        }
        log.debug("{} {} now authenticates as {}", function.client(), clientId, psk.identity());
    }

    /**
     * Client Registration (8.8.2.3, 8.3.5.2.3); the function may shorten the proposed expiration time.
     *
     * @param exportLabel a label whose exported material the answer carries ({@link Registration#sessionExport()}), or null
     */
    public Registration register(String adminFqdn, Instant proposedExpiration, List<String> labels, String exportLabel) throws E {
        Procedure procedure = Procedure.of(function, Shared.CLIENT_REGISTRATION);
        Objects.requireNonNull(adminFqdn, "adminFqdn");
        JsonObject body = new JsonObject();
        body.addProperty(ET, M2mTimestamp.format(Objects.requireNonNull(proposedExpiration, "proposedExpiration")));
        if (labels != null && !labels.isEmpty()) body.add(LBL, Content.strings(labels));
        body.addProperty(ADMIN_FQDN, adminFqdn);
        Exchanged<E> x = exchange(procedure, function.basePath(fqdn), Content.wrap(function.clientRegWrapper(), body), exportLabel, false);
        Registration r = x.answer.read(function.clientRegWrapper(), answers.registration, c -> new Registration(
                relativeId(function.clientRegIdName(), c.requiredString(function.clientRegIdName())), c.optionalStringList(LBL).orElse(List.of()),
                c.requiredTimestamp(ET), c.requiredString(function.clientIdName()), c.requiredString(ADMIN_FQDN), x.exported, answers.extras(c)));
        if (x.exported != null) Arrays.fill(x.exported, (byte) 0);
        if (!r.adminFqdn.equalsIgnoreCase(adminFqdn)) throw x.answer.notUnderstood("it registered for " + r.adminFqdn + ", not " + adminFqdn);
        return r;
    }

    /** Client Configuration Retrieval (8.8.2.4, 8.3.5.2.4): the JSON answered, {@code {"<cfg wrapper>": {...}}}. */
    public String retrieveConfiguration(String registrationId) throws E {
        Procedure procedure = Procedure.of(function, Shared.CONFIGURATION_RETRIEVAL);
        requireRelativeId(procedure, function.clientRegIdName(), registrationId);
        return exchange(procedure, function.registrationPath(fqdn, registrationId) + "/" + CONFIGURATION, null).object(function.clientCfgWrapper());
    }

    /** Registration Update (8.8.2.5, 8.3.5.2.5): either argument may be null, not both; the answer holds only what was asked. */
    public Registration updateRegistration(String registrationId, Instant proposedExpiration, List<String> labels) throws E {
        if (proposedExpiration == null && labels == null) throw new IllegalArgumentException("update the expiration time, the labels or both");
        Procedure procedure = Procedure.of(function, Shared.REGISTRATION_UPDATE);
        requireRelativeId(procedure, function.clientRegIdName(), registrationId);
        JsonObject body = new JsonObject();
        if (proposedExpiration != null) body.addProperty(ET, M2mTimestamp.format(proposedExpiration));
        if (labels != null) body.add(LBL, Content.strings(labels));
        Answer<E> answer = exchange(procedure, function.registrationPath(fqdn, registrationId), Content.wrap(function.clientRegWrapper(), body));
        return answer.read(function.clientRegWrapper(), answers.registrationUpdate, c -> new Registration(registrationId,
                c.optionalStringList(LBL).orElse(List.of()), c.optionalTimestamp(ET).orElse(null), clientId, null, null, answers.extras(c)));
    }


    /** De-Registration (8.8.2.6, 8.3.5.2.6). */
    public void deregister(String registrationId) throws E {
        Procedure procedure = Procedure.of(function, Shared.DE_REGISTRATION);
        requireRelativeId(procedure, function.clientRegIdName(), registrationId);
        exchange(procedure, function.registrationPath(fqdn, registrationId), null);
    }

    /** Key Registration as the Source (8.8.2.7, 8.3.5.2.7); the key is held afterwards. */
    public DistributedKey registerKey(KeyRequest request) throws E {
        Procedure procedure = Procedure.of(function, Shared.KEY_REGISTRATION);
        JsonObject body = new JsonObject();
        body.addProperty(ET, M2mTimestamp.format(request.expirationTime));
        if (!request.labels.isEmpty()) body.add(LBL, Content.strings(request.labels));
        body.addProperty(ADMIN_FQDN, request.adminFqdn);
        body.addProperty(SUID, request.suid);
        if (request.targetIds != null) body.add(TARGET_IDS, Content.strings(request.targetIds));
        byte[] selfGenerated = request.keyValue();
        if (selfGenerated != null) body.addProperty(KEY_VALUE, Base64.getEncoder().encodeToString(selfGenerated));
        String label = selfGenerated == null ? function.exporterLabel() : null;
        Exchanged<E> x = exchange(procedure, function.basePath(fqdn), Content.wrap(KEY_REG, body), label, label != null);
        byte[] value = selfGenerated;
        try {
            String relativeKeyId = x.answer.read(KEY_REG, answers.keyRegistration, c -> relativeId(RELATIVE_KEY_ID, c.requiredString(RELATIVE_KEY_ID)));
            if (value == null) {
                // Kc from this side's export (10.3.1); the function must have named it by the same KcID (10.3.5)
                KeyExport export = KeyExport.split(x.exported);
                if (!export.relativeKeyId().equalsIgnoreCase(relativeKeyId)) throw x.answer.notUnderstood("it names the exported key "
                        + relativeKeyId + " but this side exported " + export.relativeKeyId() + " (TS-0003 10.3.1, 10.3.5)");
                value = export.key();
            }
            byte[] v = value;
            DistributedKey key = x.answer.read(KEY_REG, answers.keyRegistration, c -> new DistributedKey(Identifiers.join(relativeKeyId, fqdn),
                    relativeKeyId, c.requiredTimestamp(ET), c.requiredString(function.sourceClientIdName()), c.requiredString(ADMIN_FQDN),
                    c.requiredInt(SUID), c.optionalStringList(TARGET_IDS).orElse(List.of()), c.optionalStringList(LBL).orElse(List.of()), v));
            keys.put(key);
            return key;
        } finally {
            if (value != null) Arrays.fill(value, (byte) 0);
            if (x.exported != null) Arrays.fill(x.exported, (byte) 0);
        }
    }

    /**
     * Key Retrieval as a Target (8.8.2.8, 8.3.5.2.8), given the Key Identifier {@code RelativeKeyID@FQDN} received in a
     * security protocol. A key already held and not expired is returned without asking again (8.8.2.8 NOTE, 8.3.4.3).
     * An identifier of another function's FQDN is refused with 4000, nothing sent.
     */
    public DistributedKey retrieveKey(String keyIdentifier) throws E {
        Procedure procedure = Procedure.of(function, Shared.KEY_RETRIEVAL);
        Identifiers.QualifiedId id;
        try {
            id = Identifiers.parse(keyIdentifier);
        } catch (IllegalArgumentException e) {
            throw failure(ResponseStatusCode.BAD_REQUEST, "not a Key Identifier (RelativeKeyID@" + function.name() + "-FQDN): " + e.getMessage());
        }
        if (!id.fqdn().equalsIgnoreCase(fqdn)) throw failure(ResponseStatusCode.BAD_REQUEST,
                "key " + keyIdentifier + " is not distributed by " + fqdn + " (TS-0003 " + function.clause(8) + ")");
        Optional<DistributedKey> held = heldKey(keyIdentifier);
        if (held.isPresent()) return held.get();
        Answer<E> answer = exchange(procedure, function.keyPath(fqdn, id.relative()), null);
        DistributedKey key = answer.read(KEY_REG, answers.keyRetrieval, c -> {
            byte[] value = c.optionalBase64(KEY_VALUE).orElseThrow(() -> new IllegalArgumentException("missing attribute '" + KEY_VALUE + "'"));
            try {
                return new DistributedKey(Identifiers.join(id.relative(), fqdn), id.relative(), c.requiredTimestamp(ET),
                        c.requiredString(function.sourceClientIdName()), c.requiredString(ADMIN_FQDN), c.requiredInt(SUID),
                        List.of(clientId), c.optionalStringList(LBL).orElse(List.of()), value);
            } finally {
                Arrays.fill(value, (byte) 0);
            }
        });
        keys.put(key);
        log.info("retrieved key {} from {} (SUID {}, until {})", key.keyIdentifier, key.sourceClientId, key.suid, key.expirationTime);
        return key;
    }

    /** Key Registration Update (8.8.2.9, 8.3.5.2.9): any argument after the RelativeKeyID may be null, not all. */
    public KeyUpdate updateKey(String relativeKeyId, Instant proposedExpiration, List<String> labels, List<String> targetIds) throws E {
        if (proposedExpiration == null && labels == null && targetIds == null) throw new IllegalArgumentException("update at least one of expiration, labels, targets");
        Procedure procedure = Procedure.of(function, Shared.KEY_REGISTRATION_UPDATE);
        requireRelativeId(procedure, RELATIVE_KEY_ID, relativeKeyId);
        JsonObject body = new JsonObject();
        if (proposedExpiration != null) body.addProperty(ET, M2mTimestamp.format(proposedExpiration));
        if (labels != null) body.add(LBL, Content.strings(labels));
        if (targetIds != null) body.add(TARGET_IDS, Content.strings(targetIds));
        Answer<E> answer = exchange(procedure, function.keyPath(fqdn, relativeKeyId), Content.wrap(KEY_REG, body));
        String identifier = Identifiers.join(relativeKeyId, fqdn);
        KeyUpdate update = answer.read(KEY_REG, answers.keyUpdate, c -> {
            Instant et = c.optionalTimestamp(ET).orElse(null);
            List<String> newLabels = c.optionalStringList(LBL).orElse(null);
            List<String> newTargets = c.optionalStringList(TARGET_IDS).orElse(null);
            // The answer omits what did not change, so the held copy keeps its own value of each omitted attribute.
            DistributedKey after = heldKey(identifier).map(before -> before.updated(et, newLabels, newTargets)).orElse(null);
            return new KeyUpdate(identifier, relativeKeyId, et, newLabels, newTargets, after);
        });
        update.heldKey().ifPresent(keys::put);
        return update;
    }

    /** Key De-Registration (8.8.2.10, 8.3.5.2.10); the key is no longer held. */
    public void deregisterKey(String relativeKeyId) throws E {
        Procedure procedure = Procedure.of(function, Shared.KEY_DE_REGISTRATION);
        requireRelativeId(procedure, RELATIVE_KEY_ID, relativeKeyId);
        exchange(procedure, function.keyPath(fqdn, relativeKeyId), null);
        keys.remove(HeldKeys.canonical(Identifiers.join(relativeKeyId, fqdn)));
    }

    /** A key this client registered or retrieved and still holds; an expired one is dropped. */
    public Optional<DistributedKey> heldKey(String keyIdentifier) {
        String id = HeldKeys.canonical(keyIdentifier);
        Optional<DistributedKey> key = keys.get(id);
        if (key.isPresent() && key.get().expiredAt(clock.instant())) {
            keys.remove(id);
            return Optional.empty();
        }
        return key;
    }

    /**
     * One request of a function's own procedure and its success answer, with the shared rules: a refusal is the
     * exception with the function's RSC; another success status than the procedure's, or an answer to another
     * request (X-M2M-RI, TS-0004 7.2.2), is one the client does not understand.
     */
    public Answer<E> exchange(Procedure procedure, String to, String content) throws E {
        return exchange(procedure, to, content, null, false).answer;
    }

    /** An identifier the caller gave, checked before it becomes a path segment: a bad one is 4000 and not sent. */
    public void requireRelativeId(Procedure procedure, String name, String id) throws E {
        if (!Identifiers.isRelativeId(id)) throw failure(ResponseStatusCode.BAD_REQUEST,
                procedure + ": '" + id + "' is not a " + name + " ([A-Za-z0-9._-]+); nothing was sent");
    }

    /** The function's exception with this status and message. */
    public E failure(ResponseStatusCode status, String message) { return failures.create(status.code(), message, null); }

    /** Closes the sessions this client keeps open; procedures called afterwards fail (status 0) without sending. */
    @Override
    public void close() { sessions.close(); }

    /** An identifier the function assigned, which later requests carry as a path segment. */
    private static String relativeId(String name, String id) {
        if (!Identifiers.isRelativeId(id)) throw new IllegalArgumentException("attribute '" + name + "' is not [A-Za-z0-9._-]+: " + id);
        return id;
    }

    private record Exchanged<E extends TefException>(Answer<E> answer, byte[] exported) {}

    private Exchanged<E> exchange(Procedure procedure, String to, String content, String exportLabel, boolean sessionKey) throws E {
        if (sessions.isClosed()) throw failures.create(0, procedure + ": this " + function.client() + " is closed; nothing was sent", null);
        RequestPrimitive request = RequestPrimitive.of(procedure.operation(), to).from(clientId).requestId(UUID.randomUUID().toString()).content(content).build();
        SessionExchange.Sent sent;
        try {
            sent = sessions.send(procedure, request, exportLabel, sessionKey);
        } catch (TefException e) {
            throw failures.create(e.rsc(), e.getMessage(), e.getCause());
        }
        ResponsePrimitive response = sent.response();
        ResponseStatusCode rsc = response.status();
        Answer<E> answer = new Answer<>(procedure, function.name(), response, failures);
        if (!rsc.isSuccess()) {
            String message = response.debugMessage();
            throw failures.create(rsc.code(), procedure + " refused with " + rsc.code() + " (" + rsc + "): "
                    + (message.isEmpty() ? "(the " + function.name() + " gave no message)" : message), null);
        }
        if (rsc != procedure.success()) throw answer.notUnderstood("its status is " + rsc.code() + " (" + rsc + "); this procedure answers "
                + procedure.success().code() + " (" + procedure.success() + ")");
        if (!request.requestId().equals(response.requestId())) throw answer.notUnderstood(
                "it answers request '" + response.requestId() + "', not this request '" + request.requestId() + "' (X-M2M-RI)");
        return new Exchanged<>(answer, sent.exported());
    }
}
