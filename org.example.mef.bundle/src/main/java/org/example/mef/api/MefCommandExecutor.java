package org.example.mef.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Executes the MEF Client Commands of one class (TS-0003 8.3.9.2 step 5d): CERT_PROV (8.3.9.7), DEV_CFG (8.3.9.8) or
 * MO_NODE (8.3.9.9). Registered as an OSGi service (whiteboard, picked up by every client the {@link MefClientFactory}
 * service made) or given to {@link MefClientBuilder#commandExecutor}. The client has checked what the clause asks of
 * every client before calling it: the cmdID is new (5b), the arguments parse (BAD_ARGUMENTS otherwise) and, for
 * CERT_PROV and DEV_CFG, the URI's FQDN is the MEF's (UNACCEPTABLE_ARGUMENTS otherwise).
 * <p>
 * Without an executor, CERT_PROV and MO_NODE commands are reported CLASS_NOT_SUPPORTED (41), and a DEV_CFG command
 * UNACCEPTABLE_ARGUMENTS (43): the client supports the class but no DM protocol (8.3.9.8 step 4).
 */
@ConsumerType
public interface MefCommandExecutor {
    /** The cmdClassID it executes: 1 CERT_PROV, 2 DEV_CFG or 3 MO_NODE. */
    int cmdClassId();

    /**
     * Whether it accepts this command's arguments, such as its DM protocol (devMgmtID, 8.3.9.8) or its provisioning
     * protocol (8.3.9.7); when no executor of the class does, the command is reported UNACCEPTABLE_ARGUMENTS (43).
     */
    default boolean accepts(MefCommand command) { return true; }

    /**
     * Executes the command and tells how it went, as a cmdStatusCode the MEF Client reports (12.3.2.4): 20 OK or one of
     * the class's error codes. A thrown exception, or a code that is not a client's report, is reported as the class's
     * client-side error (CERT_PROV_CLIENT_ERROR 101, DEV_CFG_CLIENT_ERROR 202, MO_NODE_EXECUTION_ERROR 305).
     */
    int execute(MefCommand command) throws Exception;
}
