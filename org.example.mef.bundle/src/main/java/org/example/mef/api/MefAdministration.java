package org.example.mef.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What an administrating stakeholder does at a running MEF: queue MEF Client Commands for a registered MEF Client
 * (TS-0003 8.3.9) and read what became of them. Commands and their status are durable. A command is JSON of
 * sec:cmdDescription (12.4.4) with this project's wire names, e.g.
 * {@code {"cmdClassID":2,"cmdArgs":{"devCfgCmdArgs":{"deviceConfigURI":"1:https://mef.example.com/dm"}}}}.
 */
@ProviderType
public interface MefAdministration {

    /**
     * Queues a command for the client of a live registration; the client gets it at its next Command Retrieve.
     *
     * @return the cmdID the MEF assigned
     * @throws IllegalArgumentException (with the reason) when the registration is not live or the description is malformed
     */
    String enqueue(String mefClientRegId, String cmdDescriptionJson);

    /**
     * Queues a command for a MEF Client: on its live registration (the one expiring last, if several), or, when it has none, for
     * its next registration, whose answer then points at the command (TS-0003 8.3.4.6).
     *
     * @return the cmdID (of the registration it was queued on, or of the queue waiting for the client)
     * @throws IllegalArgumentException (with the reason) when the description is malformed, or the MEF knows no such client
     *         (no pre-provisioned key and no registration under the ID)
     */
    String enqueueForClient(String mefClientId, String cmdDescriptionJson);

    /**
     * The MEF Clients this MEF knows: each Enrolee with a pre-provisioned key (not the Enrolment Targets), with its registrations, as
     * JSON: {@code {"mefClientID":..., "kpmIDs":[...], "registrations":[{"mefClientRegID":..., "et":..., "waitingCommands":n}]}}.
     */
    List<String> clients();

    /**
     * The registration's commands, oldest first, each as JSON: cmdID, cmdDescription, cmdStatusCode and history; given
     * a MEF Client ID instead of a MEFClientRegID ({@code mfr-...}), those of each of its registrations and then those
     * waiting for its next one.
     */
    List<String> commands(String mefClientRegId);
}
