package org.example.tef.core;

import static org.example.tef.core.WireNames.ADMIN_FQDN;
import static org.example.tef.core.WireNames.ET;
import static org.example.tef.core.WireNames.LBL;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.example.onem2m.primitive.M2mTimestamp;
import org.example.tef.api.channel.SecureSession;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.tef.spi.AssignedCredential;
import org.example.tef.spi.ClientRegistration;
import org.slf4j.Logger;

import com.google.gson.JsonObject;

/**
 * Client Registration, Configuration Retrieval, Registration Update and De-Registration (TS-0003 8.8.2.3 to 8.8.2.6,
 * 8.3.5.2.3 to 8.3.5.2.6).
 */
final class ClientRegistrationProcedures {
    static final Set<String> CREATE_ATTRIBUTES = Set.of(ET, LBL, ADMIN_FQDN);
    private static final Set<String> UPDATE_ATTRIBUTES = Set.of(ET, LBL);

    private final Rules rules;
    private final TefFunction function;
    private final CredentialAssignment assignment;
    private final Logger log;

    ClientRegistrationProcedures(Rules rules, CredentialAssignment assignment, Logger log) {
        this.rules = rules;
        this.function = rules.function;
        this.assignment = assignment;
        this.log = log;
    }

    // --- .3 Client Registration ---------------------------------------------------------------------

    ResponsePrimitive register(String client, SecureSession session, RequestPrimitive request) {
        Content c = Content.parse(request.content(), Set.of(function.clientRegWrapper()), CREATE_ATTRIBUTES);
        String adminFqdn = c.requiredString(ADMIN_FQDN);
        Instant proposed = c.requiredTimestamp(ET);
        List<String> labels = c.optionalStringList(LBL).orElse(List.of());
        Stakeholder stakeholder = rules.servedStakeholder(adminFqdn);
        if (!stakeholder.authorizes(client)) throw new Rejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                "administrating stakeholder " + stakeholder.adminFqdn() + " has not authorized " + client + " to register");
        Instant now = rules.clock.instant();
        Instant et = Rules.assignedExpiry(proposed, now, stakeholder.maxRegistrationLifetime());
        for (ClientRegistration existing : rules.store.clientRegistrationsOf(client)) {
            if (existing.adminFqdn().equalsIgnoreCase(stakeholder.adminFqdn()) && !existing.expiredAt(now)) {
                throw new Rejection(ResponseStatusCode.ORIGINATOR_HAS_ALREADY_REGISTERED, client + " is already registered for "
                        + stakeholder.adminFqdn() + " as " + existing.registrationId() + "; update or de-register that registration");
            }
        }
        String registrationId = function.registrationIdPrefix() + rules.randomHex(12);
        // In a session of a remotely provisioned credential (a KeID at the MAF) the function assigns its own
        // (assignedSymmKeyID, 8.8.2.3); it is stored with the registration, in the same durable write.
        Optional<AssignedCredential> assigned = assignment.assign(session, registrationId);
        ClientRegistration registration = new ClientRegistration(registrationId, client, session.peerCredential(),
                stakeholder.adminFqdn(), labels, et, now, assigned.orElse(null));
        rules.store.putClientRegistration(registration);
        log.info("registered {} {} for {} as {} until {}{}", function.client(), client, stakeholder.adminFqdn(), registration.registrationId(), et,
                assigned.map(a -> ", assigned " + a.identity() + " in place of " + session.peerCredential()).orElse(""));
        JsonObject out = new JsonObject();
        out.addProperty(function.clientRegIdName(), registration.registrationId());
        if (!labels.isEmpty()) out.add(LBL, Content.strings(labels));
        out.addProperty(ET, M2mTimestamp.format(et));
        out.addProperty(function.clientIdName(), client);
        out.addProperty(ADMIN_FQDN, stakeholder.adminFqdn());
        assigned.ifPresent(a -> out.addProperty(assignment.answerName(), a.identity()));
        return new ResponsePrimitive(ResponseStatusCode.CREATED, request.requestId(), Content.wrap(function.clientRegWrapper(), out),
                function.registrationPath(rules.fqdn, registration.registrationId()));
    }

    // --- .4 Client Configuration Retrieval ----------------------------------------------------------

    ResponsePrimitive retrieveConfiguration(String client, String registrationId, RequestPrimitive request) {
        ClientRegistration registration = rules.ownLiveRegistration(client, registrationId);
        Stakeholder stakeholder = rules.servedStakeholder(registration.adminFqdn());
        if (stakeholder.clientConfiguration() == null) throw new Rejection(ResponseStatusCode.NOT_FOUND, "administrating stakeholder "
                + stakeholder.adminFqdn() + " has no " + function.client() + " Configuration for " + registrationId);
        return new ResponsePrimitive(ResponseStatusCode.OK, request.requestId(),
                "{\"" + function.clientCfgWrapper() + "\":" + stakeholder.clientConfiguration() + "}", null);
    }

    // --- .5 Client Registration Update --------------------------------------------------------------

    ResponsePrimitive update(String client, SecureSession session, String registrationId, RequestPrimitive request) {
        Content c = Content.parse(request.content(), Set.of(function.clientRegWrapper()), UPDATE_ATTRIBUTES);
        if (!c.has(ET) && !c.has(LBL)) throw Rejection.badRequest("a registration update carries expirationTime (et), labels (lbl) or both");
        ClientRegistration registration = rules.ownLiveRegistration(client, registrationId);
        Stakeholder stakeholder = rules.servedStakeholder(registration.adminFqdn());
        Instant now = rules.clock.instant();
        ClientRegistration updated = registration;
        JsonObject out = new JsonObject();
        Optional<Instant> proposed = c.optionalTimestamp(ET);
        if (proposed.isPresent()) {
            Instant et = Rules.assignedExpiry(proposed.get(), now, stakeholder.maxRegistrationLifetime());
            updated = updated.withExpirationTime(et);
            out.addProperty(ET, M2mTimestamp.format(et));
        }
        Optional<List<String>> labels = c.optionalStringList(LBL);
        if (labels.isPresent()) {
            updated = updated.withLabels(labels.get());
            out.add(LBL, Content.strings(labels.get()));
        }
        // An update in a session of a remotely provisioned credential provisions a new one (8.8.2.5): it replaces the
        // credential assigned before, whose identity no longer authenticates.
        Optional<AssignedCredential> assigned = assignment.assign(session, registrationId);
        if (assigned.isPresent()) {
            updated = updated.withAssignedCredential(assigned.get());
            out.addProperty(assignment.answerName(), assigned.get().identity());
        }
        rules.store.putClientRegistration(updated);
        log.info("updated {} registration {} of {}: {}", function.client(), registrationId, client, out.keySet());
        return new ResponsePrimitive(ResponseStatusCode.UPDATED, request.requestId(), Content.wrap(function.clientRegWrapper(), out), null);
    }

    // --- .6 Client De-Registration ------------------------------------------------------------------

    ResponsePrimitive deregister(String client, String registrationId, RequestPrimitive request) {
        ClientRegistration registration = rules.ownLiveRegistration(client, registrationId);
        rules.store.removeClientRegistration(registration.registrationId());
        log.info("de-registered {} {} ({}) from {}", function.client(), client, registrationId, registration.adminFqdn());
        return new ResponsePrimitive(ResponseStatusCode.DELETED, request.requestId(), null, null);
    }
}
