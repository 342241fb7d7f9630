package org.example.tef.core;

import static org.example.tef.core.WireNames.CONFIGURATION;
import static org.example.tef.core.WireNames.KEYS;
import static org.example.tef.core.WireNames.KEY_REG;
import static org.example.tef.core.WireNames.REGISTRATIONS;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.example.tef.api.channel.SecureSession;
import org.example.onem2m.primitive.Operation;
import org.example.tef.api.wire.PrimitiveHandler;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.tef.spi.KeyRegistration;
import org.example.tef.spi.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The procedures a MAF (TS-0003 8.8.2) and a MEF (8.3.5.2) share, as primitives on {@code /<FQDN>/<base>}; the
 * {@link TefFunction} names the base, the wrappers and the rest. For the MAF:
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
 * The client is who its handshake authenticated ({@link TefFunction#clientIdentity()}); {@code X-M2M-Origin} is not
 * consulted. Every refusal changes nothing. Key values are never logged. A function that has procedures of its own
 * (the MEF Client Commands) answers them first and hands the rest to {@link #handle}.
 */
public final class TefProcedures implements PrimitiveHandler {
    private final TefFunction function;
    private final String fqdn;
    private final Logger log;
    private final ClientRegistrationProcedures registrations;
    private final KeyProcedures keys;
    private final Set<String> createWrappers;
    private final Set<String> createAttributes;

    /**
     * @param fqdn the function's FQDN, the first segment of every target
     * @param stakeholders the stakeholders served; the caller may change them while the procedures run
     */
    public TefProcedures(TefFunction function, String fqdn, RegistrationStore store, Stakeholders stakeholders, Clock clock) {
        this(function, fqdn, store, stakeholders, clock, CredentialAssignment.NONE);
    }

    /**
     * @param assignment what Client Registration and Registration Update assign in a session of a remotely provisioned
     *        credential (the MAF's assignedSymmKeyID, 8.8.2.3, 8.8.2.5); {@link CredentialAssignment#NONE} for none
     * @since 1.2
     */
    public TefProcedures(TefFunction function, String fqdn, RegistrationStore store, Stakeholders stakeholders, Clock clock,
                         CredentialAssignment assignment) {
        this.function = function;
        this.fqdn = fqdn.toLowerCase(Locale.ROOT);
        this.log = LoggerFactory.getLogger(function.logCategory());
        Rules rules = new Rules(function, this.fqdn, store, stakeholders, clock);
        this.registrations = new ClientRegistrationProcedures(rules, java.util.Objects.requireNonNull(assignment, "assignment"), log);
        this.keys = new KeyProcedures(rules, log);
        this.createWrappers = Set.of(function.clientRegWrapper(), KEY_REG);
        Set<String> all = new HashSet<>(ClientRegistrationProcedures.CREATE_ATTRIBUTES);
        all.addAll(KeyProcedures.CREATE_ATTRIBUTES);
        this.createAttributes = Set.copyOf(all);
    }

    public TefFunction function() { return function; }

    @Override
    public ResponsePrimitive handle(SecureSession session, RequestPrimitive request) {
        String client = function.clientIdentity().of(session).orElse(null);
        try {
            if (client == null) throw new Rejection(ResponseStatusCode.ORIGINATOR_NOT_AUTHENTICATED,
                    "the credential '" + session.peerCredential() + "' is not bound to a " + function.client() + " ID");
            return route(session, client, request);
        } catch (Rejection r) {
            log.info("{} from {} refused with {} ({}): {}", request, client, r.status().code(), r.status(), r.getMessage());
            return r.toResponse(request.requestId());
        } catch (IllegalArgumentException bad) {
            log.info("{} from {} refused with 4000: {}", request, client, bad.getMessage());
            return ResponsePrimitive.error(ResponseStatusCode.BAD_REQUEST, request.requestId(), bad.getMessage());
        }
    }

    private ResponsePrimitive route(SecureSession session, String client, RequestPrimitive request) {
        List<String> path = Arrays.stream(request.to().split("/")).filter(s -> !s.isEmpty()).collect(Collectors.toList());
        if (path.size() < 2 || !path.get(0).equalsIgnoreCase(fqdn) || !path.get(1).equals(function.base())) {
            throw new Rejection(ResponseStatusCode.NOT_FOUND, "this is " + function.name() + " " + fqdn + "; its procedures are at " + function.basePath(fqdn));
        }
        List<String> rest = path.subList(2, path.size());
        Operation op = request.operation();
        if (rest.isEmpty()) {
            if (op != Operation.CREATE) throw Rules.notAllowed(op, function.base());
            Content probe = Content.parse(request.content(), createWrappers, createAttributes);
            return probe.wrapper().equals(KEY_REG) ? keys.register(client, session, request) : registrations.register(client, session, request);
        }
        if (rest.get(0).equals(REGISTRATIONS) && rest.size() == 2) {
            switch (op) {
                case UPDATE: return registrations.update(client, session, rest.get(1), request);
                case DELETE: return registrations.deregister(client, rest.get(1), request);
                default: throw Rules.notAllowed(op, "a " + function.client() + " Registration");
            }
        }
        if (rest.get(0).equals(REGISTRATIONS) && rest.size() == 3 && rest.get(2).equals(CONFIGURATION)) {
            if (op != Operation.RETRIEVE) throw Rules.notAllowed(op, "a " + function.client() + " Configuration");
            return registrations.retrieveConfiguration(client, rest.get(1), request);
        }
        if (rest.get(0).equals(KEYS) && rest.size() == 2) {
            switch (op) {
                case RETRIEVE: return keys.retrieve(client, rest.get(1), request);
                case UPDATE: return keys.update(client, rest.get(1), request);
                case DELETE: return keys.deregister(client, rest.get(1), request);
                default: throw Rules.notAllowed(op, "a key registration");
            }
        }
        throw new Rejection(ResponseStatusCode.NOT_FOUND, "no procedure at " + request.to());
    }

    /**
     * The administrating stakeholder replaces the targets of one of its ESData keys (8.8.2.7 NOTE 3).
     *
     * @return the key registration as now stored
     * @throws Rejection when the key is not live, not the stakeholder's, not an ESData key, or the targets break the rules
     */
    public KeyRegistration replaceTargets(String adminFqdn, String relativeKeyId, List<String> targets) {
        return keys.replaceTargets(adminFqdn, relativeKeyId, targets);
    }
}
