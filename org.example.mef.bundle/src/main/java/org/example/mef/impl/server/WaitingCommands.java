package org.example.mef.impl.server;

import org.example.mef.impl.commands.CommandQueue;
import org.example.mef.impl.protocol.MefFunction;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.core.WireNames;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * What ties MEF Client Commands to registrations (TS-0003 8.3.4.6): commands the stakeholder queued for a client
 * before it registered wait under {@link #pendingKey}, and move to its registration when it registers; a registration
 * (or registration update) answer carries the childResource reference {@code ch} to its {@code <mefClientCmd>}
 * whenever a command waits there, which is the client's trigger to retrieve it (figure 8.3.4.6-1 steps 3 and 4).
 */
final class WaitingCommands {
    /** childResource (TS-0004 short name), a list of m2m:childResourceRef: {"nm": name, "val": resource ID}. */
    static final String CHILD_RESOURCE = "ch";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WaitingCommands.class);
    private final String mefFqdn;
    private final CommandQueue commands;

    WaitingCommands(String mefFqdn, CommandQueue commands) {
        this.mefFqdn = mefFqdn;
        this.commands = commands;
    }

    /** Where commands for a client that has no registration yet wait; never a registration ID (those start "mfr-"). */
    static String pendingKey(String clientId) { return "client:" + clientId; }

    /**
     * Adds the reference to a successful registration or registration update answer when a command waits; after a
     * successful de-registration, drops the registration's commands (they live within a registration, 8.3.9.1).
     */
    ResponsePrimitive annotate(RequestPrimitive request, ResponsePrimitive answer) {
        try {
            return annotated(request, answer);
        } catch (RuntimeException e) {
            // the registration (or de-registration) is durable already: its answer stands; the commands catch up at the
            // client's next registration or update, or at the purge
            LOG.error("{}: the MEF Client Commands could not be moved or dropped; the answer stands", request, e);
            return answer;
        }
    }

    private ResponsePrimitive annotated(RequestPrimitive request, ResponsePrimitive answer) {
        if (request.operation() == Operation.DELETE && answer.status() == ResponseStatusCode.DELETED
                && request.to().contains("/" + WireNames.REGISTRATIONS + "/")) {
            commands.forgetRegistration(lastSegment(request.to()));
            return answer;
        }
        boolean created = request.operation() == Operation.CREATE && answer.status() == ResponseStatusCode.CREATED;
        boolean updated = request.operation() == Operation.UPDATE && answer.status() == ResponseStatusCode.UPDATED;
        if ((!created && !updated) || answer.content() == null) return answer;
        // only a registration's answer is parsed again: key registrations, the hot path, are left as they are
        if (!answer.content().startsWith("{\"" + MefFunction.CLIENT_REG + "\"")) return answer;
        JsonElement parsed = JsonParser.parseString(answer.content());
        JsonObject registration = parsed.isJsonObject() ? parsed.getAsJsonObject().getAsJsonObject(MefFunction.CLIENT_REG) : null;
        if (registration == null) return answer; // a key registration or key update
        String regId = created ? registration.get(MefFunction.CLIENT_REG_ID).getAsString() : lastSegment(request.to());
        if (created) commands.moveQueued(pendingKey(registration.get(MefFunction.CLIENT_ID).getAsString()), regId);
        if (!commands.waiting(regId)) return answer;
        JsonObject ref = new JsonObject();
        ref.addProperty("nm", MefFunction.COMMAND);
        ref.addProperty("val", MefFunction.command(mefFqdn, regId));
        JsonArray children = new JsonArray();
        children.add(ref);
        registration.add(CHILD_RESOURCE, children);
        return new ResponsePrimitive(answer.status(), answer.requestId(), parsed.toString(), answer.location());
    }

    private static String lastSegment(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
