package org.example.mef.impl.client;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.example.mef.api.MefCommandExecutor;
import org.example.mef.impl.client.ClientState.Report;
import org.example.mef.impl.commands.CommandClass;
import org.example.mef.impl.commands.CommandStatus;
import org.slf4j.Logger;

/**
 * What a MEF Client does with one issued command, 8.3.9.2 step 5 b to d: the cmdID check, the class, the built-in
 * processing of NO_MORE_COMMANDS (8.3.9.6) and of the checks every DEV_CFG and CERT_PROV command needs (8.3.9.7,
 * 8.3.9.8 step 4), then an executor. The outcome is the status to report, or the retryDuration that ends the loop.
 */
final class CommandDispatch {
    /** Exactly one of the two is set. */
    record Outcome(CommandStatus report, Duration retryDuration) {
        static Outcome report(CommandStatus status) { return new Outcome(status, null); }
    }

    private final String mefFqdn;
    private final CommandExecutors executors;
    private final Logger log;

    CommandDispatch(String mefFqdn, CommandExecutors executors, Logger log) {
        this.mefFqdn = mefFqdn.toLowerCase(Locale.ROOT);
        this.executors = executors;
        this.log = log;
    }

    /** @param last what this client last reported for the registration, if anything */
    Outcome dispatch(ReceivedCommand command, Optional<Report> last) {
        Optional<CommandClass> c = command.commandClass();
        // NO_MORE_COMMANDS executes nothing, so the cmdID check (which keeps a command from running twice, 8.3.9.1) has
        // nothing to protect; and this MEF gives every such answer the same cmdID, which a reported BAD_ARGUMENTS would
        // otherwise turn into an endless REPEATED_CMD_ID exchange.
        if (c.equals(Optional.of(CommandClass.NO_MORE_COMMANDS)) && command.retryDuration().isPresent()) {
            return new Outcome(null, command.retryDuration().get());
        }
        if (last.isPresent() && last.get().cmdId().equals(command.cmdId())) {
            if (command.status() == CommandStatus.REISSUED) {
                // 8.3.9.5.3: the MEF did not get the report; the client performed the command, so it reports the status again
                return Outcome.report(CommandStatus.of(last.get().statusCode()));
            }
            return Outcome.report(CommandStatus.REPEATED_CMD_ID); // 5b: a processing error on the MEF (8.3.9.5.5)
        }
        if (c.isEmpty()) return Outcome.report(CommandStatus.CLASS_NOT_SUPPORTED); // 5c
        CommandClass commandClass = c.get();
        boolean builtIn = commandClass == CommandClass.NO_MORE_COMMANDS || commandClass == CommandClass.DEV_CFG;
        if (!builtIn && !executors.supports(commandClass.code())) return Outcome.report(CommandStatus.CLASS_NOT_SUPPORTED); // 5c
        if (command.argumentFault().isPresent()) {
            log.info("{}: cmdArgs do not parse: {}", command, command.argumentFault().get());
            return Outcome.report(CommandStatus.BAD_ARGUMENTS); // 8.3.9.6 step 3, which 8.3.9.7 to .9 refer to
        }
        if (commandClass != CommandClass.MO_NODE) {
            URI uri = command.serverUri().orElseThrow();
            if (!mefFqdn.equals(uri.getHost().toLowerCase(Locale.ROOT))) {
                log.info("{}: the URI's FQDN {} is not the MEF's, {} ({})", command, uri.getHost(), mefFqdn, commandClass.clause());
                return Outcome.report(CommandStatus.UNACCEPTABLE_ARGUMENTS); // 8.3.9.7, 8.3.9.8 step 4
            }
        }
        Optional<MefCommandExecutor> executor = executors.accepting(command);
        if (executor.isEmpty()) {
            // the class is supported, but not these arguments: for DEV_CFG the DM protocol (8.3.9.8 step 4)
            log.info("{}: no executor accepts its arguments {}", command, command.descriptionJson());
            return Outcome.report(CommandStatus.UNACCEPTABLE_ARGUMENTS);
        }
        return Outcome.report(execute(executor.get(), command, commandClass));
    }

    private CommandStatus execute(MefCommandExecutor executor, ReceivedCommand command, CommandClass commandClass) {
        int code;
        try {
            code = executor.execute(command);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted(command);
        } catch (Exception | LinkageError e) {
            if (Thread.currentThread().isInterrupted()) throw new Interrupted(command);
            log.warn("{}: the executor failed", command, e);
            return clientError(commandClass);
        }
        try {
            CommandStatus status = CommandStatus.of(code);
            if (status.isFinal()) return status;
        } catch (IllegalArgumentException undefined) {
            // reported below
        }
        log.warn("{}: the executor answered {}, which is no MEF Client's cmdStatusCode (TS-0003 12.3.2.4)", command, code);
        return clientError(commandClass);
    }

    /**
     * The client was stopped while an executor ran the command: it was not executed as far as anyone knows, so nothing
     * is recorded or reported, and the MEF hands it out again (REISSUED) to the next run.
     */
    static final class Interrupted extends RuntimeException {
        Interrupted(ReceivedCommand command) {
            super(command + " was interrupted (the client is stopping); not reported, the MEF hands it out again", null, false, false);
        }
    }

    /** The class's status for an error on the client's side (8.3.9.5.10, .12, .18). */
    private static CommandStatus clientError(CommandClass c) {
        switch (c) {
            case CERT_PROV: return CommandStatus.CERT_PROV_CLIENT_ERROR;
            case DEV_CFG: return CommandStatus.DEV_CFG_CLIENT_ERROR;
            default: return CommandStatus.MO_NODE_EXECUTION_ERROR;
        }
    }
}
