package org.example.mef.impl.commands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A {@link Command} as the durable store keeps it: JSON text with one-letter names (a registration has a handful of
 * commands, so text costs little and stays readable in a dump). The description is its wire form.
 */
final class CommandRecords {
    private CommandRecords() {}

    static String encode(Command c) {
        JsonObject o = new JsonObject();
        o.addProperty("n", c.number());
        o.add("d", c.description().toJson());
        c.status().ifPresent(s -> o.addProperty("s", s.code()));
        o.addProperty("e", c.enqueuedAt().toString());
        o.addProperty("i", c.timesIssued());
        JsonArray h = new JsonArray();
        for (Command.StatusChange change : c.history()) {
            JsonObject e = new JsonObject();
            e.addProperty("s", change.status().code());
            e.addProperty("t", change.at().toString());
            h.add(e);
        }
        o.add("h", h);
        return o.toString();
    }

    static Command decode(String text) {
        try {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            List<Command.StatusChange> history = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("h")) {
                JsonObject change = e.getAsJsonObject();
                history.add(new Command.StatusChange(CommandStatus.of(change.get("s").getAsInt()), Instant.parse(change.get("t").getAsString())));
            }
            return new Command(o.get("n").getAsLong(), CommandDescription.fromJson(o.getAsJsonObject("d")),
                    o.has("s") ? CommandStatus.of(o.get("s").getAsInt()) : null, Instant.parse(o.get("e").getAsString()), o.get("i").getAsInt(), history);
        } catch (RuntimeException e) {
            throw new IllegalStateException("a stored MEF Client Command cannot be read: " + e.getMessage(), e);
        }
    }
}
