package org.example.tef.core;

import org.example.onem2m.primitive.Operation;

import static org.example.tef.core.MefFixture.*;
import static org.example.onem2m.primitive.Operation.*;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.junit.Test;

import com.google.gson.JsonObject;

/**
 * The core built with a MEF's definition answers with the MEF's names, SUIDs and clauses (TS-0003 8.3.5.2.3 to
 * 8.3.5.2.10), where the MAF's answer with the MAF's (maf's MafProceduresTest). One case per test; each name ends
 * with its clause.
 */
public class MefParameterisationTest {
    private final MefFixture mef = new MefFixture();

    private void assertRefused(ResponsePrimitive r, ResponseStatusCode rsc, String because) {
        assertEquals(r.toString(), rsc, r.status());
        assertTrue("'" + r.debugMessage() + "' should say '" + because + "'", r.debugMessage().contains(because));
    }

    @Test
    public void aRegistrationThroughTheMefAnswersWithTheMefsNames_8_3_5_2_3() {
        ResponsePrimitive r = mef.send(A, CREATE, BASE, "{\"sec:mefClientReg\":{\"et\":\"" + et(Duration.ofDays(2)) + "\",\"adminFQDN\":\"" + SP + "\"}}");
        assertEquals(ResponseStatusCode.CREATED, r.status());
        assertEquals("sec:mefClientReg", wrapper(r));
        JsonObject body = body(r);
        assertTrue(body.get("mefClientRegID").getAsString().startsWith("ecr-"));
        assertEquals(A, body.get("mefClientID").getAsString());
        assertEquals(BASE + "/regs/" + body.get("mefClientRegID").getAsString(), r.location());
    }

    @Test
    public void aMafClientRegistrationIsNotExpectedAtTheMef_8_3_5_2_3() {
        assertRefused(mef.send(A, CREATE, BASE, "{\"sec:mafClientReg\":{\"et\":\"" + et(Duration.ofDays(2)) + "\",\"adminFQDN\":\"" + SP + "\"}}"),
                ResponseStatusCode.BAD_REQUEST, "'sec:mafClientReg' is not expected here");
    }

    @Test
    public void theMefsProceduresAreAtMefBase_8_3_5_2() {
        assertRefused(mef.send(A, CREATE, "/" + MEF + "/mafBase", "{}"), ResponseStatusCode.NOT_FOUND, "this is MEF mef.example.com; its procedures are at /mef.example.com/mefBase");
    }

    @Test
    public void aCredentialBoundToNoClientIsNotAuthenticated_8_3_5_2_2() {
        assertRefused(mef.send(null, CREATE, BASE, "{\"sec:mefClientReg\":{}}"), ResponseStatusCode.ORIGINATOR_NOT_AUTHENTICATED, "not bound to a MEF Client ID");
    }

    @Test
    public void theClientIsWhomTheFunctionsIdentitySourceNames_8_3_5_2_2() {
        MefFixture byCredential = new MefFixture(mef(session -> Optional.of(A)));
        ResponsePrimitive r = byCredential.send("//sp.example.com/whoever", CREATE, BASE,
                "{\"sec:mefClientReg\":{\"et\":\"" + et(Duration.ofDays(2)) + "\",\"adminFQDN\":\"" + SP + "\"}}");
        assertEquals(A, body(r).get("mefClientID").getAsString());
    }

    @Test
    public void theConfigurationIsWrappedInTheMefsName_8_3_5_2_4() {
        String id = mef.register(A);
        ResponsePrimitive r = mef.send(A, RETRIEVE, BASE + "/regs/" + id + "/cfg", null);
        assertEquals("{\"sec:mefClientCfg\":{\"fqdn\":\"maf.example.com\"}}", r.content());
    }

    @Test
    public void aDeRegisteredMefClientIsNotFoundByTheMefsName_8_3_5_2_6() {
        String id = mef.register(A);
        assertEquals(ResponseStatusCode.DELETED, mef.send(A, DELETE, BASE + "/regs/" + id, null).status());
        assertRefused(mef.send(A, DELETE, BASE + "/regs/" + id, null), ResponseStatusCode.NOT_FOUND, "no MEF Client Registration " + id);
    }

    @Test
    public void aKeyRegistrationCarryingAnRspfProvisionedSuidIsCreated_8_3_5_2_7() {
        mef.register(A);
        ResponsePrimitive r = mef.registerKey(A, 22, B);
        assertEquals(ResponseStatusCode.CREATED, r.status());
        assertEquals("sec:symmKeyReg", wrapper(r));
        assertEquals(BASE + "/keys/" + body(r).get("relativeKeyID").getAsString(), r.location());
    }

    @Test
    public void aKeyRegistrationAnswersTheSourceMefClientId_8_3_5_2_7() {
        mef.register(A);
        ResponsePrimitive r = mef.registerKey(A, 22, B);
        assertEquals(A, body(r).get("sourceMefClientID").getAsString());
    }

    @Test
    public void aMafDistributedSuidIsRefusedByTheMef_8_3_5_2_7() {
        mef.register(A);
        assertRefused(mef.registerKey(A, 32, B), ResponseStatusCode.BAD_REQUEST,
                "SUID 32 is not for a RSPF-provisioned key; a MEF Key Registration carries one of [21, 22, 23, 24, 25]");
        assertEquals(0, mef.store.keyRegistrationCount());
    }

    @Test
    public void anUnregisteredClientIsToldOfTheMefClientRegistrationClause_8_3_5_2_7() {
        assertRefused(mef.registerKey(A, 22, B), ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                "has no current MEF Client Registration for sp.example.com (TS-0003 8.3.5.2.3)");
    }

    @Test
    public void theTargetRuleCitesTheMefsClause_8_3_5_2_7() {
        mef.register(A);
        ResponsePrimitive r = mef.send(A, CREATE, BASE, "{\"sec:symmKeyReg\":{\"et\":\"" + et(Duration.ofDays(1)) + "\",\"adminFQDN\":\""
                + SP + "\",\"suid\":23,\"targetIDs\":[\"" + A + "\",\"" + B + "\"]}}");
        assertRefused(r, ResponseStatusCode.BAD_REQUEST, "exactly one target in targetIDs, not 2 (TS-0003 8.3.5.2.7)");
    }

    @Test
    public void theTargetRetrievesTheKeyWithTheSourceMefClientId_8_3_5_2_8() {
        mef.register(A);
        mef.register(B);
        String id = body(mef.registerKey(A, 22, B)).get("relativeKeyID").getAsString();
        ResponsePrimitive r = mef.send(B, RETRIEVE, BASE + "/keys/" + id, null);
        assertEquals(ResponseStatusCode.OK, r.status());
        assertEquals(A, body(r).get("sourceMefClientID").getAsString());
    }

    @Test
    public void anotherClientsKeyIsTheSourceMefClientsToChange_8_3_5_2_9() {
        mef.register(A);
        String id = body(mef.registerKey(A, 22, B)).get("relativeKeyID").getAsString();
        assertRefused(mef.send(B, UPDATE, BASE + "/keys/" + id, "{\"sec:symmKeyReg\":{\"lbl\":[]}}"), ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                "was registered by another Source MEF Client; only it may change it");
    }

    @Test
    public void theStakeholderManagesOnlyTheMefsEsDataKeys_8_3_5_2_7() {
        mef.register(A);
        String id = body(mef.registerKey(A, 22, B)).get("relativeKeyID").getAsString();
        try {
            mef.procedures.replaceTargets(SP, id, List.of(A));
            throw new AssertionError("a SAEF key's targets are the Source's to set");
        } catch (Rejection expected) {
            assertEquals(ResponseStatusCode.OPERATION_NOT_ALLOWED, expected.status());
            assertTrue(expected.getMessage(), expected.getMessage().contains("(SUID 24, 25) are managed by the stakeholder (TS-0003 8.3.5.2.7)"));
        }
    }

    @Test
    public void aFunctionWithoutItsWireNamesIsNotBuilt_8_3_5_2() {
        try {
            TefFunction.builder("MEF").clause("8.3.5.2").base("mefBase").build();
            throw new AssertionError("built without wrappers");
        } catch (IllegalArgumentException expected) {
            assertEquals("MEF: clientRegWrapper is not set", expected.getMessage());
        }
    }
}
