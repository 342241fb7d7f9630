package org.example.maf.impl.server;

import static org.example.maf.impl.protocol.WireNames.*;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.example.maf.impl.protocol.Content;
import org.example.tef.api.Hex;
import org.example.tef.api.Identifiers;
import org.example.tef.api.KeyExport;
import org.example.onem2m.primitive.M2mTimestamp;
import org.example.tef.api.Suids;
import org.example.tef.api.channel.SecureSession;
import org.example.onem2m.primitive.Operation;
import org.example.tef.api.wire.PrimitiveHandler;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.tef.spi.ClientRegistration;
import org.example.tef.spi.KeyRegistration;
import org.example.tef.spi.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonObject;

/**
 * The MAF side of the procedures of TS-0003 clause 8.8.2, as primitives on {@code /<MAF-FQDN>/mafBase}:
 *
 * <pre>
 * CREATE   mafBase              sec:mafClientReg   8.8.2.3 MAF Client Registration
 * RETRIEVE mafBase/regs/ID/cfg                     8.8.2.4 MAF Client Configuration Retrieval
 * UPDATE   mafBase/regs/ID      sec:mafClientReg   8.8.2.5 MAF Client Registration Update
 * DELETE   mafBase/regs/ID                         8.8.2.6 MAF Client De-Registration
 * CREATE   mafBase              sec:symmKeyReg     8.8.2.7 MAF Key Registration
 * RETRIEVE mafBase/keys/RKID                       8.8.2.8 MAF Key Retrieval
 * UPDATE   mafBase/keys/RKID    sec:symmKeyReg     8.8.2.9 MAF Key Registration Update
 * DELETE   mafBase/keys/RKID                       8.8.2.10 MAF Key De-Registration
 * </pre>
 *
 * The client is who its TLS handshake (8.8.2.2) authenticated; {@code X-M2M-Origin} is not consulted. Every
 * refusal changes nothing. Key values are never logged.
 */
public final class MafProcedures implements PrimitiveHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MafProcedures.class);
    private static final Set<String> CLIENT_REG_CREATE = Set.of(ET, LBL, ADMIN_FQDN);
    private static final Set<String> CLIENT_REG_UPDATE = Set.of(ET, LBL);
    private static final Set<String> KEY_REG_CREATE = Set.of(ET, LBL, ADMIN_FQDN, SUID, TARGET_IDS, KEY_VALUE);
    private static final Set<String> KEY_REG_UPDATE = Set.of(ET, LBL, TARGET_IDS);
    private static final int MIN_KEY_BYTES = 16;
    private static final int MAX_KEY_BYTES = 64;

    private final String mafFqdn;
    private final RegistrationStore store;
    private final Stakeholders stakeholders;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public MafProcedures(String mafFqdn, RegistrationStore store, Stakeholders stakeholders, Clock clock) {
        this.mafFqdn = mafFqdn.toLowerCase(Locale.ROOT);
        this.store = store;
        this.stakeholders = stakeholders;
        this.clock = clock;
    }

    @Override
    public ResponsePrimitive handle(SecureSession session, RequestPrimitive request) {
        String client = session.peerId().orElse(null);
        try {
            if (client == null) throw new MafRejection(ResponseStatusCode.ORIGINATOR_NOT_AUTHENTICATED,
                    "the credential '" + session.peerCredential() + "' is not bound to a MAF Client ID");
            return route(session, client, request);
        } catch (MafRejection r) {
            LOG.info("{} from {} refused with {} ({}): {}", request, client, r.status().code(), r.status(), r.getMessage());
            return ResponsePrimitive.error(r.status(), request.requestId(), r.getMessage());
        } catch (IllegalArgumentException bad) {
            LOG.info("{} from {} refused with 4000: {}", request, client, bad.getMessage());
            return ResponsePrimitive.error(ResponseStatusCode.BAD_REQUEST, request.requestId(), bad.getMessage());
        }
    }

    private ResponsePrimitive route(SecureSession session, String client, RequestPrimitive request) {
        List<String> path = Arrays.stream(request.to().split("/")).filter(s -> !s.isEmpty()).collect(Collectors.toList());
        if (path.size() < 2 || !path.get(0).equalsIgnoreCase(mafFqdn) || !path.get(1).equals(BASE)) {
            throw new MafRejection(ResponseStatusCode.NOT_FOUND, "this is MAF " + mafFqdn + "; its procedures are at " + base(mafFqdn));
        }
        List<String> rest = path.subList(2, path.size());
        Operation op = request.operation();
        if (rest.isEmpty()) {
            if (op != Operation.CREATE) throw notAllowed(op, "mafBase");
            Content probe = Content.parse(request.content(), Set.of(CLIENT_REG, KEY_REG), union(CLIENT_REG_CREATE, KEY_REG_CREATE));
            return probe.wrapper().equals(CLIENT_REG) ? registerClient(client, session, request) : registerKey(client, session, request);
        }
        if (rest.get(0).equals(REGISTRATIONS) && rest.size() == 2) {
            switch (op) {
                case UPDATE: return updateRegistration(client, rest.get(1), request);
                case DELETE: return deregister(client, rest.get(1), request);
                default: throw notAllowed(op, "a MAF Client Registration");
            }
        }
        if (rest.get(0).equals(REGISTRATIONS) && rest.size() == 3 && rest.get(2).equals(CONFIGURATION)) {
            if (op != Operation.RETRIEVE) throw notAllowed(op, "a MAF Client Configuration");
            return retrieveConfiguration(client, rest.get(1), request);
        }
        if (rest.get(0).equals(KEYS) && rest.size() == 2) {
            switch (op) {
                case RETRIEVE: return retrieveKey(client, rest.get(1), request);
                case UPDATE: return updateKey(client, rest.get(1), request);
                case DELETE: return deregisterKey(client, rest.get(1), request);
                default: throw notAllowed(op, "a key registration");
            }
        }
        throw new MafRejection(ResponseStatusCode.NOT_FOUND, "no procedure at " + request.to());
    }

    // --- 8.8.2.3 MAF Client Registration ------------------------------------------------------------

    private ResponsePrimitive registerClient(String client, SecureSession session, RequestPrimitive request) {
        Content c = Content.parse(request.content(), Set.of(CLIENT_REG), CLIENT_REG_CREATE);
        String adminFqdn = c.requiredString(ADMIN_FQDN);
        Instant proposed = c.requiredTimestamp(ET);
        List<String> labels = c.optionalStringList(LBL).orElse(List.of());
        Stakeholder stakeholder = servedStakeholder(adminFqdn);
        if (!stakeholder.authorizes(client)) throw new MafRejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                "administrating stakeholder " + stakeholder.adminFqdn() + " has not authorized " + client + " to register");
        Instant now = clock.instant();
        Instant et = assignedExpiry(proposed, now, stakeholder.maxRegistrationLifetime());
        for (ClientRegistration existing : store.clientRegistrationsOf(client)) {
            if (existing.adminFqdn().equalsIgnoreCase(stakeholder.adminFqdn()) && !existing.expiredAt(now)) {
                throw new MafRejection(ResponseStatusCode.ORIGINATOR_HAS_ALREADY_REGISTERED, client + " is already registered for "
                        + stakeholder.adminFqdn() + " as " + existing.registrationId() + "; update or de-register that registration");
            }
        }
        ClientRegistration registration = new ClientRegistration("mcr-" + randomHex(12), client, session.peerCredential(),
                stakeholder.adminFqdn(), labels, et, now);
        store.putClientRegistration(registration);
        LOG.info("registered MAF Client {} for {} as {} until {}", client, stakeholder.adminFqdn(), registration.registrationId(), et);
        JsonObject out = new JsonObject();
        out.addProperty(CLIENT_REG_ID, registration.registrationId());
        if (!labels.isEmpty()) out.add(LBL, Content.strings(labels));
        out.addProperty(ET, M2mTimestamp.format(et));
        out.addProperty(CLIENT_ID, client);
        out.addProperty(ADMIN_FQDN, stakeholder.adminFqdn());
        return new ResponsePrimitive(ResponseStatusCode.CREATED, request.requestId(), Content.wrap(CLIENT_REG, out),
                registration(mafFqdn, registration.registrationId()));
    }

    // --- 8.8.2.4 MAF Client Configuration Retrieval -------------------------------------------------

    private ResponsePrimitive retrieveConfiguration(String client, String registrationId, RequestPrimitive request) {
        ClientRegistration registration = ownLiveRegistration(client, registrationId);
        Stakeholder stakeholder = servedStakeholder(registration.adminFqdn());
        if (stakeholder.clientConfiguration() == null) throw new MafRejection(ResponseStatusCode.NOT_FOUND,
                "administrating stakeholder " + stakeholder.adminFqdn() + " has no MAF Client Configuration for " + registrationId);
        return new ResponsePrimitive(ResponseStatusCode.OK, request.requestId(), "{\"" + CLIENT_CFG + "\":" + stakeholder.clientConfiguration() + "}", null);
    }

    // --- 8.8.2.5 MAF Client Registration Update -----------------------------------------------------

    private ResponsePrimitive updateRegistration(String client, String registrationId, RequestPrimitive request) {
        Content c = Content.parse(request.content(), Set.of(CLIENT_REG), CLIENT_REG_UPDATE);
        if (!c.has(ET) && !c.has(LBL)) throw MafRejection.badRequest("a registration update carries expirationTime (et), labels (lbl) or both");
        ClientRegistration registration = ownLiveRegistration(client, registrationId);
        Stakeholder stakeholder = servedStakeholder(registration.adminFqdn());
        Instant now = clock.instant();
        ClientRegistration updated = registration;
        JsonObject out = new JsonObject();
        Optional<Instant> proposed = c.optionalTimestamp(ET);
        if (proposed.isPresent()) {
            Instant et = assignedExpiry(proposed.get(), now, stakeholder.maxRegistrationLifetime());
            updated = updated.withExpirationTime(et);
            out.addProperty(ET, M2mTimestamp.format(et));
        }
        Optional<List<String>> labels = c.optionalStringList(LBL);
        if (labels.isPresent()) {
            updated = updated.withLabels(labels.get());
            out.add(LBL, Content.strings(labels.get()));
        }
        store.putClientRegistration(updated);
        LOG.info("updated MAF Client registration {} of {}: {}", registrationId, client, out.keySet());
        return new ResponsePrimitive(ResponseStatusCode.UPDATED, request.requestId(), Content.wrap(CLIENT_REG, out), null);
    }

    // --- 8.8.2.6 MAF Client De-Registration ---------------------------------------------------------

    private ResponsePrimitive deregister(String client, String registrationId, RequestPrimitive request) {
        ClientRegistration registration = ownLiveRegistration(client, registrationId);
        store.removeClientRegistration(registration.registrationId());
        LOG.info("de-registered MAF Client {} ({}) from {}", client, registrationId, registration.adminFqdn());
        return new ResponsePrimitive(ResponseStatusCode.DELETED, request.requestId(), null, null);
    }

    // --- 8.8.2.7 MAF Key Registration ---------------------------------------------------------------

    private ResponsePrimitive registerKey(String client, SecureSession session, RequestPrimitive request) {
        Content c = Content.parse(request.content(), Set.of(KEY_REG), KEY_REG_CREATE);
        String adminFqdn = c.requiredString(ADMIN_FQDN);
        Instant proposed = c.requiredTimestamp(ET);
        int suid = c.requiredInt(SUID);
        List<String> labels = c.optionalStringList(LBL).orElse(List.of());
        Optional<List<String>> requestedTargets = c.optionalStringList(TARGET_IDS);
        Optional<byte[]> keyValue = c.optionalBase64(KEY_VALUE);
        if (!Suids.MAF_DISTRIBUTED.contains(suid)) throw MafRejection.badRequest("SUID " + suid
                + " is not for a MAF-distributed key; a MAF Key Registration carries one of " + sorted(Suids.MAF_DISTRIBUTED) + " (TS-0004 6.3.4.2.39)");
        List<String> targets = requestedTargets.orElse(List.of());
        checkTargets(suid, targets, requestedTargets.isPresent());
        Stakeholder stakeholder = servedStakeholder(adminFqdn);
        Instant now = clock.instant();
        requireLiveRegistration(client, stakeholder, now);
        Instant et = assignedExpiry(proposed, now, stakeholder.maxKeyLifetime());

        byte[] key;
        String relativeKeyId;
        if (keyValue.isPresent()) {
            key = keyValue.get();
            if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) throw MafRejection.badRequest("keyValue is "
                    + key.length + " bytes; a self-generated key is " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes");
            relativeKeyId = "k" + randomHex(16);
        } else {
            KeyExport export = KeyExport.split(session.exported(KeyExport.CONNECTION_LABEL));
            key = export.key();
            relativeKeyId = export.relativeKeyId();
            if (store.keyRegistration(relativeKeyId).isPresent()) throw new MafRejection(ResponseStatusCode.CONFLICT,
                    "the key exported from this TLS session is registered already (" + relativeKeyId
                            + "); register another key in a new session or send a keyValue");
        }
        KeyRegistration registration = new KeyRegistration(relativeKeyId, client, stakeholder.adminFqdn(), suid, targets,
                labels, et, key, now);
        store.putKeyRegistration(registration);
        Arrays.fill(key, (byte) 0);
        LOG.info("registered key {} from {} for {} (SUID {}, targets {}, until {}, {})", relativeKeyId, client,
                stakeholder.adminFqdn(), suid, targets, et, keyValue.isPresent() ? "self-generated" : "TLS exporter");
        JsonObject out = new JsonObject();
        out.addProperty(RELATIVE_KEY_ID, relativeKeyId);
        out.addProperty(ET, M2mTimestamp.format(et));
        out.addProperty(SOURCE_CLIENT_ID, client);
        if (!labels.isEmpty()) out.add(LBL, Content.strings(labels));
        out.addProperty(ADMIN_FQDN, stakeholder.adminFqdn());
        out.addProperty(SUID, suid);
        out.add(TARGET_IDS, Content.strings(targets));
        return new ResponsePrimitive(ResponseStatusCode.CREATED, request.requestId(), Content.wrap(KEY_REG, out), key(mafFqdn, relativeKeyId));
    }

    // --- 8.8.2.8 MAF Key Retrieval ------------------------------------------------------------------

    private ResponsePrimitive retrieveKey(String client, String relativeKeyId, RequestPrimitive request) {
        Instant now = clock.instant();
        KeyRegistration key = liveKey(relativeKeyId, now);
        Stakeholder stakeholder = servedStakeholder(key.adminFqdn());
        requireLiveRegistration(client, stakeholder, now);
        if (!key.targetIds().contains(client)) throw new MafRejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                client + " is not among the targets the Source MAF Client authorized for key " + key.relativeKeyId());
        // DEBUG, not INFO: a retrieval changes nothing, and one INFO line per retrieval serialised every session on
        // the logger's lock (BENCHMARKS.md, figure 2: p99 5.78 ms at INFO against 4.15 ms at WARN). Refusals and every
        // change to the registry stay at INFO.
        LOG.debug("key {} retrieved by target {}", key.relativeKeyId(), client);
        JsonObject out = new JsonObject();
        out.addProperty(ET, M2mTimestamp.format(key.expirationTime()));
        out.addProperty(SOURCE_CLIENT_ID, key.sourceClientId());
        if (!key.labels().isEmpty()) out.add(LBL, Content.strings(key.labels()));
        out.addProperty(ADMIN_FQDN, key.adminFqdn());
        out.addProperty(SUID, key.suid());
        out.addProperty(KEY_VALUE, Base64.getEncoder().encodeToString(key.keyValue()));
        return new ResponsePrimitive(ResponseStatusCode.OK, request.requestId(), Content.wrap(KEY_REG, out), null);
    }

    // --- 8.8.2.9 MAF Key Registration Update --------------------------------------------------------

    private ResponsePrimitive updateKey(String client, String relativeKeyId, RequestPrimitive request) {
        Content c = Content.parse(request.content(), Set.of(KEY_REG), KEY_REG_UPDATE);
        if (c.isEmpty()) throw MafRejection.badRequest("a key registration update carries expirationTime (et), labels (lbl), targetIDs or several");
        Instant now = clock.instant();
        KeyRegistration key = ownLiveKey(client, relativeKeyId, now);
        Stakeholder stakeholder = servedStakeholder(key.adminFqdn());
        Instant et = key.expirationTime();
        List<String> labels = key.labels();
        List<String> targets = key.targetIds();
        JsonObject out = new JsonObject();
        Optional<Instant> proposed = c.optionalTimestamp(ET);
        if (proposed.isPresent()) {
            et = assignedExpiry(proposed.get(), now, stakeholder.maxKeyLifetime());
            out.addProperty(ET, M2mTimestamp.format(et));
        }
        Optional<List<String>> newLabels = c.optionalStringList(LBL);
        if (newLabels.isPresent()) {
            labels = newLabels.get();
            out.add(LBL, Content.strings(labels));
        }
        Optional<List<String>> newTargets = c.optionalStringList(TARGET_IDS);
        if (newTargets.isPresent()) {
            checkTargets(key.suid(), newTargets.get(), true);
            targets = newTargets.get();
            out.add(TARGET_IDS, Content.strings(targets));
        }
        store.putKeyRegistration(key.with(et, labels, targets));
        LOG.info("updated key registration {} of {}: {}", key.relativeKeyId(), client, out.keySet());
        return new ResponsePrimitive(ResponseStatusCode.UPDATED, request.requestId(), Content.wrap(KEY_REG, out), null);
    }

    // --- 8.8.2.10 MAF Key De-Registration -----------------------------------------------------------

    private ResponsePrimitive deregisterKey(String client, String relativeKeyId, RequestPrimitive request) {
        KeyRegistration key = ownLiveKey(client, relativeKeyId, clock.instant());
        store.removeKeyRegistration(key.relativeKeyId());
        LOG.info("de-registered key {} of {}", key.relativeKeyId(), client);
        return new ResponsePrimitive(ResponseStatusCode.DELETED, request.requestId(), null, null);
    }

    // --- 8.8.2.7 step 7: the administrating stakeholder changes an ESData key's targets --------------

    /** @return the key registration as now stored */
    public KeyRegistration replaceTargets(String adminFqdn, String relativeKeyId, List<String> targets) {
        KeyRegistration key = liveKey(relativeKeyId, clock.instant());
        if (!key.adminFqdn().equalsIgnoreCase(adminFqdn)) throw new MafRejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                "key " + key.relativeKeyId() + " belongs to administrating stakeholder " + key.adminFqdn() + ", not " + adminFqdn);
        if (!Suids.isEsData(key.suid())) throw new MafRejection(ResponseStatusCode.OPERATION_NOT_ALLOWED,
                "only the targets of an ESData key (SUID 34, 35) are managed by the stakeholder (TS-0003 8.8.2.7); key "
                        + key.relativeKeyId() + " has SUID " + key.suid());
        checkTargets(key.suid(), targets, true);
        KeyRegistration updated = key.with(key.expirationTime(), key.labels(), targets);
        store.putKeyRegistration(updated);
        LOG.info("stakeholder {} set the targets of key {} to {}", adminFqdn, key.relativeKeyId(), targets);
        return updated;
    }

    // --- rules shared by the procedures -------------------------------------------------------------

    private Stakeholder servedStakeholder(String adminFqdn) {
        return stakeholders.byFqdn(adminFqdn).orElseThrow(() -> new MafRejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                "this MAF does not serve administrating stakeholder " + adminFqdn));
    }

    private void requireLiveRegistration(String client, Stakeholder stakeholder, Instant now) {
        boolean registered = store.clientRegistrationsOf(client).stream().anyMatch(
                r -> r.adminFqdn().equalsIgnoreCase(stakeholder.adminFqdn()) && !r.expiredAt(now));
        if (!registered) throw new MafRejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, client
                + " has no current MAF Client Registration for " + stakeholder.adminFqdn() + " (TS-0003 8.8.2.3)");
    }

    private ClientRegistration ownLiveRegistration(String client, String registrationId) {
        ClientRegistration registration = store.clientRegistration(registrationId).orElseThrow(
                () -> new MafRejection(ResponseStatusCode.NOT_FOUND, "no MAF Client Registration " + registrationId));
        if (!registration.clientId().equals(client)) throw new MafRejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                "MAF Client Registration " + registrationId + " is not " + client + "'s");
        if (registration.expiredAt(clock.instant())) throw new MafRejection(ResponseStatusCode.NOT_FOUND,
                "MAF Client Registration " + registrationId + " expired at " + M2mTimestamp.format(registration.expirationTime()));
        return registration;
    }

    private KeyRegistration liveKey(String relativeKeyId, Instant now) {
        if (!Identifiers.isRelativeId(relativeKeyId)) throw MafRejection.badRequest("'" + relativeKeyId + "' is not a RelativeKeyID ([A-Za-z0-9._-]+)");
        KeyRegistration key = store.keyRegistration(relativeKeyId).orElseThrow(
                () -> new MafRejection(ResponseStatusCode.NOT_FOUND, "no key registration " + relativeKeyId));
        if (key.expiredAt(now)) throw new MafRejection(ResponseStatusCode.NOT_FOUND,
                "key registration " + key.relativeKeyId() + " expired at " + M2mTimestamp.format(key.expirationTime()));
        return key;
    }

    private KeyRegistration ownLiveKey(String client, String relativeKeyId, Instant now) {
        KeyRegistration key = liveKey(relativeKeyId, now);
        if (!key.sourceClientId().equals(client)) throw new MafRejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                "key " + key.relativeKeyId() + " was registered by another Source MAF Client; only it may change it");
        return key;
    }

    /** 8.8.2.7 step 3: SAEF and ESPrim keys name exactly one target, ESData keys one or more; each an absolute AE-ID or CSE-ID. */
    private static void checkTargets(int suid, List<String> targets, boolean given) {
        if (Suids.exactlyOneTarget(suid) && targets.size() != 1) throw MafRejection.badRequest("a key with SUID " + suid
                + " (SAEF or ESPrim) has exactly one target in targetIDs, not " + targets.size() + " (TS-0003 8.8.2.7)");
        if (given && targets.isEmpty()) throw MafRejection.badRequest("targetIDs, when given, names at least one Target MAF Client");
        for (String target : targets) {
            if (!target.startsWith("//") || target.length() < 4) throw MafRejection.badRequest("target '" + target
                    + "' is not an absolute AE-ID or CSE-ID (//<SP-ID>/<CSE-ID>[/<AE-ID>])");
        }
        if (targets.stream().distinct().count() != targets.size()) throw MafRejection.badRequest("targetIDs names a target twice");
    }

    /**
     * The MAF may shorten a proposed expirationTime to the stakeholder's limit (8.8.2.3, 8.8.2.7); a past one is
     * refused. Whole seconds, as the answer's m2m:timestamp carries them: the record expires when the client was told.
     */
    private static Instant assignedExpiry(Instant proposed, Instant now, java.time.Duration max) {
        Instant limit = now.plus(max);
        Instant assigned = (proposed.isAfter(limit) ? limit : proposed).truncatedTo(ChronoUnit.SECONDS);
        if (!assigned.isAfter(now)) throw MafRejection.badRequest("expirationTime " + M2mTimestamp.format(proposed)
                + " is not in the future (now is " + M2mTimestamp.format(now) + " UTC)");
        return assigned;
    }

    private static MafRejection notAllowed(Operation op, String what) {
        return new MafRejection(ResponseStatusCode.OPERATION_NOT_ALLOWED, op + " is not a procedure on " + what);
    }

    private String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Hex.encode(b);
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static List<Integer> sorted(Set<Integer> values) {
        List<Integer> list = new ArrayList<>(values);
        java.util.Collections.sort(list);
        return list;
    }
}
