package org.example.tef.core;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.example.tef.api.Hex;
import org.example.tef.api.Identifiers;
import org.example.onem2m.primitive.M2mTimestamp;
import org.example.tef.api.Suids;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.spi.ClientRegistration;
import org.example.tef.spi.KeyRegistration;
import org.example.tef.spi.RegistrationStore;

/**
 * The rules the procedures share: which stakeholder is served, whose registration or key is live and whose own,
 * the target rules of 8.8.2.7 / 8.3.5.2.7 step 3, and the expiry the function assigns. Each refusal is a
 * {@link Rejection}; none changes anything.
 */
final class Rules {
    final TefFunction function;
    final String fqdn;
    final RegistrationStore store;
    final Stakeholders stakeholders;
    final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Rules(TefFunction function, String fqdn, RegistrationStore store, Stakeholders stakeholders, Clock clock) {
        this.function = function;
        this.fqdn = fqdn;
        this.store = store;
        this.stakeholders = stakeholders;
        this.clock = clock;
    }

    Stakeholder servedStakeholder(String adminFqdn) {
        return stakeholders.byFqdn(adminFqdn).orElseThrow(() -> new Rejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                "this " + function.name() + " does not serve administrating stakeholder " + adminFqdn));
    }

    void requireLiveRegistration(String client, Stakeholder stakeholder, Instant now) {
        boolean registered = store.clientRegistrationsOf(client).stream().anyMatch(
                r -> r.adminFqdn().equalsIgnoreCase(stakeholder.adminFqdn()) && !r.expiredAt(now));
        if (!registered) throw new Rejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, client + " has no current " + function.client()
                + " Registration for " + stakeholder.adminFqdn() + " (TS-0003 " + function.clause(3) + ")");
    }

    ClientRegistration ownLiveRegistration(String client, String registrationId) {
        String what = function.client() + " Registration " + registrationId;
        ClientRegistration registration = store.clientRegistration(registrationId).orElseThrow(
                () -> new Rejection(ResponseStatusCode.NOT_FOUND, "no " + what));
        if (!registration.clientId().equals(client)) throw new Rejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                what + " is not " + client + "'s");
        if (registration.expiredAt(clock.instant())) throw new Rejection(ResponseStatusCode.NOT_FOUND,
                what + " expired at " + M2mTimestamp.format(registration.expirationTime()));
        return registration;
    }

    KeyRegistration liveKey(String relativeKeyId, Instant now) {
        if (!Identifiers.isRelativeId(relativeKeyId)) throw Rejection.badRequest("'" + relativeKeyId + "' is not a RelativeKeyID ([A-Za-z0-9._-]+)");
        KeyRegistration key = store.keyRegistration(relativeKeyId).orElseThrow(
                () -> new Rejection(ResponseStatusCode.NOT_FOUND, "no key registration " + relativeKeyId));
        if (key.expiredAt(now)) throw new Rejection(ResponseStatusCode.NOT_FOUND,
                "key registration " + key.relativeKeyId() + " expired at " + M2mTimestamp.format(key.expirationTime()));
        return key;
    }

    KeyRegistration ownLiveKey(String client, String relativeKeyId, Instant now) {
        KeyRegistration key = liveKey(relativeKeyId, now);
        if (!key.sourceClientId().equals(client)) throw new Rejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                "key " + key.relativeKeyId() + " was registered by another Source " + function.client() + "; only it may change it");
        return key;
    }

    /** Step 3 of 8.8.2.7 / 8.3.5.2.7: SAEF and ESPrim keys name exactly one target, ESData keys one or more; each an absolute AE-ID or CSE-ID. */
    void checkTargets(int suid, List<String> targets, boolean given) {
        if (Suids.exactlyOneTarget(suid) && targets.size() != 1) throw Rejection.badRequest("a key with SUID " + suid
                + " (SAEF or ESPrim) has exactly one target in targetIDs, not " + targets.size() + " (TS-0003 " + function.clause(7) + ")");
        if (given && targets.isEmpty()) throw Rejection.badRequest("targetIDs, when given, names at least one Target " + function.client());
        for (String target : targets) {
            if (!target.startsWith("//") || target.length() < 4) throw Rejection.badRequest("target '" + target
                    + "' is not an absolute AE-ID or CSE-ID (//<SP-ID>/<CSE-ID>[/<AE-ID>])");
        }
        if (targets.stream().distinct().count() != targets.size()) throw Rejection.badRequest("targetIDs names a target twice");
    }

    /**
     * The function may shorten a proposed expirationTime to the stakeholder's limit (8.8.2.3, 8.8.2.7, 8.3.5.2.3,
     * 8.3.5.2.7); a past one is refused. Whole seconds, as the answer's m2m:timestamp carries them: the record
     * expires when the client was told.
     */
    static Instant assignedExpiry(Instant proposed, Instant now, Duration max) {
        Instant limit = now.plus(max);
        Instant assigned = (proposed.isAfter(limit) ? limit : proposed).truncatedTo(ChronoUnit.SECONDS);
        if (!assigned.isAfter(now)) throw Rejection.badRequest("expirationTime " + M2mTimestamp.format(proposed)
                + " is not in the future (now is " + M2mTimestamp.format(now) + " UTC)");
        return assigned;
    }

    static Rejection notAllowed(Operation op, String what) {
        return new Rejection(ResponseStatusCode.OPERATION_NOT_ALLOWED, op + " is not a procedure on " + what);
    }

    String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Hex.encode(b);
    }
}
