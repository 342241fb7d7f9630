package org.example.mef.impl.shell;

import java.io.PrintStream;
import java.util.List;

import org.example.mef.api.MefAdministration;
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
 * mef:commands &lt;regID&gt;                the registration's commands with their status history
 * </pre>
 * Each prints one line per item and never throws at the shell: a refusal prints its reason.
 */
@Component(service = MefShellCommands.class, property = {"osgi.command.scope=mef", "osgi.command.function=clients",
        "osgi.command.function=queue", "osgi.command.function=commands"})
public final class MefShellCommands {
    private final MefAdministration mef;
    private final PrintStream out;

    @Activate
    public MefShellCommands(@Reference MefAdministration mef) { this(mef, System.out); }

    MefShellCommands(MefAdministration mef, PrintStream out) {
        this.mef = mef;
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

    /** @param target a MEFClientRegID (mfr-...) or a MEF Client ID (then its live registration, or its next one) */
    public void queue(String target, String cmdDescriptionJson) {
        try {
            String cmdId = target.startsWith("mfr-") ? mef.enqueue(target, cmdDescriptionJson) : mef.enqueueForClient(target, cmdDescriptionJson);
            out.println("queued cmdID " + cmdId + " for " + target);
        } catch (RuntimeException refused) { // a refusal, or a store that could not write it: said at the shell, not thrown
            out.println("not queued: " + refused.getMessage());
        }
    }

    public void commands(String mefClientRegId) {
        List<String> commands = mef.commands(mefClientRegId);
        if (commands.isEmpty()) out.println("no commands for " + mefClientRegId);
        commands.forEach(out::println);
    }
}
