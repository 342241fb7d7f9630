package org.example.mef.impl.est;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.example.mef.impl.commands.Command;
import org.example.mef.impl.commands.CommandArgs;
import org.example.mef.impl.commands.CommandQueue;
import org.example.tef.spi.ClientRegistration;
import org.example.tef.spi.RegistrationStore;

/**
 * Whom the MEF's EST server issues certificates to, and for what (TS-0003 8.3.6.2.2 step 3d, 8.3.9.7): a MEF Client may
 * enrol for the certSubjectType/certSubjectID of a CERT_PROV command with certProvProtocolID EST that the MEF handed to
 * one of the client's live MEF Client Registrations (ISSUED or REISSUED) and that the client has not reported on yet.
 * Queued commands the client has not retrieved do not count: the client learns the subject only from the command.
 * Until the client reports (OK, or an error), the command stays pending, so an enrolment that failed on the way back
 * can be tried again: up to {@code certificatesPerCommand} certificates per command, counted since the MEF started, so
 * that a client cannot mint certificates for its subject without end. The counts of commands no longer pending (reported
 * on, or replaced) are dropped whenever the counts have doubled, so they do not grow with every command ever enrolled for.
 */
final class EstAuthorisation {
    private final RegistrationStore registrations;
    private final CommandQueue commands;
    private final Clock clock;
    private final int certificatesPerCommand;
    /** "registrationID cmdID" of a command: the certificates issued for it; an entry per command enrolled for, swept by {@link #sweep}. */
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    /** The number of counts at which the next {@link #sweep} runs. */
    private final AtomicInteger sweepAt = new AtomicInteger(MIN_SWEEP);
    private static final int MIN_SWEEP = 1024;

    EstAuthorisation(RegistrationStore registrations, CommandQueue commands, Clock clock, int certificatesPerCommand) {
        this.registrations = registrations;
        this.commands = commands;
        this.clock = clock;
        this.certificatesPerCommand = certificatesPerCommand;
    }

    /** A pending EST CERT_PROV command: what it lets the client enrol for, and which command it is. */
    record Pending(CertSubject subject, String registrationId, String cmdId) {
        String key() { return registrationId + " " + cmdId; }
    }

    /** The subjects of the client's pending EST CERT_PROV commands, oldest command first, each once. */
    List<CertSubject> pendingSubjects(String mefClientId) { return subjectsOf(pending(mefClientId)); }

    /** The subjects of these commands, in their order, each once. */
    static List<CertSubject> subjectsOf(List<Pending> commands) {
        Set<CertSubject> subjects = new LinkedHashSet<>();
        for (Pending p : commands) subjects.add(p.subject());
        return new ArrayList<>(subjects);
    }

    /** The client's pending EST CERT_PROV commands, oldest registration first. */
    List<Pending> pending(String mefClientId) {
        List<Pending> pending = new ArrayList<>();
        for (ClientRegistration r : registrations.clientRegistrationsOf(mefClientId)) {
            if (r.expiredAt(clock.instant())) continue;
            Optional<Command> issued = commands.issued(r.registrationId());
            if (issued.isPresent() && issued.get().description().args() instanceof CommandArgs.CertProv certProv
                    && certProv.protocol() == CommandArgs.CertProvProtocol.EST) {
                pending.add(new Pending(new CertSubject(CertSubject.Type.ofCode(certProv.subjectType().code()), certProv.subjectId()),
                        r.registrationId(), issued.get().cmdId()));
            }
        }
        return pending;
    }

    /**
     * Takes one of the certificates the first of {@code commands} with any left allows, before it is issued (give it
     * back with {@link #release} if issuing fails).
     *
     * @param commands pending commands for the subject the CSR asks for, at least one
     * @throws EstRefusal 403 when every one's certificates are used up
     */
    Pending take(List<Pending> commands) throws EstRefusal {
        if (counts.size() >= sweepAt.get()) sweep();
        for (Pending command : commands) {
            AtomicInteger count = counts.computeIfAbsent(command.key(), k -> new AtomicInteger());
            if (count.incrementAndGet() <= certificatesPerCommand) return command;
            count.decrementAndGet();
        }
        Pending first = commands.get(0);
        throw new EstRefusal(EstRefusal.FORBIDDEN, "the MEF has issued " + certificatesPerCommand + " certificate(s) for CERT_PROV command "
                + first.cmdId() + " of " + first.registrationId() + " already (certificatesPerCommand): report on the command"
                + " (MEF Client Command Update, TS-0003 8.3.9.3), or ask the stakeholder for another");
    }

    /**
     * Drops the counts of commands that are no longer the pending command of their registration: once reported on or
     * replaced, a command authorises nothing, so its count is never read again. Amortised: it runs when the counts have
     * doubled since the last sweep.
     */
    private void sweep() {
        counts.keySet().removeIf(key -> {
            int space = key.indexOf(' ');
            Optional<Command> pending = commands.issued(key.substring(0, space));
            return pending.isEmpty() || !pending.get().cmdId().equals(key.substring(space + 1));
        });
        sweepAt.set(Math.max(MIN_SWEEP, 2 * counts.size()));
    }

    /** Tests: how many commands' counts are held. */
    int countsHeld() { return counts.size(); }

    /** Gives back what {@link #take} took: the certificate was not issued. */
    void release(Pending command) {
        AtomicInteger count = counts.get(command.key());
        if (count != null) count.decrementAndGet();
    }
}
