package org.example.mef.impl.commands;

import org.example.tef.core.WireNames;

/**
 * Every JSON name of the MEF Client Commands (TS-0003 8.3.9, data types 12.3.2.3 to 12.4.10), in one table.
 * <p>
 * These are this project's names until TS-0032 (which defines {@code <mefClientCmd>} and the cmdID type, its
 * clause 8.6.1) is found (FACTS.md section 2). They follow the project's rule for the other MAF and MEF names
 * ({@link WireNames}): the {@code sec:} wrapper, then the information elements by their TS-0003 element names. The
 * wrapper and the path segment are {@link org.example.mef.impl.protocol.MefFunction#CLIENT_CMD} and
 * {@link org.example.mef.impl.protocol.MefFunction#COMMAND}.
 */
public final class CommandWireNames {
    // the <mefClientCmd> (tables 8.3.9.2-2 and 8.3.9.3-1)
    public static final String CMD_ID = "cmdID";
    public static final String CMD_DESCRIPTION = "cmdDescription";
    public static final String CMD_STATUS_CODE = "cmdStatusCode";

    // sec:cmdDescription (12.4.4)
    public static final String CMD_CLASS_ID = "cmdClassID";
    public static final String CMD_ARGS = "cmdArgs";
    public static final String TARGET_ID = "targetID";

    // sec:cmdArgs, an xs:choice (12.4.5)
    public static final String NO_MORE_CMD_ARGS = "noMoreCmdArgs";
    public static final String CERT_PROV_CMD_ARGS = "certProvCmdArgs";
    public static final String DEV_CFG_CMD_ARGS = "devCfgCmdArgs";
    public static final String MO_NODE_CMD_ARGS = "MONodeCmdArgs";

    // sec:noMoreCmdArgs (12.4.6)
    public static final String RETRY_DURATION = "retryDuration";

    // sec:certProvCmdArgs (12.4.7)
    public static final String CERT_PROV_PROTOCOL_ID = "certProvProtocolID";
    public static final String URI = "URI";
    public static final String CERT_SUBJECT_TYPE = "certSubjectType";
    public static final String CERT_SUBJECT_ID = "certSubjectID";

    // sec:devCfgCmdArgs (12.4.8)
    public static final String DEVICE_CONFIG_URI = "deviceConfigURI";

    // sec:MONodeCmdArgs (12.4.9) and sec:authProfileMONodeArgs (12.4.10)
    public static final String OBJECT_PATH = "objectPath";
    public static final String OBJECT_TYPE_ID = "objectTypeID";
    /** Spelled out; table 12.4.9-1 writes "objectTypeSpecifcArgs", which is read too ({@link #OBJECT_TYPE_SPECIFIC_ARGS_AS_TABLED}). */
    public static final String OBJECT_TYPE_SPECIFIC_ARGS = "objectTypeSpecificArgs";
    public static final String OBJECT_TYPE_SPECIFIC_ARGS_AS_TABLED = "objectTypeSpecifcArgs";
    /** The name tef uses for an SUID in key registrations, so that one SUID has one name on the MEF. */
    public static final String SUID = WireNames.SUID;

    private CommandWireNames() {}
}
