package org.example.mef.impl.commands;

import static org.example.mef.impl.commands.CommandWireNames.CMD_ID;
import static org.example.mef.impl.commands.CommandWireNames.CMD_STATUS_CODE;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.example.mef.impl.protocol.MefFunction;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.core.Content;
import org.example.tef.core.Rejection;
import org.example.tef.core.WireNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MEF Client Command procedures as primitives on a registration's {@code <mefClientCmd>},
 * {@code /<MEF-FQDN>/mefBase/regs/<MEFClientRegID>/cmd} (FACTS.md section 2, this project's wire design):
 *
 * <pre>
 * RETRIEVE  .../cmd                                              8.3.9.2  -> 2000 {"sec:mefClientCmd":{cmdID, cmdDescription, cmdStatusCode}}
 * UPDATE    .../cmd  {"sec:mefClientCmd":{cmdID, cmdStatusCode}}  8.3.9.3  -> 2004, the same content
 * </pre>
 *
 * Both run within a live MEF Client Registration of the client the handshake authenticated (8.3.9.2 and 8.3.9.3,
 * pre-condition B); the server tells which through {@link LiveRegistrations}. Refusals change nothing: an unknown
 * or expired registration is 4004, another client's 4103 (as tef's core answers), a malformed update 4000
 * (8.3.9.3 step 2a), any other operation 4005. Contents are not logged, only the request line and the outcome.
 */
public final class CommandProcedures {
    private static final Set<String> UPDATE_ATTRIBUTES = Set.of(CMD_ID, CMD_STATUS_CODE);

    /** How the server tells whose a registration is; tef's store answers it, ignoring expired registrations. */
    @FunctionalInterface
    public interface LiveRegistrations {
        /** The MEF Client ID that holds registration {@code registrationId}, or empty if there is none or it expired. */
        Optional<String> clientOf(String registrationId);
    }

    private final String mefFqdn;
    private final CommandQueue queue;
    private final LiveRegistrations registrations;
    private final Logger log = LoggerFactory.getLogger(MefFunction.DEFINITION.logCategory());

    public CommandProcedures(String mefFqdn, CommandQueue queue, LiveRegistrations registrations) {
        this.mefFqdn = Objects.requireNonNull(mefFqdn, "mefFqdn").toLowerCase(Locale.ROOT);
        this.queue = Objects.requireNonNull(queue, "queue");
        this.registrations = Objects.requireNonNull(registrations, "registrations");
    }

    /**
     * The registration ID when {@code request} is addressed to a {@code <mefClientCmd>} of this MEF; empty for every
     * other target, which the server hands to tef's procedures.
     */
    public Optional<String> commandTarget(RequestPrimitive request) {
        List<String> path = Arrays.stream(request.to().split("/")).filter(s -> !s.isEmpty()).collect(Collectors.toList());
        boolean command = path.size() == 5 && path.get(0).equalsIgnoreCase(mefFqdn) && path.get(1).equals(MefFunction.BASE)
                && path.get(2).equals(WireNames.REGISTRATIONS) && path.get(4).equals(MefFunction.COMMAND);
        return command ? Optional.of(path.get(3)) : Optional.empty();
    }

    /**
     * Answers a Retrieve or Update of a {@code <mefClientCmd>}.
     *
     * @param clientId the MEF Client ID the handshake authenticated (8.3.5.2.2), or null when none is bound
     */
    public ResponsePrimitive handle(String clientId, RequestPrimitive request) {
        try {
            if (clientId == null) throw new Rejection(ResponseStatusCode.ORIGINATOR_NOT_AUTHENTICATED,
                    "the session's credential is not bound to a MEF Client ID");
            String registrationId = commandTarget(request).orElseThrow(() -> new Rejection(ResponseStatusCode.NOT_FOUND,
                    "no MEF Client Command at " + request.to() + "; it is at " + MefFunction.command(mefFqdn, "<MEFClientRegID>")));
            switch (request.operation()) {
                case RETRIEVE:
                    requireOwnLive(clientId, registrationId);
                    return answer(ResponseStatusCode.OK, request, queue.retrieve(registrationId));
                case UPDATE:
                    requireOwnLive(clientId, registrationId);
                    Content c = Content.parse(request.content(), Set.of(MefFunction.CLIENT_CMD), UPDATE_ATTRIBUTES);
                    String cmdId = c.requiredString(CMD_ID);
                    CommandStatus status = CommandStatus.of(c.requiredInt(CMD_STATUS_CODE));
                    return answer(ResponseStatusCode.UPDATED, request, queue.update(registrationId, cmdId, status));
                default:
                    throw new Rejection(ResponseStatusCode.OPERATION_NOT_ALLOWED, request.operation()
                            + " is not a procedure on a MEF Client Command; RETRIEVE it (TS-0003 8.3.9.2) or UPDATE it (8.3.9.3)");
            }
        } catch (Rejection r) {
            log.info("{} from {} refused with {} ({}): {}", request, clientId, r.status().code(), r.status(), r.getMessage());
            return r.toResponse(request.requestId());
        } catch (IllegalArgumentException bad) {
            // 8.3.9.3 step 2a: the update could not be parsed into cmdID and cmdStatusCode
            log.info("{} from {} refused with 4000: {}", request, clientId, bad.getMessage());
            return ResponsePrimitive.error(ResponseStatusCode.BAD_REQUEST, request.requestId(), bad.getMessage());
        }
    }

    private void requireOwnLive(String clientId, String registrationId) {
        String what = "MEF Client Registration " + registrationId;
        String holder = registrations.clientOf(registrationId).orElseThrow(() -> new Rejection(ResponseStatusCode.NOT_FOUND,
                "no " + what + " (or it expired); MEF Client Commands run within a live registration (TS-0003 8.3.9.1)"));
        if (!holder.equals(clientId)) throw new Rejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, what + " is not " + clientId + "'s");
    }

    private static ResponsePrimitive answer(ResponseStatusCode status, RequestPrimitive request, Command command) {
        return new ResponsePrimitive(status, request.requestId(), Content.wrap(MefFunction.CLIENT_CMD, command.toWire()), null);
    }
}
