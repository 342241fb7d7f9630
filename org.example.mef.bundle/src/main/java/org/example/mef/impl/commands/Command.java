package org.example.mef.impl.commands;

import static org.example.mef.impl.commands.CommandWireNames.CMD_DESCRIPTION;
import static org.example.mef.impl.commands.CommandWireNames.CMD_ID;
import static org.example.mef.impl.commands.CommandWireNames.CMD_STATUS_CODE;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.google.gson.JsonObject;

/**
 * One MEF Client Command of one MEF Client Registration (TS-0003 8.3.9.1) as the MEF keeps it: its cmdID, the
 * description, where it stands, and how it got there. Immutable; the changes return a new command.
 * <p>
 * The cmdID is the command's number within its registration as a decimal string, assigned by the MEF when the
 * administrating stakeholder queues it (1, 2, ...; never used twice in one registration, so a client does not take
 * a new command for one it already executed, 8.3.9.1). Number 0 is the NO_MORE_COMMANDS answer, which is not queued.
 * A command that was queued but not yet handed out has no status.
 */
public final class Command {
    /** The cmdID of every NO_MORE_COMMANDS answer (8.3.9.6); no queued command has it. */
    public static final String NO_MORE_COMMANDS_ID = "0";

    /** One step of a command's history: ISSUED, REISSUED (the last of a run of them, see {@link #timesIssued}), or the client's report. */
    public record StatusChange(CommandStatus status, Instant at) {
        public StatusChange {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(at, "at");
        }
    }

    private final long number;
    private final CommandDescription description;
    private final CommandStatus status;
    private final Instant enqueuedAt;
    private final int timesIssued;
    private final List<StatusChange> history;

    Command(long number, CommandDescription description, CommandStatus status, Instant enqueuedAt, int timesIssued, List<StatusChange> history) {
        if (number < 0) throw new IllegalArgumentException("a command number is not negative: " + number);
        this.number = number;
        this.description = Objects.requireNonNull(description, "description");
        this.status = status;
        this.enqueuedAt = Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        this.timesIssued = timesIssued;
        this.history = List.copyOf(history);
    }

    /** A command the stakeholder queued, not yet handed out. */
    public static Command queued(long number, CommandDescription description, Instant now) {
        if (number < 1) throw new IllegalArgumentException("queued commands are numbered from 1, not " + number);
        return new Command(number, description, null, now, 0, List.of());
    }

    /** The answer when nothing is queued (8.3.9.2 step 3a, 8.3.9.6): issued now, kept nowhere. */
    public static Command noMoreCommands(Duration retryDuration, Instant now) {
        return new Command(0, CommandDescription.of(new CommandArgs.NoMoreCommands(retryDuration)), CommandStatus.ISSUED, now, 1,
                List.of(new StatusChange(CommandStatus.ISSUED, now)));
    }

    public long number() { return number; }

    /** The cmdID on the wire. */
    public String cmdId() { return Long.toString(number); }

    public CommandDescription description() { return description; }

    /** Empty while queued; ISSUED or REISSUED while the MEF waits for the client's report; then the report. */
    public Optional<CommandStatus> status() { return Optional.ofNullable(status); }

    /** Handed out and not yet reported on: the command a matching update reports on (8.3.9.3 step 2b). */
    public boolean isIssued() { return status != null && !status.isFinal(); }

    /** The client reported on it; it has left the queue. */
    public boolean isFinished() { return status != null && status.isFinal(); }

    public Instant enqueuedAt() { return enqueuedAt; }

    /** How often the MEF handed it out: 1 when issued once, more when reissued (8.3.9.5.3). */
    public int timesIssued() { return timesIssued; }

    /** When it was last handed out. */
    public Optional<Instant> lastIssuedAt() {
        for (int i = history.size() - 1; i >= 0; i--) if (!history.get(i).status().isFinal()) return Optional.of(history.get(i).at());
        return Optional.empty();
    }

    /** The client's report and when it came, once it came. */
    public Optional<StatusChange> report() {
        return isFinished() ? Optional.of(history.get(history.size() - 1)) : Optional.empty();
    }

    /** ISSUED, then at most one REISSUED (the latest of a run), then the report: at most three entries. */
    public List<StatusChange> history() { return history; }

    /** Handed out at {@code now}: ISSUED the first time, REISSUED after that (8.3.9.5.2, 8.3.9.5.3). */
    Command issued(Instant now) {
        if (isFinished()) throw new IllegalStateException("command " + cmdId() + " was reported on (" + status + "); it is not handed out again");
        CommandStatus next = status == null ? CommandStatus.ISSUED : CommandStatus.REISSUED;
        List<StatusChange> h = new ArrayList<>(history);
        // a client that keeps retrieving without reporting would otherwise grow the record without end
        if (next == CommandStatus.REISSUED && h.get(h.size() - 1).status() == CommandStatus.REISSUED) h.remove(h.size() - 1);
        h.add(new StatusChange(next, now));
        return new Command(number, description, next, enqueuedAt, timesIssued + 1, h);
    }

    /** The client's report on the issued command (8.3.9.3 step 2b). */
    Command reported(CommandStatus report, Instant now) {
        if (!report.isFinal()) throw new IllegalArgumentException(report.specName() + " is assigned by the MEF, not reported by a MEF Client");
        if (!isIssued()) throw new IllegalStateException("command " + cmdId() + " is not waiting for a report");
        List<StatusChange> h = new ArrayList<>(history);
        h.add(new StatusChange(report, now));
        return new Command(number, description, report, enqueuedAt, timesIssued, h);
    }

    /** The {@code <mefClientCmd>} content of a Retrieve or Update answer (table 8.3.9.2-2). */
    public JsonObject toWire() {
        if (!isIssued()) throw new IllegalStateException("command " + cmdId() + " is not being handed out");
        JsonObject o = new JsonObject();
        o.addProperty(CMD_ID, cmdId());
        o.add(CMD_DESCRIPTION, description.toJson());
        o.addProperty(CMD_STATUS_CODE, status.code());
        return o;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Command)) return false;
        Command c = (Command) o;
        return number == c.number && description.equals(c.description) && status == c.status && enqueuedAt.equals(c.enqueuedAt)
                && timesIssued == c.timesIssued && history.equals(c.history);
    }

    @Override
    public int hashCode() { return Objects.hash(number, status, timesIssued); }

    @Override
    public String toString() {
        return "command " + cmdId() + " " + description.commandClass() + " " + (status == null ? "queued" : status.specName()) + " (issued " + timesIssued + "x)";
    }
}
