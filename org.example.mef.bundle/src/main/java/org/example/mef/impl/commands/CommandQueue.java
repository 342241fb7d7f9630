package org.example.mef.impl.commands;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MEF's side of the MEF Client Command procedures (TS-0003 8.3.9) for each MEF Client Registration: the
 * administrating stakeholder queues commands; the client's Retrieve (8.3.9.2) and Update (8.3.9.3) hand them out
 * one at a time, in the order queued, and record the client's reports. No I/O of its own: the {@link CommandStore}
 * keeps the commands, the {@link Clock} says when.
 * <p>
 * The command handed out is the first queued one the client has not reported on. It goes out ISSUED the first time
 * and REISSUED every later time (8.3.9.5.2, 8.3.9.5.3), until an Update with its cmdID reports a status; any report
 * (every code a client assigns) ends it, and the next command goes out. With nothing queued the answer is a
 * NO_MORE_COMMANDS command with cmdID {@value Command#NO_MORE_COMMANDS_ID} and this MEF's retryDuration (8.3.9.6); it
 * is not stored, as a client reports on it only when it cannot parse it (and then each answer is the same).
 * <p>
 * One registration's procedures run one at a time (a lock per registration, striped), so two concurrent Retrieves do
 * not both see a command as not yet issued. Nothing here checks who asks: that is {@link CommandProcedures}' and,
 * for the stakeholder's calls, the caller's.
 */
public final class CommandQueue {
    private static final Logger LOG = LoggerFactory.getLogger("org.example.mef.commands");
    private static final int STRIPES = 64;

    private final CommandStore store;
    private final Clock clock;
    private final String mefFqdn;
    private final Duration retryDuration;
    private final Object[] locks = new Object[STRIPES];

    /**
     * @param mefFqdn this MEF's FQDN: CERT_PROV and DEV_CFG commands point at it (8.3.9.7, 8.3.9.8)
     * @param retryDuration what NO_MORE_COMMANDS asks the client to wait before its next Retrieve (8.3.9.6)
     */
    public CommandQueue(CommandStore store, Clock clock, String mefFqdn, Duration retryDuration) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mefFqdn = Objects.requireNonNull(mefFqdn, "mefFqdn").toLowerCase(Locale.ROOT);
        this.retryDuration = new CommandArgs.NoMoreCommands(retryDuration).retryDuration(); // checks it is positive
        for (int i = 0; i < STRIPES; i++) locks[i] = new Object();
    }

    public Duration retryDuration() { return retryDuration; }

    /**
     * The administrating stakeholder queues a command for a registration; the client gets it after those queued before.
     *
     * @throws IllegalArgumentException for NO_MORE_COMMANDS (the MEF forms it when nothing is queued, 8.3.9.6), a
     *         certificate provisioning or DM Server URI whose host is not this MEF (8.3.9.7, 8.3.9.8), or certificate
     *         provisioning with SCEP, which this MEF does not serve (8.3.6.3)
     */
    public Command enqueue(String registrationId, CommandDescription description) {
        Objects.requireNonNull(description, "description");
        CommandArgs args = description.args();
        if (args instanceof CommandArgs.NoMoreCommands) throw new IllegalArgumentException(
                "NO_MORE_COMMANDS is not queued: the MEF answers it when nothing else is (TS-0003 8.3.9.6)");
        if (args instanceof CommandArgs.CertProv) {
            CommandArgs.CertProv certProv = (CommandArgs.CertProv) args;
            requireThisMef(certProv.uri(), "8.3.9.7");
            if (certProv.protocol() == CommandArgs.CertProvProtocol.SCEP) throw new IllegalArgumentException("certProvProtocolID 2 (SCEP,"
                    + " TS-0003 8.3.6.3) is not served by this MEF, whose certificate provisioning is EST (8.3.6.2); queue certProvProtocolID 1"
                    + " (EST) with the base URI of its EST server, https://" + mefFqdn + ":<estPort>/.well-known/est/ (Gogo: mef:certprov)");
        }
        if (args instanceof CommandArgs.DevCfg) requireThisMef(((CommandArgs.DevCfg) args).uri(), "8.3.9.8");
        synchronized (lockOf(registrationId)) {
            Command c = store.add(registrationId, description, clock.instant());
            LOG.info("queued MEF Client Command {} ({}) for registration {}", c.cmdId(), description.commandClass(), registrationId);
            return c;
        }
    }

    /** MEF Client Command Retrieve (8.3.9.2 steps 2 to 4): the command to hand out now, ISSUED or REISSUED. */
    public Command retrieve(String registrationId) {
        synchronized (lockOf(registrationId)) {
            return handOut(registrationId);
        }
    }

    /**
     * MEF Client Command Update (8.3.9.3 step 2): records {@code status} when {@code cmdId} is the command last handed
     * out and not yet reported on; otherwise discards it, as step 2b says. Either way the answer is the command to
     * hand out next (steps 3 and 4).
     *
     * @throws IllegalArgumentException (nothing changed) when a value is missing or {@code status} is one the MEF assigns
     */
    public Command update(String registrationId, String cmdId, CommandStatus status) {
        if (cmdId == null || cmdId.isBlank()) throw new IllegalArgumentException("an update carries the cmdID it reports on (TS-0003 table 8.3.9.3-1)");
        if (status == null) throw new IllegalArgumentException("an update carries a cmdStatusCode (TS-0003 table 8.3.9.3-1)");
        if (!status.isFinal()) throw new IllegalArgumentException("cmdStatusCode " + status.code() + " (" + status.specName()
                + ") is assigned by the MEF; a MEF Client reports one of the others (TS-0003 table 8.3.9.5.1-1)");
        synchronized (lockOf(registrationId)) {
            Command current = current(registrationId);
            if (current != null && current.isIssued() && current.cmdId().equals(cmdId)) {
                Command reported = current.reported(status, clock.instant());
                store.put(registrationId, reported);
                LOG.info("registration {} reported {} on MEF Client Command {} ({}){}", registrationId, status.specName(), cmdId,
                        current.description().commandClass(), status.appliesTo(current.description().commandClass()) ? ""
                                : "; table 8.3.9.5.1-1 does not give that code for this class");
            } else if (Command.NO_MORE_COMMANDS_ID.equals(cmdId) && (current == null || !current.isIssued())) {
                // the client could not use our NO_MORE_COMMANDS (8.3.9.6 step 3); the operator should know, nothing is kept
                LOG.info("registration {} reported {} on NO_MORE_COMMANDS (retryDuration {})", registrationId, status.specName(), retryDuration);
            } else {
                // 8.3.9.3 step 2b: a late or stray report; the client gets the current command again
                LOG.info("registration {} reported {} on cmdID '{}', which is not the command last issued ({}); discarded (TS-0003 8.3.9.3 step 2b)",
                        registrationId, status.specName(), printable(cmdId), current != null && current.isIssued() ? current.cmdId() : "none");
            }
            return handOut(registrationId);
        }
    }

    /**
     * The command handed to this registration that its client has not reported on yet, if any: the queue hands out one
     * at a time (8.3.9.2 pre-condition C), so there is at most one (what a CERT_PROV enrolment is authorised by, 8.3.9.7).
     */
    public Optional<Command> issued(String registrationId) {
        Command current = current(registrationId);
        return current != null && current.isIssued() ? Optional.of(current) : Optional.empty();
    }

    /** Whether a command waits for the client of this registration: queued, or issued and not reported on (8.3.4.6). */
    public boolean waiting(String registrationId) {
        return current(registrationId) != null;
    }

    /**
     * Moves the commands not yet handed out from {@code from} (commands queued for a client before it registered) to
     * the end of {@code to}'s queue, in their order; each gets a cmdID of its new registration.
     *
     * @return how many moved
     */
    public int moveQueued(String from, String to) {
        List<Command> moving = new java.util.ArrayList<>();
        // one lock at a time (two striped locks taken in turn could deadlock with a move the other way); added before
        // removed: a crash between the two hands a command out twice rather than never
        synchronized (lockOf(from)) {
            for (Command c : store.list(from)) if (!c.isFinished() && !c.isIssued()) moving.add(c);
        }
        synchronized (lockOf(to)) {
            for (Command c : moving) store.add(to, c.description(), c.enqueuedAt());
        }
        synchronized (lockOf(from)) {
            for (Command c : moving) store.remove(from, c.number());
        }
        if (!moving.isEmpty()) LOG.info("{} MEF Client Command(s) waiting for {} moved to registration {}", moving.size(), from, to);
        return moving.size();
    }

    /** The stakeholder's view: the registration's commands with their status history, in the order queued. */
    public List<Command> commands(String registrationId) {
        return store.list(registrationId);
    }

    /**
     * The stakeholder withdraws a queued or issued command, or forgets a finished one. A report the client sends on a
     * withdrawn command is then discarded (8.3.9.3 step 2b).
     *
     * @return whether there was such a command
     */
    public boolean remove(String registrationId, String cmdId) {
        long number = number(cmdId);
        if (number < 1) return false;
        synchronized (lockOf(registrationId)) {
            boolean removed = store.remove(registrationId, number);
            if (removed) LOG.info("removed MEF Client Command {} of registration {}", cmdId, registrationId);
            return removed;
        }
    }

    /**
     * Drops the commands of every registration {@code gone} says is no longer live (expired and purged from the
     * registry); queues waiting for a client that has not registered yet are the caller's to judge too.
     *
     * @return how many registrations' commands went
     */
    public int purge(java.util.function.Predicate<String> gone) {
        int dropped = 0;
        for (String registrationId : store.registrationIds()) {
            if (gone.test(registrationId) && forgetRegistration(registrationId) >= 0) dropped++;
        }
        return dropped;
    }

    /** The registration was de-registered or expired: its commands go (8.3.9.1: commands live within a registration). */
    public int forgetRegistration(String registrationId) {
        synchronized (lockOf(registrationId)) {
            return store.removeAll(registrationId);
        }
    }

    /** Under the registration's lock. */
    private Command handOut(String registrationId) {
        Command current = current(registrationId);
        if (current == null) return Command.noMoreCommands(retryDuration, clock.instant());
        Command issued = current.issued(clock.instant());
        store.put(registrationId, issued);
        LOG.info("{} MEF Client Command {} ({}) to registration {}", issued.timesIssued() == 1 ? "issued" : "reissued", issued.cmdId(),
                issued.description().commandClass(), registrationId);
        return issued;
    }

    /** The first command the client has not reported on, or null. */
    private Command current(String registrationId) {
        for (Command c : store.list(registrationId)) if (!c.isFinished()) return c;
        return null;
    }

    private void requireThisMef(URI uri, String clause) {
        if (!uri.getHost().toLowerCase(Locale.ROOT).equals(mefFqdn)) throw new IllegalArgumentException("the host of " + uri
                + " must be this MEF's FQDN, " + mefFqdn + " (TS-0003 " + clause + ")");
    }

    private Object lockOf(String registrationId) {
        return locks[Math.floorMod(Objects.requireNonNull(registrationId, "registrationId").hashCode(), STRIPES)];
    }

    /** The number a cmdID of ours stands for, or -1 for any other text (which matches no command). */
    private static long number(String cmdId) {
        if (cmdId == null || cmdId.isEmpty() || cmdId.length() > 18 || !cmdId.chars().allMatch(ch -> ch >= '0' && ch <= '9')) return -1;
        return Long.parseLong(cmdId);
    }

    /** A client's cmdID, shortened and without control characters, for one log line. */
    private static String printable(String text) {
        String shortened = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
