package org.example.mef.impl.commands;

import static org.example.mef.impl.commands.CommandClass.CERT_PROV;
import static org.example.mef.impl.commands.CommandClass.DEV_CFG;
import static org.example.mef.impl.commands.CommandClass.MO_NODE;

import java.util.EnumSet;
import java.util.Set;

/**
 * sec:cmdStatusCode (TS-0003 12.3.2.4) with the side that assigns each code and the classes of command it is meant
 * for, as the informative table 8.3.9.5.1-1 summarizes them. The MEF assigns ISSUED and REISSUED when it hands a
 * command out; every other code is the MEF Client's report on the command, and ends it.
 */
public enum CommandStatus {
    ISSUED(10, Side.MEF, "8.3.9.5.2"),
    REISSUED(11, Side.MEF, "8.3.9.5.3"),
    OK(20, Side.MEF_CLIENT, "8.3.9.5.4"),
    REPEATED_CMD_ID(40, Side.MEF_CLIENT, "8.3.9.5.5"),
    CLASS_NOT_SUPPORTED(41, Side.MEF_CLIENT, "8.3.9.5.6"),
    BAD_ARGUMENTS(42, Side.MEF_CLIENT, "8.3.9.5.7"),
    UNACCEPTABLE_ARGUMENTS(43, Side.MEF_CLIENT, "8.3.9.5.8", CERT_PROV, DEV_CFG, MO_NODE),
    CERT_PROV_SERVER_ERROR(100, Side.MEF_CLIENT, "8.3.9.5.9", CERT_PROV),
    CERT_PROV_CLIENT_ERROR(101, Side.MEF_CLIENT, "8.3.9.5.10", CERT_PROV),
    DEV_CFG_SERVER_ERROR(201, Side.MEF_CLIENT, "8.3.9.5.11", DEV_CFG),
    DEV_CFG_CLIENT_ERROR(202, Side.MEF_CLIENT, "8.3.9.5.12", DEV_CFG),
    MO_NODE_NOT_FOUND(300, Side.MEF_CLIENT, "8.3.9.5.13", MO_NODE),
    MO_NODE_TYPE_CONFLICT(301, Side.MEF_CLIENT, "8.3.9.5.14", MO_NODE),
    MO_NODE_BAD_ARGS(302, Side.MEF_CLIENT, "8.3.9.5.15", MO_NODE),
    MO_NODE_UNACCEPTABLE_ARGS(303, Side.MEF_CLIENT, "8.3.9.5.16", MO_NODE),
    MO_NODE_INCONSISTENT_CONFIG(304, Side.MEF_CLIENT, "8.3.9.5.17", MO_NODE),
    /** Table 12.3.2.4-1's name; 8.3.9.5.18 and table 8.3.9.5.1-1 call it MO_NODE_PROCESSING_FAILED (FACTS.md 6.5). */
    MO_NODE_EXECUTION_ERROR(305, Side.MEF_CLIENT, "8.3.9.5.18", MO_NODE);

    /** Who puts a code in a cmdStatusCode (table 8.3.9.5.1-1, column "Assigned by"). */
    public enum Side { MEF, MEF_CLIENT }

    private final int code;
    private final Side assignedBy;
    private final String clause;
    private final Set<CommandClass> classes;

    CommandStatus(int code, Side assignedBy, String clause, CommandClass... classes) {
        this.code = code;
        this.assignedBy = assignedBy;
        this.clause = clause;
        // "Any": every class; the table's NOTE (OK and CLASS_NOT_SUPPORTED should not answer NO_MORE_COMMANDS) is advice
        this.classes = classes.length == 0 ? EnumSet.allOf(CommandClass.class) : EnumSet.of(classes[0], classes);
    }

    public int code() { return code; }

    public Side assignedBy() { return assignedBy; }

    /** The clause of TS-0003 that defines the code. */
    public String clause() { return clause; }

    /** The classes of issued command the code is meant for (informative, table 8.3.9.5.1-1). */
    public Set<CommandClass> classes() { return EnumSet.copyOf(classes); }

    public boolean appliesTo(CommandClass commandClass) { return classes.contains(commandClass); }

    /** A client's report: the command was attempted (or refused) and is over; ISSUED and REISSUED are not. */
    public boolean isFinal() { return assignedBy == Side.MEF_CLIENT; }

    /** The name of table 12.3.2.4-1, e.g. MEF_CLIENT_CMD_OK. */
    public String specName() { return "MEF_CLIENT_CMD_" + name(); }

    /** @throws IllegalArgumentException for a value that table 12.3.2.4-1 does not define */
    public static CommandStatus of(int code) {
        for (CommandStatus s : values()) if (s.code == code) return s;
        throw new IllegalArgumentException("cmdStatusCode " + code + " is not defined by TS-0003 table 12.3.2.4-1 (10, 11, 20, 40 to 43, "
                + "100, 101, 201, 202, 300 to 305)");
    }
}
