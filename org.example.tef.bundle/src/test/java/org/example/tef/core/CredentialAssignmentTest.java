package org.example.tef.core;

import static org.example.onem2m.primitive.Operation.CREATE;
import static org.example.onem2m.primitive.Operation.UPDATE;
import static org.example.tef.core.MefFixture.A;
import static org.example.tef.core.MefFixture.BASE;
import static org.example.tef.core.MefFixture.MEF_FUNCTION;
import static org.example.tef.core.MefFixture.SP;
import static org.example.tef.core.MefFixture.T0;
import static org.example.tef.core.MefFixture.body;
import static org.example.tef.core.MefFixture.et;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.spi.AssignedCredential;
import org.example.tef.spi.ClientRegistration;
import org.junit.Test;

/**
 * The hook a function with remote provisioning gives the shared Client Registration and Registration Update
 * procedures (the MAF's assignedSymmKeyID, TS-0003 8.8.2.3, 8.8.2.5): what it assigns is stored with the registration
 * and answered; a session it does not recognise, and a function without it (the MEF), answer as before.
 */
public class CredentialAssignmentTest {
    private static final String KE_ID = "00aa@remote.example.com";
    private final AtomicInteger assigned = new AtomicInteger();

    /** Assigns "<registrationID>.<n>@issuer.example.com" in sessions of a KE_ID credential, refuses "refused@...". */
    private final CredentialAssignment assignment = new CredentialAssignment() {
        @Override public String answerName() { return "assignedSymmKeyID"; }
        @Override public Optional<AssignedCredential> assign(org.example.tef.api.channel.SecureSession session, String registrationId) {
            if (session.peerCredential().startsWith("refused@")) throw new Rejection(ResponseStatusCode.ORIGINATOR_NOT_AUTHENTICATED, "expired");
            if (!session.peerCredential().endsWith("@remote.example.com")) return Optional.empty();
            return Optional.of(new AssignedCredential(registrationId + "." + assigned.incrementAndGet() + "@issuer.example.com",
                    new byte[32], T0.plus(Duration.ofDays(5))));
        }
    };
    private final MefFixture withAssignment = new MefFixture(MEF_FUNCTION, assignment);

    private ResponsePrimitive register(MefFixture f, MefFixture.Session session) {
        return f.sendIn(session, CREATE, BASE, "{\"sec:mefClientReg\":{\"et\":\"" + et(Duration.ofDays(2)) + "\",\"adminFQDN\":\"" + SP + "\"}}");
    }

    @Test
    public void aRegistrationInARemotelyProvisionedSessionAnswersAndStoresTheAssignedCredential_8_8_2_3() {
        ResponsePrimitive r = register(withAssignment, new MefFixture.Session(A, KE_ID));
        assertEquals(r.toString(), ResponseStatusCode.CREATED, r.status());
        String id = body(r).get("mefClientRegID").getAsString();
        assertEquals(id + ".1@issuer.example.com", body(r).get("assignedSymmKeyID").getAsString());
        ClientRegistration stored = withAssignment.store.clientRegistration(id).orElseThrow();
        assertEquals(id + ".1@issuer.example.com", stored.assignedCredential().orElseThrow().identity());
        assertEquals("the registration records the credential of its session", KE_ID, stored.credential());
    }

    @Test
    public void anUpdateInARemotelyProvisionedSessionReplacesTheAssignedCredential_8_8_2_5() {
        String id = body(register(withAssignment, new MefFixture.Session(A, KE_ID))).get("mefClientRegID").getAsString();
        ResponsePrimitive r = withAssignment.sendIn(new MefFixture.Session(A, KE_ID), UPDATE, BASE + "/regs/" + id,
                "{\"sec:mefClientReg\":{\"lbl\":[\"x\"]}}");
        assertEquals(r.toString(), ResponseStatusCode.UPDATED, r.status());
        assertEquals(id + ".2@issuer.example.com", body(r).get("assignedSymmKeyID").getAsString());
        assertEquals(id + ".2@issuer.example.com", withAssignment.store.clientRegistration(id).orElseThrow().assignedCredential().orElseThrow().identity());
    }

    @Test
    public void anUpdateInAnotherSessionKeepsTheAssignedCredentialAndAnswersNone_8_8_2_5() {
        String id = body(register(withAssignment, new MefFixture.Session(A, KE_ID))).get("mefClientRegID").getAsString();
        ResponsePrimitive r = withAssignment.sendIn(new MefFixture.Session(A, id + ".1@issuer.example.com"), UPDATE, BASE + "/regs/" + id,
                "{\"sec:mefClientReg\":{\"lbl\":[\"x\"]}}");
        assertEquals(r.toString(), ResponseStatusCode.UPDATED, r.status());
        assertFalse(r.content(), body(r).has("assignedSymmKeyID"));
        assertEquals(id + ".1@issuer.example.com", withAssignment.store.clientRegistration(id).orElseThrow().assignedCredential().orElseThrow().identity());
    }

    @Test
    public void aPreProvisionedSessionGetsNoAssignedCredential_8_8_2_3() {
        ResponsePrimitive r = register(withAssignment, new MefFixture.Session(A));
        assertFalse(r.content(), body(r).has("assignedSymmKeyID"));
        assertFalse(withAssignment.store.clientRegistration(body(r).get("mefClientRegID").getAsString()).orElseThrow().assignedCredential().isPresent());
    }

    @Test
    public void aFunctionWithoutRemoteProvisioningAssignsNothing_8_3_5_2_3() {
        MefFixture mef = new MefFixture();
        ResponsePrimitive r = register(mef, new MefFixture.Session(A, KE_ID));
        assertEquals(ResponseStatusCode.CREATED, r.status());
        assertFalse(r.content(), body(r).has("assignedSymmKeyID"));
        assertNotEquals(0, mef.store.clientRegistrationCount());
    }

    @Test
    public void anAssignmentThatCannotBeMadeRefusesTheRegistrationAndStoresNothing_8_8_2_3() {
        ResponsePrimitive r = register(withAssignment, new MefFixture.Session(A, "refused@remote.example.com"));
        assertEquals(ResponseStatusCode.ORIGINATOR_NOT_AUTHENTICATED, r.status());
        assertTrue(r.debugMessage(), r.debugMessage().contains("expired"));
        assertEquals(0, withAssignment.store.clientRegistrationCount());
    }
}
