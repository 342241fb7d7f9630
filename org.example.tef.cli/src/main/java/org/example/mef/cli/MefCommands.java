package org.example.mef.cli;

import java.time.Duration;
import java.util.List;

import org.example.mef.api.MefClient;
import org.example.mef.api.MefCommand;
import org.example.tef.api.EnrolmentKey;
import org.example.tef.cli.Command;
import org.example.tef.cli.Printer;
import org.example.tef.client.Registration;

/**
 * The commands only {@code mef-client} has: the Enrolment Key's identifier and the registrations in the client's state
 * file, and the MEF Client Commands of TS-0003 8.3.9 (Retrieve, Update, and the client's loop). No command prints Ke:
 * the KeID is what other parties are told (10.3.4), the key itself never leaves the state file.
 */
final class MefCommands {
    private MefCommands() {}

    static List<Command<MefClient>> all() {
        return List.of(
                new Command<>("enrolment-key", List.of(), "", "10.3.4", "the KeID of the Enrolment Key in the state file (never Ke)", 0, 0,
                        (a, in) -> (c, out) -> out.line("KeID", enrolmentKey(c).keId())),
                new Command<>("registrations", List.of(), "", "", "the registrations in the state file (nothing is sent)", 0, 0,
                        (a, in) -> (c, out) -> {
                    if (c.registrations().isEmpty()) out.text("no registrations");
                    for (Registration r : c.registrations()) {
                        out.line("registrationID", r.registrationId + " adminFQDN " + r.adminFqdn + " expires " + r.expirationTime);
                    }
                }),
                new Command<>("command", List.of(), "REGISTRATION_ID", "8.3.9.2", "MEF Client Command Retrieve (prints it, executes nothing)", 1, 1,
                        (a, in) -> {
                    String id = a.take("REGISTRATION_ID");
                    return (c, out) -> command(out, c.retrieveCommand(id));
                }),
                new Command<>("report", List.of(), "REGISTRATION_ID CMD_ID STATUS_CODE", "8.3.9.3",
                        "MEF Client Command Update (prints the next command)", 3, 3, (a, in) -> {
                    String id = a.take("REGISTRATION_ID");
                    String cmdId = a.take("CMD_ID");
                    int status = a.integer("STATUS_CODE");
                    return (c, out) -> {
                        MefCommand next = c.reportCommand(id, cmdId, status);
                        out.line("reported", status(status));
                        out.text("");
                        command(out, next);
                    };
                }),
                new Command<>("commands", List.of(), "REGISTRATION_ID", "8.3.9.2",
                        "retrieve, execute (--exec), report until NO_MORE_COMMANDS", 1, 1, (a, in) -> {
                    String id = a.take("REGISTRATION_ID");
                    return (c, out) -> {
                        Duration retry = c.processCommands(id, (command, status) -> {
                            command(out, command);
                            out.line("reported", status(status));
                            out.text("");
                        });
                        out.line("cmdClassID", className(0));
                        out.line("retryDuration", retry);
                    };
                }));
    }

    /** Printed after a registration's four lines: the Enrolment Key its handshake established (10.3.1), by its KeID. */
    static void afterRegistration(MefClient client, Printer out, Registration r) {
        client.enrolmentKey().ifPresent(k -> out.line("KeID", k.keId()));
    }

    private static EnrolmentKey enrolmentKey(MefClient c) {
        return c.enrolmentKey().orElseThrow(() -> new IllegalStateException("no Enrolment Key: this client has not registered with MEF "
                + c.mefFqdn() + " (with this state file)"));
    }

    private static void command(Printer out, MefCommand c) {
        out.line("cmdID", c.cmdId());
        out.line("cmdStatusCode", status(c.statusCode()));
        out.line("cmdClassID", className(c.cmdClassId()));
        out.line("cmdDescription", c.descriptionJson());
        c.retryDuration().ifPresent(d -> out.line("retryDuration", d));
    }

    private static String status(int code) { return code + MefCommand.statusName(code).map(n -> " (" + n + ")").orElse(""); }

    private static String className(int code) { return code + MefCommand.className(code).map(n -> " (" + n + ")").orElse(""); }
}
