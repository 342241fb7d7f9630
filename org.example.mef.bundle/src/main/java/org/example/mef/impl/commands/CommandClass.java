package org.example.mef.impl.commands;

/** sec:cmdClassID (TS-0003 12.3.2.3): the class of a MEF Client Command (8.3.9.4). */
public enum CommandClass {
    /** The MEF has no more commands; the client retrieves again after retryDuration (8.3.9.6). */
    NO_MORE_COMMANDS(0, "8.3.9.6"),
    /** Certificate Provisioning with EST or SCEP (8.3.9.7, 8.3.6). */
    CERT_PROV(1, "8.3.9.7"),
    /** Device Configuration with the MEF as DM Server (8.3.9.8, TS-0022). */
    DEV_CFG(2, "8.3.9.8"),
    /** Processing of an MO node already configured on the client (8.3.9.9). */
    MO_NODE(3, "8.3.9.9");

    private final int code;
    private final String clause;

    CommandClass(int code, String clause) {
        this.code = code;
        this.clause = clause;
    }

    public int code() { return code; }

    /** The clause of TS-0003 that specifies the class. */
    public String clause() { return clause; }

    /** @throws IllegalArgumentException for a value that table 12.3.2.3-1 does not define */
    public static CommandClass of(int code) {
        for (CommandClass c : values()) if (c.code == code) return c;
        throw new IllegalArgumentException("cmdClassID " + code + " is not a MEF Client Command class; TS-0003 12.3.2.3 defines "
                + "0 NO_MORE_COMMANDS, 1 CERT_PROV, 2 DEV_CFG and 3 MO_NODE");
    }
}
