package org.example.mef.api;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import org.example.mef.impl.commands.CommandClass;
import org.example.mef.impl.commands.CommandStatus;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A MEF Client Command as the MEF issued it in a Command Retrieve or Update answer (TS-0003 table 8.3.9.2-2): its
 * cmdID, cmdStatusCode (10 ISSUED or 11 REISSUED, 8.3.9.5.2-.3) and cmdDescription (12.4.4), with the arguments of
 * the classes this client reads. Codes are those of TS-0003 12.3.2: cmdClassID 0 NO_MORE_COMMANDS, 1 CERT_PROV,
 * 2 DEV_CFG, 3 MO_NODE. Commands carry no secrets.
 */
@ProviderType
public interface MefCommand {
    String cmdId();

    /** 10 (ISSUED) or 11 (REISSUED). */
    int statusCode();

    /** The cmdClassID as the MEF sent it, also one this client does not know. */
    int cmdClassId();

    /** The sec:cmdDescription as the MEF sent it (JSON), for the arguments this interface does not give. */
    String descriptionJson();

    /** Why cmdArgs could not be read as the class's arguments (8.3.9.6 step 3: BAD_ARGUMENTS), or empty. */
    Optional<String> argumentFault();

    /** The CSE or AE a Node's client acts for to which the command applies (8.3.9.4), when given. */
    Optional<String> targetId();

    /** NO_MORE_COMMANDS: when to retrieve again (8.3.9.6). */
    Optional<Duration> retryDuration();

    /** DEV_CFG: the DM protocol, sec:devMgmtID (12.3.2.2: 1 OMA DM 1.3, 2 OMA DM 2.0, 3 OMA LwM2M, 4 BBF TR-069). */
    OptionalInt devMgmtId();

    /** DEV_CFG: the DM Server's URI; CERT_PROV: the provisioning base URI (8.3.9.7, 8.3.9.8). */
    Optional<URI> serverUri();

    /** MO_NODE: the objectPath of the MO node to process (8.3.9.9.1). @since 1.7 */
    Optional<String> objectPath();

    /** MO_NODE: objectTypeID, 1 [authenticationProfile], 2 [trustAnchorCred], 3 [MAFClientRegCfg] (8.3.9.9.1). @since 1.7 */
    OptionalInt objectTypeId();

    /** MO_NODE of an [authenticationProfile]: the SUID of objectTypeSpecificArgs (8.3.9.9.2). @since 1.7 */
    OptionalInt objectSuid();

    /**
     * The name TS-0003 table 12.3.2.4-1 gives a cmdStatusCode, e.g. {@code MEF_CLIENT_CMD_OK} for 20, or empty for a code
     * it does not define; for tools that show codes to people.
     *
     * @since 1.3
     */
    static Optional<String> statusName(int statusCode) {
        try {
            return Optional.of(CommandStatus.of(statusCode).specName());
        } catch (IllegalArgumentException undefined) {
            return Optional.empty();
        }
    }

    /**
     * The name TS-0003 12.3.2.3 gives a cmdClassID, e.g. {@code DEV_CFG} for 2, or empty for a class it does not define.
     *
     * @since 1.3
     */
    static Optional<String> className(int cmdClassId) {
        try {
            return Optional.of(CommandClass.of(cmdClassId).name());
        } catch (IllegalArgumentException undefined) {
            return Optional.empty();
        }
    }
}
