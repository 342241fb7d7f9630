package org.example.mef.impl.est;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
 * can be tried again.
 */
final class EstAuthorisation {
    private final RegistrationStore registrations;
    private final CommandQueue commands;
    private final Clock clock;

    EstAuthorisation(RegistrationStore registrations, CommandQueue commands, Clock clock) {
        this.registrations = registrations;
        this.commands = commands;
        this.clock = clock;
    }

    /** The subjects of the client's pending EST CERT_PROV commands, oldest command first, each once. */
    List<CertSubject> pendingSubjects(String mefClientId) {
        Set<CertSubject> subjects = new LinkedHashSet<>();
        for (ClientRegistration r : registrations.clientRegistrationsOf(mefClientId)) {
            if (r.expiredAt(clock.instant())) continue;
            Optional<Command> issued = commands.issued(r.registrationId());
            if (issued.isPresent() && issued.get().description().args() instanceof CommandArgs.CertProv certProv
                    && certProv.protocol() == CommandArgs.CertProvProtocol.EST) {
                subjects.add(new CertSubject(CertSubject.Type.ofCode(certProv.subjectType().code()), certProv.subjectId()));
            }
        }
        return new ArrayList<>(subjects);
    }
}
