package org.example.mef.impl.client;

import static org.example.mef.impl.commands.CommandWireNames.CMD_CLASS_ID;
import static org.example.mef.impl.commands.CommandWireNames.CMD_DESCRIPTION;
import static org.example.mef.impl.commands.CommandWireNames.CMD_ID;
import static org.example.mef.impl.commands.CommandWireNames.CMD_STATUS_CODE;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.example.mef.api.MefCommand;
import org.example.mef.impl.commands.CommandArgs;
import org.example.mef.impl.commands.CommandClass;
import org.example.mef.impl.commands.CommandDescription;
import org.example.mef.impl.commands.CommandStatus;
import org.example.mef.impl.protocol.MefFunction;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A command as the MEF issued it (table 8.3.9.2-2), read in the layers of 8.3.9.2 step 5: cmdID, cmdStatusCode and
 * cmdClassID must be there (otherwise the answer is not understood, 5a); a cmdClassID this client does not know is kept
 * for CLASS_NOT_SUPPORTED (5c); cmdArgs that do not parse as the class's are kept as a fault for BAD_ARGUMENTS (8.3.9.6
 * step 3). The description is parsed by the MEF's own command types, so that both sides read one definition.
 */
final class ReceivedCommand implements MefCommand {
    private final String cmdId;
    private final CommandStatus status;
    private final int classId;
    private final String descriptionJson;
    private final CommandDescription description;
    private final String argumentFault;

    private ReceivedCommand(String cmdId, CommandStatus status, int classId, String descriptionJson, CommandDescription description,
                            String argumentFault) {
        this.cmdId = cmdId;
        this.status = status;
        this.classId = classId;
        this.descriptionJson = descriptionJson;
        this.description = description;
        this.argumentFault = argumentFault;
    }

    /**
     * @param json {@code {"sec:mefClientCmd": {...}}}
     * @throws IllegalArgumentException when cmdID, cmdStatusCode (ISSUED or REISSUED) or cmdClassID cannot be read
     */
    static ReceivedCommand parse(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject().getAsJsonObject(MefFunction.CLIENT_CMD);
        for (String name : o.keySet()) {
            if (!Set.of(CMD_ID, CMD_DESCRIPTION, CMD_STATUS_CODE).contains(name)) throw new IllegalArgumentException("unknown attribute '" + name + "'");
        }
        String cmdId = string(o, CMD_ID);
        CommandStatus status = CommandStatus.of(integer(o, CMD_STATUS_CODE));
        if (status.isFinal()) throw new IllegalArgumentException("cmdStatusCode " + status.specName() + " is a client's report, not an issued command's");
        JsonElement d = o.get(CMD_DESCRIPTION);
        if (d == null || !d.isJsonObject()) throw new IllegalArgumentException("missing object '" + CMD_DESCRIPTION + "'");
        int classId = integer(d.getAsJsonObject(), CMD_CLASS_ID);
        CommandDescription description = null;
        String fault = null;
        try {
            CommandClass.of(classId);
            description = CommandDescription.fromJson(d.getAsJsonObject());
        } catch (IllegalArgumentException e) {
            fault = e.getMessage();
        }
        return new ReceivedCommand(cmdId, status, classId, d.toString(), description, fault);
    }

    private static String string(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || e.getAsString().isBlank()) {
            throw new IllegalArgumentException("'" + name + "' must be a non-empty string");
        }
        return e.getAsString();
    }

    private static int integer(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) throw new IllegalArgumentException("'" + name + "' must be a whole number");
        try {
            return e.getAsBigDecimal().intValueExact();
        } catch (ArithmeticException notAnInt) {
            throw new IllegalArgumentException("'" + name + "' must be a whole number");
        }
    }

    /** The class, when this client knows the cmdClassID (12.3.2.3). */
    Optional<CommandClass> commandClass() {
        for (CommandClass c : CommandClass.values()) if (c.code() == classId) return Optional.of(c);
        return Optional.empty();
    }

    /** The parsed description, when cmdArgs parsed. */
    Optional<CommandDescription> description() { return Optional.ofNullable(description); }

    CommandStatus status() { return status; }

    @Override public String cmdId() { return cmdId; }
    @Override public int statusCode() { return status.code(); }
    @Override public int cmdClassId() { return classId; }
    @Override public String descriptionJson() { return descriptionJson; }
    @Override public Optional<String> argumentFault() { return Optional.ofNullable(argumentFault); }
    @Override public Optional<String> targetId() { return description().flatMap(CommandDescription::targetId); }

    @Override
    public Optional<Duration> retryDuration() {
        return args().filter(a -> a instanceof CommandArgs.NoMoreCommands).map(a -> ((CommandArgs.NoMoreCommands) a).retryDuration());
    }

    @Override
    public OptionalInt devMgmtId() {
        Optional<CommandArgs> a = args().filter(x -> x instanceof CommandArgs.DevCfg);
        return a.isPresent() ? OptionalInt.of(((CommandArgs.DevCfg) a.get()).devMgmt().code()) : OptionalInt.empty();
    }

    @Override
    public Optional<URI> serverUri() {
        return args().map(a -> a instanceof CommandArgs.DevCfg ? ((CommandArgs.DevCfg) a).uri()
                : a instanceof CommandArgs.CertProv ? ((CommandArgs.CertProv) a).uri() : null);
    }

    @Override
    public Optional<String> objectPath() { return moNode().map(CommandArgs.MoNode::objectPath); }

    @Override
    public OptionalInt objectTypeId() {
        Optional<CommandArgs.MoNode> m = moNode();
        return m.isPresent() ? OptionalInt.of(m.get().objectType().code()) : OptionalInt.empty();
    }

    @Override
    public OptionalInt objectSuid() {
        Optional<CommandArgs.MoNode> m = moNode();
        return m.isPresent() && m.get().suid() != null ? OptionalInt.of(m.get().suid()) : OptionalInt.empty();
    }

    private Optional<CommandArgs.MoNode> moNode() {
        return args().filter(a -> a instanceof CommandArgs.MoNode).map(a -> (CommandArgs.MoNode) a);
    }

    private Optional<CommandArgs> args() { return description().map(CommandDescription::args); }

    @Override
    public String toString() { return "MEF Client Command " + cmdId + " (class " + classId + ", " + status.specName() + ")"; }
}
