package org.example.maf.impl.client;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.example.maf.api.ClientRegistrationInfo;
import org.example.maf.api.KeyRegistrationRequest;
import org.example.maf.api.KeyRegistrationUpdate;
import org.example.maf.api.MafException;
import org.example.maf.api.MafKey;
import org.example.tef.api.KeyExport;
import org.junit.After;
import org.junit.Test;

/**
 * The MAF Client against a MAF that answers wrongly (TS-0003 8.8.2.x tables): every answer it cannot use is a
 * MafException with a status code and a message naming the procedure and the fault, never an unchecked exception.
 * Each test first shows the same exchange works with a correct answer where that is not obvious.
 */
public class MafClientAnswersTest {
    private static final String SP = "sp.example.com";
    private static final String ET = "20300101T000000";
    private static final String REGISTRATION = "{\"sec:mafClientReg\":{\"mafClientRegID\":\"mcr-1\",\"et\":\"" + ET
            + "\",\"mafClientID\":\"" + FakeMaf.CLIENT_ID + "\",\"adminFQDN\":\"" + SP + "\"}}";
    private static final String KEY = "{\"sec:symmKeyReg\":{\"et\":\"" + ET + "\",\"sourceMafClientID\":\"//sp.example.com/cse-b\","
            + "\"adminFQDN\":\"" + SP + "\",\"suid\":32,\"keyValue\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\"}}";
    private static final Instant LATER = Instant.now().plus(Duration.ofDays(1));

    private final FakeMaf maf;
    private final MafClientImpl client;

    public MafClientAnswersTest() throws IOException {
        maf = new FakeMaf();
        client = maf.client();
    }

    @After
    public void stop() throws IOException { maf.close(); }

    private MafException registrationFails() throws InterruptedException {
        try {
            client.register(SP, LATER, List.of());
        } catch (MafException e) {
            return e;
        }
        throw new AssertionError("the registration should have failed");
    }

    private static void assertFails(MafException e, int rsc, String... saying) {
        assertEquals(e.getMessage(), rsc, e.rsc());
        for (String s : saying) assertTrue("'" + e.getMessage() + "' should say '" + s + "'", e.getMessage().contains(s));
    }

    // --- 8.8.2.3: the registration answer, table 8.8.2.3-2 ---

    @Test
    public void aCorrectRegistrationAnswerIsRead_8_8_2_3() throws Exception {
        maf.answers(201, "2001", REGISTRATION);
        ClientRegistrationInfo info = client.register(SP, LATER, List.of());
        assertEquals("mcr-1", info.registrationId);
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), info.expirationTime);
        String sent = maf.requests.poll(5, TimeUnit.SECONDS).requestLine;
        assertEquals("POST /~/maf.example.com/mafBase HTTP/1.1", sent);
    }

    @Test
    public void aRegistrationAnswerThatIsNotJsonIsAMafExceptionWith5000_8_8_2_3() throws Exception {
        maf.answers(201, "2001", "{\"sec:mafClientReg\":{\"mafClientRegID\":");
        assertFails(registrationFails(), 5000, "MAF Client Registration (TS-0003 8.8.2.3)", "not understood", "not valid JSON");
    }

    @Test
    public void aRegistrationAnswerWithoutMafClientRegIdIsAMafExceptionWith5000_8_8_2_3() throws Exception {
        maf.answers(201, "2001", REGISTRATION.replace("\"mafClientRegID\":\"mcr-1\",", ""));
        assertFails(registrationFails(), 5000, "missing attribute 'mafClientRegID'");
    }

    @Test
    public void aRegistrationAnswerWithAnUnparsableExpirationTimeIsAMafExceptionWith5000_8_8_2_3() throws Exception {
        maf.answers(201, "2001", REGISTRATION.replace(ET, "2030-01-01 midnight"));
        assertFails(registrationFails(), 5000, "'et' must be an m2m:timestamp", "2030-01-01 midnight");
    }

    @Test
    public void aRegistrationAnswerWithoutContentIsAMafExceptionWith5000_8_8_2_3() throws Exception {
        maf.answers(201, "2001", "");
        assertFails(registrationFails(), 5000, "no content");
    }

    @Test
    public void aRegistrationIdThatCannotBeAPathSegmentIsRefused_8_8_2_3() throws Exception {
        maf.answers(201, "2001", REGISTRATION.replace("mcr-1", "../keys/x"));
        assertFails(registrationFails(), 5000, "'mafClientRegID' is not [A-Za-z0-9._-]+");
    }

    @Test
    public void aRegistrationForAnotherStakeholderIsNotTakenForThisOne_8_8_2_3() throws Exception {
        maf.answers(201, "2001", REGISTRATION.replace(SP, "other.example.com"));
        assertFails(registrationFails(), 5000, "registered for other.example.com, not sp.example.com");
    }

    @Test
    public void aSuccessStatusTheProcedureDoesNotAnswerIsAMafExceptionWith5000_8_8_2_3() throws Exception {
        maf.answers(200, "2000", REGISTRATION);
        assertFails(registrationFails(), 5000, "its status is 2000 (OK); this procedure answers 2001 (CREATED)");
    }

    @Test
    public void anAnswerToAnotherRequestIsAMafExceptionWith5000() throws Exception {
        maf.answersRaw(r -> FakeMaf.answer(201, "2001", "some-other-request", REGISTRATION));
        assertFails(registrationFails(), 5000, "it answers request 'some-other-request'", "(X-M2M-RI)");
    }

    @Test
    public void aRefusalCarriesTheMafsStatusCodeByNameAndMessage_TS0004_6_6_3_5() throws Exception {
        maf.answers(403, "4103", "{\"m2m:dbg\":\"administrating stakeholder sp.example.com has not authorized you\"}");
        assertFails(registrationFails(), 4103, "refused with 4103 (ORIGINATOR_HAS_NO_PRIVILEGE)", "has not authorized you");
    }

    @Test
    public void aRefusalWithoutAMessageCarriesTheMafsStatusCode_TS0004_6_6_3_5() throws Exception {
        maf.answers(404, "4004", "");
        assertFails(registrationFails(), 4004, "(the MAF gave no message)");
    }

    // The MAF answered, so the fault is the receiver's (5000), not a missing answer (0): tef's MalformedAnswerException.

    @Test
    public void anUnknownStatusCodeIsAnAnswerNotUnderstood() throws Exception {
        maf.answers(201, "2999", REGISTRATION);
        assertFails(registrationFails(), 5000, "not understood", "unknown response status code 2999");
    }

    @Test
    public void aStatusCodeThatIsNoNumberIsAnAnswerNotUnderstood() throws Exception {
        maf.answers(201, "created", REGISTRATION);
        assertFails(registrationFails(), 5000, "not understood");
    }

    @Test
    public void anAnswerWithoutStatusCodeIsAnAnswerNotUnderstood() throws Exception {
        maf.answers(201, null, REGISTRATION);
        assertFails(registrationFails(), 5000, "no X-M2M-RSC");
    }

    @Test
    public void anAnswerThatIsNotHttpIsAnAnswerNotUnderstood() throws Exception {
        maf.answersRaw(r -> "this is not HTTP\r\n\r\n");
        assertFails(registrationFails(), 5000, "not understood");
    }

    // --- 8.8.2.4 ---

    @Test
    public void aConfigurationIsTheWrappedObject_8_8_2_4() throws Exception {
        maf.answers(200, "2000", "{\"sec:mafClientCfg\":{\"keyRegLabels\":[\"x\"]}}");
        assertEquals("{\"sec:mafClientCfg\":{\"keyRegLabels\":[\"x\"]}}", client.retrieveConfiguration("mcr-1"));
    }

    @Test
    public void aConfigurationThatIsNotTheWrappedObjectIsAMafExceptionWith5000_8_8_2_4() throws Exception {
        maf.answers(200, "2000", "[\"keyRegLabels\"]");
        try {
            client.retrieveConfiguration("mcr-1");
            fail("a configuration that is not {\"sec:mafClientCfg\":{...}} is not one");
        } catch (MafException e) {
            assertFails(e, 5000, "MAF Client Configuration Retrieval (TS-0003 8.8.2.4)", "single member");
        }
    }

    // --- 8.8.2.7 ---

    @Test
    public void aKeyRegistrationAnswerNamingTheExportedKeyGivesTheExportedKc_10_3_1() throws Exception {
        maf.answersRaw(r -> FakeMaf.answer(r, 201, "2001", "{\"sec:symmKeyReg\":{\"relativeKeyID\":\""
                + KeyExport.split(r.exported).relativeKeyId() + "\",\"et\":\"" + ET + "\",\"sourceMafClientID\":\"" + FakeMaf.CLIENT_ID
                + "\",\"adminFQDN\":\"" + SP + "\",\"suid\":32,\"targetIDs\":[\"//sp.example.com/cse-b\"]}}"));
        MafKey key = client.registerKey(KeyRegistrationRequest.exported(SP, LATER, 32, List.of("//sp.example.com/cse-b"), List.of()));
        assertArrayEquals("the key is the exported Kc (10.3.1)", KeyExport.split(maf.requests.poll(5, TimeUnit.SECONDS).exported).key(), key.value());
    }

    @Test
    public void aKeyRegistrationAnswerNamingAnotherExportedKeyIsAMafExceptionWith5000_8_8_2_7() throws Exception {
        maf.answers(201, "2001", "{\"sec:symmKeyReg\":{\"relativeKeyID\":\"00000000000000000000000000000000\",\"et\":\"" + ET
                + "\",\"sourceMafClientID\":\"" + FakeMaf.CLIENT_ID + "\",\"adminFQDN\":\"" + SP + "\",\"suid\":32,\"targetIDs\":[]}}");
        try {
            client.registerKey(KeyRegistrationRequest.exported(SP, LATER, 32, List.of("//sp.example.com/cse-b"), List.of()));
            fail("the MAF and this side must agree on the exported key");
        } catch (MafException e) {
            assertFails(e, 5000, "MAF Key Registration (TS-0003 8.8.2.7)", "but this side exported");
        }
        assertFalse(client.heldKey("00000000000000000000000000000000@" + FakeMaf.FQDN).isPresent());
    }

    // --- 8.8.2.8: the retrieval answer, table 8.8.2.8-2 ---

    private MafException retrievalFails() {
        try {
            client.retrieveKey("k1@" + FakeMaf.FQDN);
        } catch (MafException e) {
            return e;
        }
        throw new AssertionError("the retrieval should have failed");
    }

    @Test
    public void aCorrectRetrievalAnswerIsRead_8_8_2_8() throws Exception {
        maf.answers(200, "2000", KEY);
        MafKey key = client.retrieveKey("k1@" + FakeMaf.FQDN);
        assertEquals(32, key.value().length);
        assertEquals(32, key.suid);
    }

    @Test
    public void aRetrievalAnswerWithAKeyValueThatIsNotBase64IsAMafExceptionWith5000_8_8_2_8() {
        maf.answers(200, "2000", KEY.replace("AAECAwQF", "not base64!"));
        assertFails(retrievalFails(), 5000, "MAF Key Retrieval (TS-0003 8.8.2.8)", "'keyValue' must be base64");
        assertFalse(client.heldKey("k1@" + FakeMaf.FQDN).isPresent());
    }

    @Test
    public void aRetrievalAnswerWithoutAKeyValueIsAMafExceptionWith5000_8_8_2_8() {
        maf.answers(200, "2000", KEY.replaceAll(",\"keyValue\":\"[^\"]*\"", ""));
        assertFails(retrievalFails(), 5000, "missing attribute 'keyValue'");
    }

    @Test
    public void aRetrievalAnswerWithAnSuidThatIsAStringIsAMafExceptionWith5000_8_8_2_8() {
        maf.answers(200, "2000", KEY.replace("\"suid\":32", "\"suid\":\"32\""));
        assertFails(retrievalFails(), 5000, "'suid' must be a whole number");
    }

    @Test
    public void aRetrievalAnswerWithAnSuidBeyondAnIntIsAMafExceptionWith5000_8_8_2_8() {
        maf.answers(200, "2000", KEY.replace("\"suid\":32", "\"suid\":4294967328"));
        assertFails(retrievalFails(), 5000, "'suid' is 4294967328, beyond a 32-bit whole number");
    }

    @Test
    public void aRetrievalAnswerWithAnAttributeOfAnotherTableIsAMafExceptionWith5000_8_8_2_8() {
        maf.answers(200, "2000", KEY.replace("\"suid\":32", "\"suid\":32,\"targetIDs\":[]"));
        assertFails(retrievalFails(), 5000, "unknown attribute 'targetIDs'");
    }

    // --- 8.8.2.9: the update answer, table 8.8.2.9-2 ---

    @Test
    public void anUpdateAnswerWithAnUnparsableExpirationTimeIsAMafExceptionAndTheHeldKeyIsUnchanged_8_8_2_9() throws Exception {
        maf.answers(200, "2000", KEY);
        MafKey held = client.retrieveKey("k1@" + FakeMaf.FQDN);
        maf.answers(200, "2004", "{\"sec:symmKeyReg\":{\"et\":\"soon\"}}");
        try {
            client.updateKey("k1", LATER, null, null);
            fail("an unreadable update answer is not an update");
        } catch (MafException e) {
            assertFails(e, 5000, "MAF Key Registration Update (TS-0003 8.8.2.9)", "'et' must be an m2m:timestamp");
        }
        assertEquals(held.expirationTime, client.heldKey("k1@" + FakeMaf.FQDN).get().expirationTime);
    }

    @Test
    public void anUpdateOfAKeyThisClientDoesNotHoldGivesOnlyWhatTheMafAnswered_8_8_2_9() throws Exception {
        maf.answers(200, "2004", "{\"sec:symmKeyReg\":{\"et\":\"20290101T000000\"}}");
        KeyRegistrationUpdate update = client.updateKey("k9", LATER, null, null);
        assertEquals("k9@" + FakeMaf.FQDN, update.keyIdentifier);
        assertEquals(Instant.parse("2029-01-01T00:00:00Z"), update.expirationTime().get());
        assertFalse(update.labels().isPresent());
        assertFalse(update.targetIds().isPresent());
        assertFalse("this client never held k9", update.heldKey().isPresent());
    }

    // --- identifiers the caller gives ---

    private static final String[] NO_PATH_SEGMENTS = {"../regs/mcr-1", "a b", "", null};

    @Test
    public void aRelativeKeyIdThatIsNoSecRelKeyIdIsNotSent_12_2() throws Exception {
        for (String bad : NO_PATH_SEGMENTS) {
            try {
                client.deregisterKey(bad);
                fail("'" + bad + "' is not a RelativeKeyID");
            } catch (MafException e) {
                assertFails(e, 4000, "MAF Key De-Registration (TS-0003 8.8.2.10)", "nothing was sent");
            }
        }
        assertNull("the MAF saw no request", maf.requests.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    public void aClientRegistrationIdThatCannotBeAPathSegmentIsNotSent() throws Exception {
        for (String bad : NO_PATH_SEGMENTS) {
            try {
                client.deregister(bad);
                fail("'" + bad + "' is not a mafClientRegID");
            } catch (MafException e) {
                assertFails(e, 4000, "MAF Client De-Registration (TS-0003 8.8.2.6)");
            }
        }
        assertNull("the MAF saw no request", maf.requests.poll(200, TimeUnit.MILLISECONDS));
    }
}
