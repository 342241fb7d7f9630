package org.example.mef.impl.commands;

import static org.example.mef.impl.commands.CommandWireNames.CMD_ARGS;
import static org.example.mef.impl.commands.CommandWireNames.CMD_CLASS_ID;
import static org.example.mef.impl.commands.CommandWireNames.CMD_DESCRIPTION;
import static org.example.mef.impl.commands.CommandWireNames.TARGET_ID;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.google.gson.JsonObject;

/**
 * sec:cmdDescription (TS-0003 12.4.4, 8.3.9.4): the class, its arguments, and optionally the targetID, the CSE or AE
 * a Node's MEF Client acts for to which the command applies. Table 12.4.4-1 gives targetID multiplicity 1, the text
 * of 8.3.9.4 calls it optional; this follows the text, as a single CSE's client has nothing to put there.
 */
public final class CommandDescription {
    private final CommandArgs args;
    private final String targetId;

    private CommandDescription(CommandArgs args, String targetId) {
        this.args = Objects.requireNonNull(args, "cmdArgs");
        if (targetId != null && (targetId.isBlank() || targetId.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("targetID must be a CSE-ID or AE-ID without spaces, not '" + targetId + "'");
        }
        this.targetId = targetId;
    }

    public static CommandDescription of(CommandArgs args) { return new CommandDescription(args, null); }

    /** @param targetId the CSE-ID or AE-ID the command applies to, or null */
    public static CommandDescription of(CommandArgs args, String targetId) { return new CommandDescription(args, targetId); }

    public CommandClass commandClass() { return args.commandClass(); }

    public CommandArgs args() { return args; }

    public Optional<String> targetId() { return Optional.ofNullable(targetId); }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty(CMD_CLASS_ID, args.commandClass().code());
        JsonObject choice = new JsonObject();
        choice.add(args.elementName(), args.toJson());
        o.add(CMD_ARGS, choice);
        if (targetId != null) o.addProperty(TARGET_ID, targetId);
        return o;
    }

    /** @throws IllegalArgumentException naming the element that is missing, unknown or out of range */
    public static CommandDescription fromJson(JsonObject o) {
        JsonFields.only(o, Set.of(CMD_CLASS_ID, CMD_ARGS, TARGET_ID), CMD_DESCRIPTION);
        CommandClass c = CommandClass.of(JsonFields.integer(o, CMD_CLASS_ID, CMD_DESCRIPTION));
        CommandArgs args = CommandArgs.fromJson(c, JsonFields.object(o, CMD_ARGS, CMD_DESCRIPTION));
        return new CommandDescription(args, JsonFields.optionalString(o, TARGET_ID, CMD_DESCRIPTION).orElse(null));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommandDescription && args.equals(((CommandDescription) o).args) && Objects.equals(targetId, ((CommandDescription) o).targetId);
    }

    @Override
    public int hashCode() { return Objects.hash(args, targetId); }

    /** The class and arguments: commands carry no secrets (an SUID, URIs, identifiers). */
    @Override
    public String toString() { return toJson().toString(); }
}
