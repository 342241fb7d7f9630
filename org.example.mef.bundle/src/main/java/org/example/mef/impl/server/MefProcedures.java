package org.example.mef.impl.server;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.example.mef.impl.commands.CommandProcedures;
import org.example.mef.impl.enrolment.CredentialFetch;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.wire.PrimitiveHandler;
import org.example.tef.core.Rejection;
import org.example.tef.core.TefProcedures;
import org.slf4j.Logger;

/**
 * Everything a MEF answers: the procedures only a MEF has (the Enrolment Targets' credential fetch of 8.3.2.1, the MEF
 * Client Command Retrieve and Update of 8.3.9.2 and 8.3.9.3) first, then the eight registration and key procedures it shares with the MAF (8.3.5.2.3 to .10, tef's
 * {@link TefProcedures}).
 */
final class MefProcedures implements PrimitiveHandler {
    private final TefProcedures shared;
    private final CredentialFetch credentials;
    private final CommandProcedures commands;
    private final WaitingCommands waiting;
    private final Logger log;

    MefProcedures(TefProcedures shared, CredentialFetch credentials, CommandProcedures commands, WaitingCommands waiting, Logger log) {
        this.shared = shared;
        this.credentials = credentials;
        this.commands = commands;
        this.waiting = waiting;
        this.log = log;
    }

    @Override
    public ResponsePrimitive handle(SecureSession session, RequestPrimitive request) {
        List<String> path = Arrays.stream(request.to().split("/")).filter(s -> !s.isEmpty()).collect(Collectors.toList());
        if (commands.commandTarget(request).isPresent()) return commands.handle(session.peerId().orElse(null), request);
        if (!CredentialFetch.addresses(path)) return waiting.annotate(request, shared.handle(session, request));
        String target = session.peerId().orElse(null);
        try {
            if (target == null) throw new Rejection(ResponseStatusCode.ORIGINATOR_NOT_AUTHENTICATED,
                    "the credential '" + session.peerCredential() + "' is not bound to an Enrolment Target ID");
            return credentials.fetch(target, path, request);
        } catch (Rejection r) {
            log.info("{} from Enrolment Target {} refused with {} ({}): {}", request, target, r.status().code(), r.status(), r.getMessage());
            return r.toResponse(request.requestId());
        }
    }
}
