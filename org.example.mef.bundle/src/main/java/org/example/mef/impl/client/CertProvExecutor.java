package org.example.mef.impl.client;

import java.util.Optional;
import java.util.Set;

import org.example.mef.api.MefCommand;
import org.example.mef.api.MefCommandExecutor;
import org.example.mef.impl.client.est.EstFailure;
import org.example.mef.impl.commands.CommandArgs;
import org.example.mef.impl.commands.CommandClass;
import org.example.mef.impl.commands.CommandDescription;
import org.example.mef.impl.commands.CommandStatus;
import org.example.mef.impl.est.CertSubject;
import org.slf4j.Logger;

import com.google.gson.JsonParser;

/**
 * CERT_PROV MEF Client Commands (TS-0003 8.3.9.7), executed by EST (8.3.6.2). Step 4's checks are split as the client
 * dispatch expects: the URI's FQDN against the MEF's is {@link CommandDispatch}'s (as for DEV_CFG); the rest is
 * {@link #accepts}, whose "no" the dispatch reports UNACCEPTABLE_ARGUMENTS (43):
 * <ul>
 * <li>certProvProtocol: EST only (SCEP, 2, is not supported);</li>
 * <li>URI: https (EST runs over HTTPS, RFC 7030 3.2.1);</li>
 * <li>certSubjectType: one this client acts as ({@code MefClientConfig.certificateSubjectTypes}: a CSE's client the CSE
 * only, a Node's client also its CSE and AEs);</li>
 * <li>certSubjectID: of its type, with the clause's swapped CSE/AE rows read as Node→Node-ID, CSE→CSE-ID, AE→AE-ID
 * (FACTS.md 6.4). Only an AE-ID has a form that can be told (TS-0001 7.2: it begins with C or S after any SP or CSE
 * prefix); a CSE-ID and a Node-ID can be any identifier, so beyond the form CommandArgs checks nothing is refused.</li>
 * </ul>
 * Step 6: OK (20), CERT_PROV_SERVER_ERROR (100) when the server could not be reached, refused or answered something
 * unusable, CERT_PROV_CLIENT_ERROR (101) for a failure in the client.
 */
final class CertProvExecutor implements MefCommandExecutor {
    private final ClientCertificates certificates;
    private final Set<Integer> subjectTypes;
    private final Logger log;

    CertProvExecutor(ClientCertificates certificates, Set<Integer> subjectTypes, Logger log) {
        this.certificates = certificates;
        this.subjectTypes = Set.copyOf(subjectTypes);
        this.log = log;
    }

    @Override public int cmdClassId() { return CommandClass.CERT_PROV.code(); }

    @Override
    public boolean accepts(MefCommand command) {
        Optional<CommandArgs.CertProv> args = args(command);
        if (args.isEmpty()) return false;
        String refusal = refusal(args.get());
        if (refusal != null) log.info("{}: unacceptable CERT_PROV arguments: {} (TS-0003 8.3.9.7 step 4)", command, refusal);
        return refusal == null;
    }

    /** Why step 4 fails for these arguments, or null. */
    private String refusal(CommandArgs.CertProv a) {
        if (a.protocol() != CommandArgs.CertProvProtocol.EST) return "certProvProtocol " + a.protocol() + " is not supported, only EST";
        if (!"https".equalsIgnoreCase(a.uri().getScheme())) return "the EST base URI " + a.uri() + " is not https (RFC 7030 3.2.1)";
        if (!subjectTypes.contains(a.subjectType().code())) {
            return "this client does not act as a " + a.subjectType() + " (it acts as certSubjectTypes " + subjectTypes + ")";
        }
        if (a.subjectType() == CommandArgs.CertSubjectType.AE_ID && !isAeId(a.subjectId())) {
            return "certSubjectID " + a.subjectId() + " is not an AE-ID (TS-0001 7.2: C... or S...)";
        }
        return null;
    }

    /** TS-0001 7.2: an AE-ID is C- or S-prefixed, also in its SP-relative (/CSE-ID/C...) and absolute (//SP/...) forms. */
    static boolean isAeId(String id) {
        String last = id.substring(id.lastIndexOf('/') + 1);
        return !last.isEmpty() && (last.charAt(0) == 'C' || last.charAt(0) == 'S');
    }

    @Override
    public int execute(MefCommand command) throws InterruptedException {
        CommandArgs.CertProv args = args(command).orElseThrow(() -> new IllegalArgumentException(command + " carries no certProvCmdArgs"));
        CertSubject subject = new CertSubject(CertSubject.Type.ofCode(args.subjectType().code()), args.subjectId());
        try {
            certificates.provision(subject, args.uri());
            return CommandStatus.OK.code();
        } catch (EstFailure e) {
            // the client is stopping (its session was cut): not reported, the MEF issues the command again (CommandDispatch)
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException(command + " interrupted: " + e.getMessage());
            return (e.serverSide() ? CommandStatus.CERT_PROV_SERVER_ERROR : CommandStatus.CERT_PROV_CLIENT_ERROR).code();
        }
    }

    /** The certProvCmdArgs, read from the description as the MEF sent it (any MefCommand, not only this client's own type). */
    private static Optional<CommandArgs.CertProv> args(MefCommand command) {
        if (command.cmdClassId() != CommandClass.CERT_PROV.code() || command.argumentFault().isPresent()) return Optional.empty();
        try {
            CommandArgs a = CommandDescription.fromJson(JsonParser.parseString(command.descriptionJson()).getAsJsonObject()).args();
            return a instanceof CommandArgs.CertProv ? Optional.of((CommandArgs.CertProv) a) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() { return "EST executor of CERT_PROV (certSubjectTypes " + subjectTypes + ")"; }

}
