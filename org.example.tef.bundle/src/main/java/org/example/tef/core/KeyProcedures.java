package org.example.tef.core;

import static org.example.tef.core.WireNames.ADMIN_FQDN;
import static org.example.tef.core.WireNames.ET;
import static org.example.tef.core.WireNames.KEY_REG;
import static org.example.tef.core.WireNames.KEY_VALUE;
import static org.example.tef.core.WireNames.LBL;
import static org.example.tef.core.WireNames.RELATIVE_KEY_ID;
import static org.example.tef.core.WireNames.SUID;
import static org.example.tef.core.WireNames.TARGET_IDS;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.example.tef.api.KeyExport;
import org.example.onem2m.primitive.M2mTimestamp;
import org.example.tef.api.Suids;
import org.example.tef.api.channel.SecureSession;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.tef.spi.KeyRegistration;
import org.slf4j.Logger;

import com.google.gson.JsonObject;

/**
 * Key Registration, Retrieval, Registration Update and De-Registration (TS-0003 8.8.2.7 to 8.8.2.10, 8.3.5.2.7 to
 * 8.3.5.2.10), and the stakeholder's replacement of an ESData key's targets (8.8.2.7 NOTE 3). Key values are never
 * logged.
 */
final class KeyProcedures {
    static final Set<String> CREATE_ATTRIBUTES = Set.of(ET, LBL, ADMIN_FQDN, SUID, TARGET_IDS, KEY_VALUE);
    private static final Set<String> UPDATE_ATTRIBUTES = Set.of(ET, LBL, TARGET_IDS);
    private static final int MIN_KEY_BYTES = 16;
    private static final int MAX_KEY_BYTES = 64;

    private final Rules rules;
    private final TefFunction function;
    private final Logger log;

    KeyProcedures(Rules rules, Logger log) {
        this.rules = rules;
        this.function = rules.function;
        this.log = log;
    }

    // --- .7 Key Registration ------------------------------------------------------------------------

    ResponsePrimitive register(String client, SecureSession session, RequestPrimitive request) {
        Content c = Content.parse(request.content(), Set.of(KEY_REG), CREATE_ATTRIBUTES);
        String adminFqdn = c.requiredString(ADMIN_FQDN);
        Instant proposed = c.requiredTimestamp(ET);
        int suid = c.requiredInt(SUID);
        List<String> labels = c.optionalStringList(LBL).orElse(List.of());
        Optional<List<String>> requestedTargets = c.optionalStringList(TARGET_IDS);
        Optional<byte[]> keyValue = c.optionalBase64(KEY_VALUE);
        if (!function.keySuids().contains(suid)) throw Rejection.badRequest("SUID " + suid + " is not for a "
                + function.keyKind() + " key; a " + function.name() + " Key Registration carries one of "
                + function.sortedKeySuids() + " (TS-0004 6.3.4.2.39)");
        List<String> targets = requestedTargets.orElse(List.of());
        rules.checkTargets(suid, targets, requestedTargets.isPresent());
        Stakeholder stakeholder = rules.servedStakeholder(adminFqdn);
        Instant now = rules.clock.instant();
        rules.requireLiveRegistration(client, stakeholder, now);
        Instant et = Rules.assignedExpiry(proposed, now, stakeholder.maxKeyLifetime());

        byte[] key;
        String relativeKeyId;
        if (keyValue.isPresent()) {
            key = keyValue.get();
            if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) throw Rejection.badRequest("keyValue is "
                    + key.length + " bytes; a self-generated key is " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes");
            relativeKeyId = "k" + rules.randomHex(16);
        } else {
            KeyExport export = KeyExport.split(session.exported(function.exporterLabel()));
            key = export.key();
            relativeKeyId = export.relativeKeyId();
            if (rules.store.keyRegistration(relativeKeyId).isPresent()) throw new Rejection(ResponseStatusCode.CONFLICT,
                    "the key exported from this TLS session is registered already (" + relativeKeyId
                            + "); register another key in a new session or send a keyValue");
        }
        KeyRegistration registration = new KeyRegistration(relativeKeyId, client, stakeholder.adminFqdn(), suid, targets,
                labels, et, key, now);
        rules.store.putKeyRegistration(registration);
        Arrays.fill(key, (byte) 0);
        log.info("registered key {} from {} for {} (SUID {}, targets {}, until {}, {})", relativeKeyId, client,
                stakeholder.adminFqdn(), suid, targets, et, keyValue.isPresent() ? "self-generated" : "TLS exporter");
        JsonObject out = new JsonObject();
        out.addProperty(RELATIVE_KEY_ID, relativeKeyId);
        out.addProperty(ET, M2mTimestamp.format(et));
        out.addProperty(function.sourceClientIdName(), client);
        if (!labels.isEmpty()) out.add(LBL, Content.strings(labels));
        out.addProperty(ADMIN_FQDN, stakeholder.adminFqdn());
        out.addProperty(SUID, suid);
        out.add(TARGET_IDS, Content.strings(targets));
        return new ResponsePrimitive(ResponseStatusCode.CREATED, request.requestId(), Content.wrap(KEY_REG, out), function.keyPath(rules.fqdn, relativeKeyId));
    }

    // --- .8 Key Retrieval ---------------------------------------------------------------------------

    ResponsePrimitive retrieve(String client, String relativeKeyId, RequestPrimitive request) {
        Instant now = rules.clock.instant();
        KeyRegistration key = rules.liveKey(relativeKeyId, now);
        Stakeholder stakeholder = rules.servedStakeholder(key.adminFqdn());
        rules.requireLiveRegistration(client, stakeholder, now);
        if (!key.targetIds().contains(client)) throw new Rejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, client
                + " is not among the targets the Source " + function.client() + " authorized for key " + key.relativeKeyId());
        // DEBUG, not INFO: a retrieval changes nothing, and one INFO line per retrieval serialised every session on
        // the logger's lock (BENCHMARKS.md, figure 2: p99 5.78 ms at INFO against 4.15 ms at WARN). Refusals and every
        // change to the registry stay at INFO.
        log.debug("key {} retrieved by target {}", key.relativeKeyId(), client);
        JsonObject out = new JsonObject();
        out.addProperty(ET, M2mTimestamp.format(key.expirationTime()));
        out.addProperty(function.sourceClientIdName(), key.sourceClientId());
        if (!key.labels().isEmpty()) out.add(LBL, Content.strings(key.labels()));
        out.addProperty(ADMIN_FQDN, key.adminFqdn());
        out.addProperty(SUID, key.suid());
        out.addProperty(KEY_VALUE, Base64.getEncoder().encodeToString(key.keyValue()));
        return new ResponsePrimitive(ResponseStatusCode.OK, request.requestId(), Content.wrap(KEY_REG, out), null);
    }

    // --- .9 Key Registration Update: the answer carries only what was asked -------------------------

    ResponsePrimitive update(String client, String relativeKeyId, RequestPrimitive request) {
        Content c = Content.parse(request.content(), Set.of(KEY_REG), UPDATE_ATTRIBUTES);
        if (c.isEmpty()) throw Rejection.badRequest("a key registration update carries expirationTime (et), labels (lbl), targetIDs or several");
        Instant now = rules.clock.instant();
        KeyRegistration key = rules.ownLiveKey(client, relativeKeyId, now);
        Stakeholder stakeholder = rules.servedStakeholder(key.adminFqdn());
        Instant et = key.expirationTime();
        List<String> labels = key.labels();
        List<String> targets = key.targetIds();
        JsonObject out = new JsonObject();
        Optional<Instant> proposed = c.optionalTimestamp(ET);
        if (proposed.isPresent()) {
            et = Rules.assignedExpiry(proposed.get(), now, stakeholder.maxKeyLifetime());
            out.addProperty(ET, M2mTimestamp.format(et));
        }
        Optional<List<String>> newLabels = c.optionalStringList(LBL);
        if (newLabels.isPresent()) {
            labels = newLabels.get();
            out.add(LBL, Content.strings(labels));
        }
        Optional<List<String>> newTargets = c.optionalStringList(TARGET_IDS);
        if (newTargets.isPresent()) {
            rules.checkTargets(key.suid(), newTargets.get(), true);
            targets = newTargets.get();
            out.add(TARGET_IDS, Content.strings(targets));
        }
        rules.store.putKeyRegistration(key.with(et, labels, targets));
        log.info("updated key registration {} of {}: {}", key.relativeKeyId(), client, out.keySet());
        return new ResponsePrimitive(ResponseStatusCode.UPDATED, request.requestId(), Content.wrap(KEY_REG, out), null);
    }

    // --- .10 Key De-Registration --------------------------------------------------------------------

    ResponsePrimitive deregister(String client, String relativeKeyId, RequestPrimitive request) {
        KeyRegistration key = rules.ownLiveKey(client, relativeKeyId, rules.clock.instant());
        rules.store.removeKeyRegistration(key.relativeKeyId());
        log.info("de-registered key {} of {}", key.relativeKeyId(), client);
        return new ResponsePrimitive(ResponseStatusCode.DELETED, request.requestId(), null, null);
    }

    // --- .7 NOTE 3: the administrating stakeholder changes an ESData key's targets -------------------

    KeyRegistration replaceTargets(String adminFqdn, String relativeKeyId, List<String> targets) {
        KeyRegistration key = rules.liveKey(relativeKeyId, rules.clock.instant());
        if (!key.adminFqdn().equalsIgnoreCase(adminFqdn)) throw new Rejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                "key " + key.relativeKeyId() + " belongs to administrating stakeholder " + key.adminFqdn() + ", not " + adminFqdn);
        if (!Suids.isEsData(key.suid())) throw new Rejection(ResponseStatusCode.OPERATION_NOT_ALLOWED,
                "only the targets of an ESData key (SUID " + esDataSuids() + ") are managed by the stakeholder (TS-0003 "
                        + function.clause(7) + "); key " + key.relativeKeyId() + " has SUID " + key.suid());
        rules.checkTargets(key.suid(), targets, true);
        KeyRegistration updated = key.with(key.expirationTime(), key.labels(), targets);
        rules.store.putKeyRegistration(updated);
        log.info("stakeholder {} set the targets of key {} to {}", adminFqdn, key.relativeKeyId(), targets);
        return updated;
    }

    /** "34, 35" for the MAF, "24, 25" for the MEF. */
    private String esDataSuids() {
        StringBuilder s = new StringBuilder();
        for (int suid : function.sortedKeySuids()) {
            if (Suids.isEsData(suid)) s.append(s.length() == 0 ? "" : ", ").append(suid);
        }
        return s.toString();
    }
}
