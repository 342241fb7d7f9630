package org.example.mef.impl.est;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.example.mef.impl.commands.CommandArgs.CertProv;
import org.example.mef.impl.commands.CommandArgs.CertProvProtocol;
import org.example.mef.impl.commands.CommandArgs.CertSubjectType;
import org.example.mef.impl.commands.CommandDescription;
import org.example.mef.impl.commands.CommandQueue;
import org.example.mef.impl.commands.InMemoryCommandStore;
import org.junit.Test;

/** How many certificates a pending CERT_PROV command lets the EST server issue (TS-0003 8.3.9.7), and what it remembers. */
public class EstAuthorisationTest {
    private static final CertSubject SUBJECT = new CertSubject(CertSubject.Type.CSE, "/cse-1");
    private final CommandQueue commands = new CommandQueue(new InMemoryCommandStore(), Clock.systemUTC(), "mef.example.com", Duration.ofHours(1));
    private final EstAuthorisation authorisation = new EstAuthorisation(null, commands, Clock.systemUTC(), 3);

    private String issuedCertProv(String registrationId) {
        commands.enqueue(registrationId, CommandDescription.of(new CertProv(CertProvProtocol.EST,
                URI.create("https://mef.example.com/.well-known/est"), CertSubjectType.CSE_ID, "/cse-1")));
        return commands.retrieve(registrationId).cmdId();
    }

    @Test
    public void aPendingCommandAllowsCertificatesPerCommandAndNoMore_8_3_9_7() throws Exception {
        EstAuthorisation.Pending command = new EstAuthorisation.Pending(SUBJECT, "mfr-1", issuedCertProv("mfr-1"));
        for (int i = 0; i < 3; i++) assertEquals(command, authorisation.take(List.of(command)));
        EstRefusal refused = assertThrows(EstRefusal.class, () -> authorisation.take(List.of(command)));
        assertTrue(refused.getMessage(), refused.getMessage().contains("certificatesPerCommand"));
        authorisation.release(command);
        assertEquals("a certificate given back may be issued again", command, authorisation.take(List.of(command)));
    }

    @Test
    public void countsOfCommandsNoLongerPendingAreDroppedAndAPendingOnesKept() throws Exception {
        EstAuthorisation.Pending kept = new EstAuthorisation.Pending(SUBJECT, "mfr-kept", issuedCertProv("mfr-kept"));
        for (int i = 0; i < 3; i++) authorisation.take(List.of(kept));
        // commands enrolled for once and then no longer pending (never queued here: as if reported on long ago)
        for (int i = 0; i < 5000; i++) authorisation.take(List.of(new EstAuthorisation.Pending(SUBJECT, "mfr-gone-" + i, "1")));
        assertTrue("held: " + authorisation.countsHeld(), authorisation.countsHeld() < 2100);
        assertThrows("the pending command's count survived every sweep", EstRefusal.class, () -> authorisation.take(List.of(kept)));
    }

    @Test
    public void theCountStartsAnewWhenTheMefRestarts_8_3_9_7() throws Exception {
        EstAuthorisation.Pending command = new EstAuthorisation.Pending(SUBJECT, "mfr-1", issuedCertProv("mfr-1"));
        for (int i = 0; i < 3; i++) authorisation.take(List.of(command));
        assertThrows(EstRefusal.class, () -> authorisation.take(List.of(command)));
        // as README says: counted since the MEF started; the command, still pending in its store, allows 3 again
        EstAuthorisation afterRestart = new EstAuthorisation(null, commands, Clock.systemUTC(), 3);
        for (int i = 0; i < 3; i++) assertEquals(command, afterRestart.take(List.of(command)));
        assertThrows(EstRefusal.class, () -> afterRestart.take(List.of(command)));
    }
}
