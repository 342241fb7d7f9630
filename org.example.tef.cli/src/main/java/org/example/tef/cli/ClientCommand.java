package org.example.tef.cli;

import java.io.PrintStream;
import java.util.Map;

import org.example.tef.client.TefException;

/**
 * Runs one invocation of a client tool, the same way for {@code maf-client} and {@code mef-client}: the command line is
 * parsed and the command's arguments read before the client is made (bad usage: exit status 2, nothing sent), then the
 * command runs; a refusal or a missing answer prints the function's oneM2M status code and message (exit status 1).
 *
 * @param <C> the tool's client
 */
public final class ClientCommand<C extends AutoCloseable> {
    private final ClientTool<C> tool;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    public ClientCommand(ClientTool<C> tool, PrintStream out, PrintStream err, Map<String, String> environment) {
        this.tool = tool;
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    /** Makes the client an invocation names; IllegalArgumentException for a setting it refuses, IllegalStateException when it cannot. */
    @FunctionalInterface
    public interface Opener<C> {
        C open(Invocation invocation);
    }

    /** @return the exit status */
    public int run(String[] args, Opener<C> opener) {
        Invocation invocation;
        Command.Step<C> step;
        try {
            invocation = Invocation.parse(tool, args, environment);
            if (invocation == null) {
                out.println(tool.usage());
                return 0;
            }
            @SuppressWarnings("unchecked") // parse found it among this tool's commands
            Command<C> command = (Command<C>) invocation.command;
            step = command.preparer.prepare(invocation.arguments, invocation);
        } catch (IllegalArgumentException e) {
            err.println(tool.name + ": " + e.getMessage());
            err.println(tool.usage());
            return 2;
        }
        C client;
        try {
            client = opener.open(invocation);
        } catch (IllegalArgumentException e) {
            err.println(tool.name + ": " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            err.println(tool.name + ": cannot start the " + tool.function + " Client: " + e.getMessage());
            return 1;
        }
        try (C c = client) {
            step.run(c, new Printer(out, invocation.showKey));
            return 0;
        } catch (TefException e) {
            err.println(tool.name + ": " + (e.rsc() == 0 ? "no answer" : "refused with oneM2M status " + e.rsc()) + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println(tool.name + ": " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            // what the client's own state cannot do, e.g. "no Enrolment Key yet": said as it is, no status code invented
            err.println(tool.name + ": " + e.getMessage());
            return 1;
        } catch (Exception e) {
            // the clients' close() throws nothing; anything else is a fault of this program, said as such
            err.println(tool.name + ": failed: " + e);
            return 1;
        }
    }
}
