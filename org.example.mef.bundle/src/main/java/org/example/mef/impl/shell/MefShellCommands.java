package org.example.mef.impl.shell;

import java.io.PrintStream;
import java.util.List;

import org.example.mef.api.MefAdministration;
import org.example.mef.impl.est.CertProvisioning;
import org.example.mef.impl.est.CertSubject;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo shell commands of the administrating stakeholder (a Gogo command is any service with the properties
 * {@code osgi.command.scope} and {@code osgi.command.function}, so no shell API is imported):
 * <pre>
 * mef:clients                          the Enrolees this MEF knows, their registrations and waiting commands
 * mef:queue &lt;regID|clientID&gt; &lt;json&gt;     queue a MEF Client Command (TS-0003 8.3.9), e.g.
 *     mef:queue '//sp.example.com/cse-device' '{"cmdClassID":2,"cmdArgs":{"devCfgCmdArgs":{"deviceConfigURI":"1:https://mef.example.com/dm"}}}'
 *     (quote both: Gogo reads an unquoted // as the start of a comment and braces as a closure)
 * mef:commands &lt;regID|clientID&gt;       the registration's commands with their status history (a client's: of all its registrations)
 * mef:certprov &lt;regID|clientID&gt; &lt;subjectType&gt; &lt;subjectID&gt;
 *                                      queue a CERT_PROV command (8.3.9.7) pointing at this MEF's EST server
 *                                      (EST, https://&lt;MEF-FQDN&gt;:&lt;estPort&gt;/.well-known/est/); subjectType node|cse|ae or 1|2|3,
 *     e.g. mef:certprov '//sp.example.com/cse-device' cse '/id-mn-cse-1'; its status then shows in mef:commands
 * </pre>
 * Each prints one line per item and never throws at the shell: a refusal prints its reason.
 */
@Component(service = MefShellCommands.class, property = {"osgi.command.scope=mef", "osgi.command.function=clients",
        "osgi.command.function=queue", "osgi.command.function=commands", "osgi.command.function=certprov"})
public final class MefShellCommands {
    private final MefAdministration mef;
    private final CertProvisioning certProvisioning;
    private final PrintStream out;

    @Activate
    public MefShellCommands(@Reference MefAdministration mef, @Reference CertProvisioning certProvisioning) {
        this(mef, certProvisioning, System.out);
    }

    MefShellCommands(MefAdministration mef, CertProvisioning certProvisioning, PrintStream out) {
        this.mef = mef;
        this.certProvisioning = certProvisioning;
        this.out = out;
    }

    public void clients() {
        List<String> clients = mef.clients();
        if (clients.isEmpty()) out.println("no MEF Clients: configure Enrolee keys in etc/org.example.mef.psk-<name>.cfg");
        clients.forEach(out::println);
    }

    /** Without arguments (or with an unquoted //, which Gogo drops as a comment): how to call it. */
    public void queue() {
        out.println("usage: mef:queue '<MEFClientRegID or MEF Client ID>' '<sec:cmdDescription JSON>' (quote both), e.g.");
        out.println("  mef:queue '//sp.example.com/cse-device' '{\"cmdClassID\":2,\"cmdArgs\":{\"devCfgCmdArgs\":{\"deviceConfigURI\":\"1:https://mef.example.com/dm\"}}}'");
    }

    /** One argument (the JSON forgotten, or not quoted): how to call it, not Gogo's "cannot coerce". */
    public void queue(String target) {
        queue();
    }

    /** @param target a MEFClientRegID (mfr-...) or a MEF Client ID (then its live registration, or its next one) */
    public void queue(String target, String cmdDescriptionJson) {
        try {
            String cmdId = target.startsWith("mfr-") ? mef.enqueue(target, cmdDescriptionJson) : mef.enqueueForClient(target, cmdDescriptionJson);
            out.println("queued cmdID " + cmdId + " for " + target);
        } catch (RuntimeException refused) { // a refusal, or a store that could not write it: said at the shell, not thrown
            out.println("not queued: " + refused.getMessage());
        }
    }

    /** Without arguments: how to call it. */
    public void commands() {
        out.println("usage: mef:commands '<MEFClientRegID or MEF Client ID>' (quote IDs with //): the commands queued for a"
                + " registration, or for each registration of a client and its next one; mef:clients lists both");
    }

    public void commands(String mefClientRegIdOrClientId) {
        List<String> commands = mef.commands(mefClientRegIdOrClientId);
        if (commands.isEmpty()) {
            boolean known = mef.clients().stream().anyMatch(c -> c.contains("\"" + mefClientRegIdOrClientId + "\""));
            out.println(known ? "no commands for " + mefClientRegIdOrClientId
                    : "no MEF Client or MEF Client Registration '" + mefClientRegIdOrClientId + "' is known to this MEF (mef:clients lists them)");
        }
        commands.forEach(out::println);
    }

    /** Without arguments: how to call it. */
    public void certprov() {
        out.println("usage: mef:certprov '<MEFClientRegID or MEF Client ID>' <node|cse|ae> '<certSubjectID>' (quote IDs with // or /), e.g.");
        out.println("  mef:certprov '//sp.example.com/cse-device' cse '/id-mn-cse-1'");
    }

    /** One or two arguments: how to call it, not Gogo's "cannot coerce". */
    public void certprov(String target) {
        certprov();
    }

    public void certprov(String target, String subjectType) {
        certprov();
    }

    /**
     * @param target a MEFClientRegID (mfr-...) or a MEF Client ID
     * @param subjectType node, cse or ae (sec:certSubjectType 1, 2, 3; TS-0003 12.3.2.6)
     */
    public void certprov(String target, String subjectType, String subjectId) {
        try {
            CertSubject subject = new CertSubject(type(subjectType), subjectId);
            String cmdId = certProvisioning.queueCertProv(target, subject);
            out.println("queued CERT_PROV cmdID " + cmdId + " for " + target + ": EST enrolment of " + subject.uri());
        } catch (RuntimeException refused) { // a refusal, or a store that could not write it: said at the shell, not thrown
            out.println("not queued: " + refused.getMessage());
        }
    }

    private static CertSubject.Type type(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "1": case "node": case "node-id": return CertSubject.Type.NODE;
            case "2": case "cse": case "cse-id": return CertSubject.Type.CSE;
            case "3": case "ae": case "ae-id": return CertSubject.Type.AE;
            default: throw new IllegalArgumentException("certSubjectType '" + name + "' is none of node (1), cse (2), ae (3) (TS-0003 12.3.2.6)");
        }
    }
}
