package org.example.maf.impl.server;

import org.example.onem2m.primitive.Operation;

import static org.example.maf.impl.server.MafFixture.*;
import static org.example.onem2m.primitive.Operation.*;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.example.tef.api.Hex;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.core.Rejection;
import org.example.tef.core.Stakeholder;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.junit.Test;

import com.google.gson.JsonObject;

/**
 * The MAF side of TS-0003 8.8.2 through tef's core with the MAF's definition, one procedure and one refusal at a
 * time; each test name ends with the clause it checks (TS-0003 unless another document is named). Every refusal
 * leaves the registry as it was.
 */
public class MafProceduresTest {
    private final MafFixture maf = new MafFixture();
    private static final String BASE = "/" + MAF + "/mafBase";

    private static String clientReg(String attributes) { return "{\"sec:mafClientReg\":{" + attributes + "}}"; }

    private static String validEt() { return "\"et\":\"" + et(Duration.ofDays(1)) + "\""; }

    // --- 8.8.2.2: who the client is ---

    @Test
    public void aSessionWhoseCredentialNamesNoClientIsNotAuthenticated_8_8_2_2() {
        maf.assertRefused(maf.client(null).sends(CREATE, BASE, "{\"sec:mafClientReg\":{}}"), ResponseStatusCode.ORIGINATOR_NOT_AUTHENTICATED, "not bound to a MAF Client ID", 0, 0);
    }

    // --- 8.8.2: where the procedures are ---

    @Test
    public void aRequestForAnotherMafIsNotFound_8_8_2() {
        maf.assertRefused(maf.client(A).sends(CREATE, "/other.example.com/mafBase", "{}"), ResponseStatusCode.NOT_FOUND, "this is MAF maf.example.com", 0, 0);
    }

    @Test
    public void aRequestForAnUnknownPathIsNotFound_8_8_2() {
        maf.assertRefused(maf.client(A).sends(RETRIEVE, BASE + "/nothing/here", null), ResponseStatusCode.NOT_FOUND, "no procedure at", 0, 0);
    }

    @Test
    public void aRetrieveOfTheBaseIsNotAllowed_8_8_2() {
        maf.assertRefused(maf.client(A).sends(RETRIEVE, BASE, null), ResponseStatusCode.OPERATION_NOT_ALLOWED, "RETRIEVE is not a procedure on mafBase", 0, 0);
    }

    // --- 8.8.2.3 ---

    @Test
    public void aPreAuthorizedClientRegistersAndIsAnsweredWithItsRegistration_8_8_2_3() {
        ResponsePrimitive r = maf.client(A).sends(CREATE, BASE, "{\"sec:mafClientReg\":{\"et\":\"" + et(Duration.ofDays(2))
                + "\",\"lbl\":[\"gw\"],\"adminFQDN\":\"SP.example.com\"}}");
        assertEquals(ResponseStatusCode.CREATED, r.status());
        JsonObject body = body(r);
        assertTrue(body.get("mafClientRegID").getAsString().startsWith("mcr-"));
        assertEquals(et(Duration.ofDays(2)), body.get("et").getAsString());
        assertEquals(A, body.get("mafClientID").getAsString());
        assertEquals(SP, body.get("adminFQDN").getAsString());
        assertEquals("gw", body.getAsJsonArray("lbl").get(0).getAsString());
        assertEquals(BASE + "/regs/" + body.get("mafClientRegID").getAsString(), r.location());
        assertEquals(1, maf.store.clientRegistrationCount());
    }

    @Test
    public void theMafShortensAProposedExpirationToTheStakeholdersLimit_8_8_2_3() {
        ResponsePrimitive r = maf.client(A).sends(CREATE, BASE, "{\"sec:mafClientReg\":{\"et\":\"" + et(Duration.ofDays(4000)) + "\",\"adminFQDN\":\"" + SP + "\"}}");
        assertEquals(et(Duration.ofDays(365)), body(r).get("et").getAsString());
    }

    @Test
    public void theRecordExpiresInTheWholeSecondTheAnswerSays_8_8_2_3() {
        maf.clock.advance(Duration.ofMillis(750));
        ResponsePrimitive r = maf.client(A).sends(CREATE, BASE, "{\"sec:mafClientReg\":{\"et\":\"" + et(Duration.ofDays(4000)) + "\",\"adminFQDN\":\"" + SP + "\"}}");
        String answered = body(r).get("et").getAsString();
        assertEquals(et(Duration.ofDays(365)), answered);
        assertEquals(T0.plus(Duration.ofDays(365)), maf.store.clientRegistration(body(r).get("mafClientRegID").getAsString()).orElseThrow().expirationTime());
    }

    @Test
    public void registrationIsRefusedForAStakeholderTheMafDoesNotServe_8_8_2_3() {
        maf.assertRefused(maf.client(A).sends(CREATE, BASE, "{\"sec:mafClientReg\":{\"et\":\"" + et(Duration.ofDays(1)) + "\",\"adminFQDN\":\"other.example.com\"}}"),
                ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "does not serve administrating stakeholder other.example.com", 0, 0);
    }

    @Test
    public void registrationIsRefusedToAClientTheStakeholderDidNotAuthorize_8_8_2_3() {
        maf.assertRefused(maf.client("//sp.example.com/stranger").sends(CREATE, BASE, "{\"sec:mafClientReg\":{\"et\":\"" + et(Duration.ofDays(1))
                + "\",\"adminFQDN\":\"" + SP + "\"}}"), ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "has not authorized //sp.example.com/stranger", 0, 0);
    }

    @Test
    public void aSecondRegistrationForTheSameStakeholderIsRefused_8_8_2_3() {
        String id = maf.client(A).registers();
        maf.assertRefused(maf.client(A).sends(CREATE, BASE, "{\"sec:mafClientReg\":{\"et\":\"" + et(Duration.ofDays(1)) + "\",\"adminFQDN\":\"" + SP + "\"}}"),
                ResponseStatusCode.ORIGINATOR_HAS_ALREADY_REGISTERED, "already registered for sp.example.com as " + id, 1, 0);
    }

    @Test
    public void aRegistrationWithAPastExpirationIsRefused_8_8_2_3() {
        maf.assertRefused(maf.client(A).sends(CREATE, BASE, "{\"sec:mafClientReg\":{\"et\":\"" + et(Duration.ofDays(-1)) + "\",\"adminFQDN\":\"" + SP + "\"}}"),
                ResponseStatusCode.BAD_REQUEST, "is not in the future", 0, 0);
    }

    @Test
    public void aRegistrationWithoutAdminFqdnIsRefused_8_8_2_3() {
        maf.assertRefused(maf.client(A).sends(CREATE, BASE, clientReg(validEt())), ResponseStatusCode.BAD_REQUEST, "missing attribute 'adminFQDN'", 0, 0);
    }

    @Test
    public void aRegistrationWhoseExpirationIsNoTimestampIsRefused_8_8_2_3() {
        maf.assertRefused(maf.client(A).sends(CREATE, BASE, "{\"sec:mafClientReg\":{\"et\":\"tomorrow\",\"adminFQDN\":\"" + SP + "\"}}"),
                ResponseStatusCode.BAD_REQUEST, "m2m:timestamp", 0, 0);
    }

    @Test
    public void aRegistrationWithAnUnknownAttributeIsRefused_8_8_2_3() {
        maf.assertRefused(maf.client(A).sends(CREATE, BASE, clientReg(validEt() + ",\"adminFQDN\":\"" + SP + "\",\"acp\":1")),
                ResponseStatusCode.BAD_REQUEST, "unknown attribute 'acp'", 0, 0);
    }

    @Test
    public void aRegistrationThatIsNotJsonIsRefused_8_8_2_3() {
        maf.assertRefused(maf.client(A).sends(CREATE, BASE, "{\"sec:mafClientReg\":"), ResponseStatusCode.BAD_REQUEST, "not valid JSON", 0, 0);
    }

    @Test
    public void aCreateOfAnotherResourceTypeIsRefused_8_8_2_3() {
        maf.assertRefused(maf.client(A).sends(CREATE, BASE, "{\"m2m:ae\":{}}"), ResponseStatusCode.BAD_REQUEST, "is not expected here", 0, 0);
    }

    // --- 8.8.2.4 ---

    @Test
    public void aRegisteredClientRetrievesItsStakeholdersConfiguration_8_8_2_4() {
        String id = maf.client(A).registers();
        ResponsePrimitive r = maf.client(A).sends(RETRIEVE, BASE + "/regs/" + id + "/cfg", null);
        assertEquals(ResponseStatusCode.OK, r.status());
        assertEquals("{\"sec:mafClientCfg\":{\"keyRegLabels\":[\"x\"]}}", r.content());
    }

    @Test
    public void configurationRetrievalForAnothersRegistrationIsRefused_8_8_2_4() {
        String id = maf.client(A).registers();
        maf.assertRefused(maf.client(B).sends(RETRIEVE, BASE + "/regs/" + id + "/cfg", null), ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "is not //sp.example.com/cse-b's", 1, 0);
    }

    @Test
    public void configurationRetrievalWithoutConfigurationIsNotFound_8_8_2_4() {
        String id = maf.client(A).registers();
        maf.stakeholders.put(new Stakeholder(SP, Set.of(A), Duration.ofDays(365), Duration.ofDays(30), null));
        maf.assertRefused(maf.client(A).sends(RETRIEVE, BASE + "/regs/" + id + "/cfg", null), ResponseStatusCode.NOT_FOUND, "has no MAF Client Configuration", 1, 0);
    }

    @Test
    public void configurationRetrievalAfterTheRegistrationExpiredIsNotFound_8_8_2_4() {
        String id = maf.client(A).registers();
        maf.clock.advance(Duration.ofDays(11));
        maf.assertRefused(maf.client(A).sends(RETRIEVE, BASE + "/regs/" + id + "/cfg", null), ResponseStatusCode.NOT_FOUND, "expired at", 1, 0);
    }

    // --- 8.8.2.5 ---

    @Test
    public void aRegistrationUpdateOfTheLabelsAnswersOnlyTheLabels_8_8_2_5() {
        String id = maf.client(A).registers();
        ResponsePrimitive r = maf.client(A).sends(UPDATE, BASE + "/regs/" + id, "{\"sec:mafClientReg\":{\"lbl\":[\"moved\"]}}");
        assertEquals(ResponseStatusCode.UPDATED, r.status());
        assertEquals(Set.of("lbl"), body(r).keySet());
        assertEquals(List.of("moved"), maf.store.clientRegistration(id).orElseThrow().labels());
    }

    @Test
    public void aRegistrationUpdateOfTheExpirationAnswersOnlyTheExpiration_8_8_2_5() {
        String id = maf.client(A).registers();
        ResponsePrimitive r = maf.client(A).sends(UPDATE, BASE + "/regs/" + id, "{\"sec:mafClientReg\":{\"et\":\"" + et(Duration.ofDays(20)) + "\"}}");
        assertEquals(Set.of("et"), body(r).keySet());
        assertEquals(T0.plus(Duration.ofDays(20)), maf.store.clientRegistration(id).orElseThrow().expirationTime());
    }

    @Test
    public void anEmptyRegistrationUpdateIsRefused_8_8_2_5() {
        String id = maf.client(A).registers();
        maf.assertRefused(maf.client(A).sends(UPDATE, BASE + "/regs/" + id, "{\"sec:mafClientReg\":{}}"), ResponseStatusCode.BAD_REQUEST, "carries expirationTime (et), labels (lbl) or both", 1, 0);
    }

    // --- 8.8.2.6 ---

    @Test
    public void deRegistrationOfAnothersRegistrationIsRefused_8_8_2_6() {
        String id = maf.client(A).registers();
        maf.assertRefused(maf.client(B).sends(DELETE, BASE + "/regs/" + id, null), ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "is not", 1, 0);
    }

    @Test
    public void aDeRegisteredClientCanNoLongerRegisterKeys_8_8_2_6() {
        String id = maf.client(A).registers();
        assertEquals(ResponseStatusCode.DELETED, maf.client(A).sends(DELETE, BASE + "/regs/" + id, null).status());
        maf.assertRefused(maf.client(A).registersKey(32, List.of(B), ""), ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "has no current MAF Client Registration", 0, 0);
    }

    @Test
    public void aSecondDeRegistrationIsNotFound_8_8_2_6() {
        String id = maf.client(A).registers();
        assertEquals(ResponseStatusCode.DELETED, maf.client(A).sends(DELETE, BASE + "/regs/" + id, null).status());
        maf.assertRefused(maf.client(A).sends(DELETE, BASE + "/regs/" + id, null), ResponseStatusCode.NOT_FOUND, "no MAF Client Registration", 0, 0);
    }

    // --- 8.8.2.7 ---

    @Test
    public void anExportedKeyIsNamedByTheHexOfItsFirst16BytesAndIsItsLast32_10_3_1() {
        MafFixture.Client a = maf.client(A);
        a.registers();
        ResponsePrimitive r = a.registersKey(32, List.of(B), ",\"lbl\":[\"door\"]");
        assertEquals(ResponseStatusCode.CREATED, r.status());
        JsonObject body = body(r);
        String expectedId = Hex.encode(Arrays.copyOfRange(a.session.exported, 0, 16));
        assertEquals(expectedId, body.get("relativeKeyID").getAsString());
        assertEquals(A, body.get("sourceMafClientID").getAsString());
        assertEquals(32, body.get("suid").getAsInt());
        assertEquals(List.of(B), List.of(body.getAsJsonArray("targetIDs").get(0).getAsString()));
        assertFalse("the key never travels back to its source", body.has("keyValue"));
        assertArrayEquals(Arrays.copyOfRange(a.session.exported, 16, 48), maf.store.keyRegistration(expectedId).orElseThrow().keyValue());
    }

    @Test
    public void aSelfGeneratedKeyIsStoredAsSentUnderAMafSelectedId_8_8_2_7() {
        MafFixture.Client a = maf.client(A);
        a.registers();
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        ResponsePrimitive r = a.registersKey(34, List.of(B, C), ",\"keyValue\":\"" + Base64.getEncoder().encodeToString(key) + "\"");
        assertEquals(ResponseStatusCode.CREATED, r.status());
        String id = body(r).get("relativeKeyID").getAsString();
        assertFalse(id.equals(Hex.encode(Arrays.copyOfRange(a.session.exported, 0, 16))));
        assertArrayEquals(key, maf.store.keyRegistration(id).orElseThrow().keyValue());
    }

    @Test
    public void aKeyRegistrationWithAnSuidThatIsNotMafDistributedIsRefused_8_8_2_7() {
        maf.client(A).registers();
        maf.assertRefused(maf.client(A).registersKey(22, List.of(B), ""), ResponseStatusCode.BAD_REQUEST, "SUID 22 is not for a MAF-distributed key", 1, 0);
    }

    @Test
    public void aSaefKeyWithTwoTargetsIsRefused_8_8_2_7() {
        maf.client(A).registers();
        maf.assertRefused(maf.client(A).registersKey(32, List.of(B, C), ""), ResponseStatusCode.BAD_REQUEST, "exactly one target", 1, 0);
    }

    @Test
    public void anEsPrimKeyWithoutTargetIsRefused_8_8_2_7() {
        maf.client(A).registers();
        maf.assertRefused(maf.client(A).registersKey(33, List.of(), ""), ResponseStatusCode.BAD_REQUEST, "exactly one target", 1, 0);
    }

    @Test
    public void anEsDataKeyWithAnEmptyTargetListIsRefused_8_8_2_7() {
        maf.client(A).registers();
        maf.assertRefused(maf.client(A).registersKey(34, List.of(), ""), ResponseStatusCode.BAD_REQUEST, "at least one", 1, 0);
    }

    @Test
    public void aTargetThatIsNotAnAbsoluteIdIsRefused_8_8_2_7() {
        maf.client(A).registers();
        maf.assertRefused(maf.client(A).registersKey(32, List.of("cse-b"), ""), ResponseStatusCode.BAD_REQUEST, "not an absolute AE-ID or CSE-ID", 1, 0);
    }

    @Test
    public void aTargetNamedTwiceIsRefused_8_8_2_7() {
        maf.client(A).registers();
        maf.assertRefused(maf.client(A).registersKey(34, List.of(B, B), ""), ResponseStatusCode.BAD_REQUEST, "names a target twice", 1, 0);
    }

    @Test
    public void aSelfGeneratedKeyOfThreeBytesIsRefused_8_8_2_7() {
        maf.client(A).registers();
        maf.assertRefused(maf.client(A).registersKey(32, List.of(B), ",\"keyValue\":\"AAEC\""), ResponseStatusCode.BAD_REQUEST, "a self-generated key is 16 to 64 bytes", 1, 0);
    }

    @Test
    public void aKeyValueThatIsNotBase64IsRefused_8_8_2_7() {
        maf.client(A).registers();
        maf.assertRefused(maf.client(A).registersKey(32, List.of(B), ",\"keyValue\":\"!!\""), ResponseStatusCode.BAD_REQUEST, "must be base64", 1, 0);
    }

    @Test
    public void anSuidBeyondAnIntIsRefusedNotTruncated_8_8_2_7() {
        MafFixture.Client a = maf.client(A);
        a.registers();
        // 2^32 + 32: Gson's getAsInt() would read 32 (SAEF) and the key would be registered.
        ResponsePrimitive r = a.sends(CREATE, BASE, "{\"sec:symmKeyReg\":{\"et\":\"" + et(Duration.ofDays(1))
                + "\",\"adminFQDN\":\"" + SP + "\",\"suid\":4294967328,\"targetIDs\":[\"" + B + "\"]}}");
        maf.assertRefused(r, ResponseStatusCode.BAD_REQUEST, "'suid' is 4294967328, beyond a 32-bit whole number", 1, 0);
    }

    @Test
    public void anUnregisteredClientCannotRegisterKeys_8_8_2_7() {
        maf.assertRefused(maf.client(A).registersKey(32, List.of(B), ""), ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "has no current MAF Client Registration", 0, 0);
    }

    @Test
    public void theSameExportedKeyCannotBeRegisteredTwice_8_8_2_7() {
        MafFixture.Client a = maf.client(A);
        a.registers();
        a.registersSaefKeyFor(B);
        maf.assertRefused(a.registersKey(32, List.of(C), ""), ResponseStatusCode.CONFLICT, "registered already", 1, 1);
    }

    // --- 8.8.2.8 ---

    @Test
    public void theListedTargetRetrievesTheKey_8_8_2_8() {
        MafFixture.Client a = maf.client(A);
        a.registers();
        maf.client(B).registers();
        String id = a.registersSaefKeyFor(B);
        ResponsePrimitive r = maf.client(B).retrieves(id.toUpperCase());
        assertEquals("RelativeKeyIDs compare without regard to case (10.6)", ResponseStatusCode.OK, r.status());
        JsonObject body = body(r);
        assertArrayEquals(Arrays.copyOfRange(a.session.exported, 16, 48), Base64.getDecoder().decode(body.get("keyValue").getAsString()));
        assertEquals(A, body.get("sourceMafClientID").getAsString());
        assertEquals(SP, body.get("adminFQDN").getAsString());
        assertEquals(32, body.get("suid").getAsInt());
        assertEquals(et(Duration.ofDays(1)), body.get("et").getAsString());
    }

    @Test
    public void keyRetrievalByUnlistedTargetIsRefused_8_8_2_8() {
        maf.client(A).registers();
        maf.client(C).registers();
        String id = maf.client(A).registersSaefKeyFor(B);
        maf.assertRefused(maf.client(C).retrieves(id), ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "is not among the targets", 2, 1);
    }

    @Test
    public void keyRetrievalByItsSourceThatIsNotListedIsRefused_8_8_2_8() {
        maf.client(A).registers();
        maf.client(C).registers();
        String id = maf.client(A).registersSaefKeyFor(B);
        maf.assertRefused(maf.client(A).retrieves(id), ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "is not among the targets", 2, 1);
    }

    @Test
    public void keyRetrievalByAListedTargetThatIsNotRegisteredIsRefused_8_8_2_8() {
        maf.client(A).registers();
        String id = maf.client(A).registersSaefKeyFor(B);
        maf.assertRefused(maf.client(B).retrieves(id), ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "has no current MAF Client Registration", 1, 1);
    }

    @Test
    public void anUnknownRelativeKeyIdIsNotFound_8_8_2_8() {
        maf.client(A).registers();
        maf.client(B).registers();
        maf.client(A).registersSaefKeyFor(B);
        maf.assertRefused(maf.client(B).retrieves("0123"), ResponseStatusCode.NOT_FOUND, "no key registration 0123", 2, 1);
    }

    @Test
    public void aMalformedRelativeKeyIdIsRefused_10_6() {
        maf.client(A).registers();
        maf.client(B).registers();
        maf.client(A).registersSaefKeyFor(B);
        maf.assertRefused(maf.client(B).retrieves("bad%20id"), ResponseStatusCode.BAD_REQUEST, "is not a RelativeKeyID", 2, 1);
    }

    @Test
    public void anExpiredKeyIsNotFound_8_8_2_8() {
        maf.client(A).registers();
        maf.client(B).registers();
        String id = maf.client(A).registersSaefKeyFor(B);
        maf.clock.advance(Duration.ofDays(1));
        maf.assertRefused(maf.client(B).retrieves(id), ResponseStatusCode.NOT_FOUND, "expired at", 2, 1);
    }

    // --- 8.8.2.9 ---

    @Test
    public void aKeyUpdateOfTheTargetsAnswersOnlyTheTargets_8_8_2_9() {
        maf.client(A).registers();
        String id = body(maf.client(A).registersKey(34, List.of(B), "")).get("relativeKeyID").getAsString();
        ResponsePrimitive r = maf.client(A).sends(UPDATE, BASE + "/keys/" + id, "{\"sec:symmKeyReg\":{\"targetIDs\":[\"" + B + "\",\"" + C + "\"]}}");
        assertEquals(ResponseStatusCode.UPDATED, r.status());
        assertEquals(Set.of("targetIDs"), body(r).keySet());
        assertEquals(List.of(B, C), maf.store.keyRegistration(id).orElseThrow().targetIds());
    }

    @Test
    public void aKeyUpdateOfTheExpirationIsShortenedToTheStakeholdersLimit_8_8_2_9() {
        maf.client(A).registers();
        String id = body(maf.client(A).registersKey(34, List.of(B), "")).get("relativeKeyID").getAsString();
        ResponsePrimitive r = maf.client(A).sends(UPDATE, BASE + "/keys/" + id, "{\"sec:symmKeyReg\":{\"et\":\"" + et(Duration.ofDays(100)) + "\"}}");
        assertEquals("shortened to the stakeholder's 30 days", et(Duration.ofDays(30)), body(r).get("et").getAsString());
    }

    @Test
    public void onlyTheSourceUpdatesItsKey_8_8_2_9() {
        maf.client(A).registers();
        String id = maf.client(A).registersSaefKeyFor(B);
        maf.assertRefused(maf.client(B).sends(UPDATE, BASE + "/keys/" + id, "{\"sec:symmKeyReg\":{\"lbl\":[]}}"), ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "only it may change it", 1, 1);
    }

    @Test
    public void aKeyUpdateFollowsTheTargetRules_8_8_2_9() {
        maf.client(A).registers();
        String id = maf.client(A).registersSaefKeyFor(B);
        maf.assertRefused(maf.client(A).sends(UPDATE, BASE + "/keys/" + id, "{\"sec:symmKeyReg\":{\"targetIDs\":[\"" + B + "\",\"" + C + "\"]}}"),
                ResponseStatusCode.BAD_REQUEST, "exactly one target", 1, 1);
        assertEquals(List.of(B), maf.store.keyRegistration(id).orElseThrow().targetIds());
    }

    @Test
    public void anEmptyKeyUpdateIsRefused_8_8_2_9() {
        maf.client(A).registers();
        String id = maf.client(A).registersSaefKeyFor(B);
        maf.assertRefused(maf.client(A).sends(UPDATE, BASE + "/keys/" + id, "{\"sec:symmKeyReg\":{}}"), ResponseStatusCode.BAD_REQUEST, "carries expirationTime", 1, 1);
    }

    // --- 8.8.2.10 ---

    @Test
    public void onlyTheSourceDeRegistersItsKey_8_8_2_10() {
        maf.client(A).registers();
        String id = maf.client(A).registersSaefKeyFor(B);
        maf.assertRefused(maf.client(B).sends(DELETE, BASE + "/keys/" + id, null), ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "only it may change it", 1, 1);
    }

    @Test
    public void afterKeyDeRegistrationNobodyRetrievesIt_8_8_2_10() {
        maf.client(A).registers();
        maf.client(B).registers();
        String id = maf.client(A).registersSaefKeyFor(B);
        assertEquals(ResponseStatusCode.DELETED, maf.client(A).sends(DELETE, BASE + "/keys/" + id, null).status());
        maf.assertRefused(maf.client(B).retrieves(id), ResponseStatusCode.NOT_FOUND, "no key registration", 2, 0);
    }

    // --- 8.8.2.7 NOTE 3: the stakeholder manages ESData targets ---

    private String registersEsDataKeyFor(String target) {
        maf.client(A).registers();
        return body(maf.client(A).registersKey(35, List.of(target), ",\"keyValue\":\"" + Base64.getEncoder().encodeToString(new byte[32]) + "\"")).get("relativeKeyID").getAsString();
    }

    private static ResponseStatusCode refusal(Runnable call) {
        try {
            call.run();
        } catch (Rejection expected) {
            return expected.status();
        }
        throw new AssertionError("not refused");
    }

    @Test
    public void theStakeholderReplacesTheTargetsOfAnEsDataKey_8_8_2_7() {
        String esData = registersEsDataKeyFor(B);
        assertEquals(List.of(C), maf.procedures.replaceTargets(SP, esData, List.of(C)).targetIds());
        assertEquals(List.of(C), maf.store.keyRegistration(esData).orElseThrow().targetIds());
    }

    @Test
    public void theStakeholderDoesNotReplaceTheTargetsOfASaefKey_8_8_2_7() {
        maf.client(A).registers();
        String saef = maf.client(A).registersSaefKeyFor(B);
        assertEquals("a SAEF key's targets are the Source's to set", ResponseStatusCode.OPERATION_NOT_ALLOWED,
                refusal(() -> maf.procedures.replaceTargets(SP, saef, List.of(C))));
    }

    @Test
    public void anotherStakeholderDoesNotReplaceTheTargetsOfAnEsDataKey_8_8_2_7() {
        String esData = registersEsDataKeyFor(B);
        maf.procedures.replaceTargets(SP, esData, List.of(C));
        assertEquals("another stakeholder's key", ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                refusal(() -> maf.procedures.replaceTargets("other.example.com", esData, List.of(B))));
        assertEquals(List.of(C), maf.store.keyRegistration(esData).orElseThrow().targetIds());
    }
}
