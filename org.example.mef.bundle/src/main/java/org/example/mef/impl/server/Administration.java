package org.example.mef.impl.server;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.example.mef.api.MefAdministration;
import org.example.mef.impl.commands.Command;
import org.example.mef.impl.commands.CommandDescription;
import org.example.mef.impl.commands.CommandQueue;
import org.example.mef.impl.enrolment.EnrolmentTargets;
import org.example.onem2m.primitive.M2mTimestamp;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.core.PskClients;
import org.example.tef.spi.ClientRegistration;
import org.example.tef.spi.RegistrationStore;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The administrating stakeholder's side of a running MEF ({@link MefAdministration}): MEF Client Commands queued for
 * a live registration or for a client's next one (TS-0003 8.3.9, 8.3.4.6), what became of them, and the Enrolees
 * this MEF knows. Answers are JSON text so that the exported API needs no types of the private command model.
 */
final class Administration implements MefAdministration {
    private final RegistrationStore store;
    private final CommandQueue commands;
    private final PskClients pskClients;
    private final EnrolmentTargets targets;
    private final Clock clock;

    Administration(RegistrationStore store, CommandQueue commands, PskClients pskClients, EnrolmentTargets targets, Clock clock) {
        this.store = store;
        this.commands = commands;
        this.pskClients = pskClients;
        this.targets = targets;
        this.clock = clock;
    }

    /** The client of a live MEF Client Registration: who may retrieve and update its commands (8.3.9). */
    Optional<String> liveClientOf(String registrationId) {
        return store.clientRegistration(registrationId).filter(r -> r.expirationTime().isAfter(clock.instant())).map(ClientRegistration::clientId);
    }

    @Override
    public String enqueue(String mefClientRegId, String cmdDescriptionJson) {
        if (liveClientOf(mefClientRegId).isEmpty()) throw new IllegalArgumentException("no live MEF Client Registration " + mefClientRegId);
        CommandDescription description = parse(cmdDescriptionJson);
        return commands.enqueue(mefClientRegId, description).cmdId();
    }

    @Override
    public String enqueueForClient(String mefClientId, String cmdDescriptionJson) {
        if (!knows(mefClientId)) {
            // queued for a client that never comes, a command would wait for good (and in the store): a typo, said now
            throw new IllegalArgumentException("no MEF Client '" + mefClientId + "' is known to this MEF: none has a pre-provisioned key"
                    + " (etc/org.example.mef.psk-<name>.cfg) or a registration under this ID; mef:clients lists those known");
        }
        Optional<ClientRegistration> live = store.clientRegistrationsOf(mefClientId).stream()
                .filter(r -> r.expirationTime().isAfter(clock.instant())).max(Comparator.comparing(ClientRegistration::expirationTime));
        if (live.isPresent()) return enqueue(live.get().registrationId(), cmdDescriptionJson);
        return commands.enqueue(WaitingCommands.pendingKey(mefClientId), parse(cmdDescriptionJson)).cmdId();
    }

    @Override
    public List<String> clients() {
        Map<String, List<String>> kpmIds = new TreeMap<>();
        for (PskCredential c : pskClients.all()) {
            if (c.peerId() != null && !targets.isTarget(c.peerId())) kpmIds.computeIfAbsent(c.peerId(), k -> new ArrayList<>()).add(c.identity());
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : kpmIds.entrySet()) {
            JsonObject o = new JsonObject();
            o.addProperty("mefClientID", e.getKey());
            JsonArray ids = new JsonArray();
            e.getValue().forEach(ids::add);
            o.add("kpmIDs", ids);
            JsonArray regs = new JsonArray();
            for (ClientRegistration r : store.clientRegistrationsOf(e.getKey())) {
                JsonObject reg = new JsonObject();
                reg.addProperty("mefClientRegID", r.registrationId());
                reg.addProperty("et", M2mTimestamp.format(r.expirationTime()));
                reg.addProperty("waitingCommands", commands.commands(r.registrationId()).stream().filter(c -> !c.isFinished()).count());
                regs.add(reg);
            }
            o.add("registrations", regs);
            out.add(o.toString());
        }
        return out;
    }

    /** An Enrolee with a pre-provisioned key (not an Enrolment Target), or a client with a registration under the ID. */
    private boolean knows(String mefClientId) {
        if (mefClientId == null || mefClientId.isBlank()) return false;
        for (PskCredential c : pskClients.all()) {
            if (mefClientId.equals(c.peerId()) && !targets.isTarget(mefClientId)) return true;
        }
        return !store.clientRegistrationsOf(mefClientId).isEmpty();
    }

    private static CommandDescription parse(String cmdDescriptionJson) {
        JsonElement json;
        try {
            json = JsonParser.parseString(cmdDescriptionJson);
        } catch (JsonParseException e) { // Gson's own text names its API and a web page: not for the stakeholder
            throw new IllegalArgumentException("not a sec:cmdDescription (TS-0003 12.4.4): not well-formed JSON", e);
        }
        try {
            return CommandDescription.fromJson(json.getAsJsonObject());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a sec:cmdDescription (TS-0003 12.4.4): " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> commands(String mefClientRegId) {
        if (mefClientRegId.startsWith("mfr-")) {
            return commands.commands(mefClientRegId).stream().map(Administration::describe).collect(Collectors.toList());
        }
        // a MEF Client ID: the commands of each of its registrations, then those waiting for its next one
        List<String> all = new ArrayList<>();
        for (ClientRegistration r : store.clientRegistrationsOf(mefClientRegId)) {
            commands.commands(r.registrationId()).stream().map(Administration::describe).forEach(all::add);
        }
        commands.commands(WaitingCommands.pendingKey(mefClientRegId)).stream().map(Administration::describe).forEach(all::add);
        return all;
    }

    /** What the stakeholder reads of a command: its cmdID, description, status (none while queued) and when each was reached. */
    private static String describe(Command c) {
        JsonObject o = new JsonObject();
        o.addProperty("cmdID", c.cmdId());
        o.add("cmdDescription", c.description().toJson());
        o.addProperty("status", c.status().map(Enum::name).orElse("QUEUED"));
        JsonArray history = new JsonArray();
        for (Command.StatusChange change : c.history()) {
            JsonObject step = new JsonObject();
            step.addProperty("status", change.status().name());
            step.addProperty("at", change.at().toString());
            history.add(step);
        }
        o.add("history", history);
        return o.toString();
    }

}
