package org.example.onem2m.primitive;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.Test;

/** The status code table, the operations, m2m:timestamp and the primitives. */
public class VocabularyTest {

    @Test
    public void everyResponseStatusCodeIsListedOnce_TS0004_6_6_3() {
        Set<Integer> codes = new HashSet<>();
        for (ResponseStatusCode r : ResponseStatusCode.values()) {
            assertTrue("listed twice: " + r.code(), codes.add(r.code()));
            assertEquals(r, ResponseStatusCode.of(r.code()));
        }
        assertEquals(78, codes.size());
    }

    @Test
    public void theHttpStatusFollowsTheClassOfTheCode_TS0009_6_3_2() {
        for (ResponseStatusCode r : ResponseStatusCode.values()) {
            int http = r.httpStatus();
            if (r.code() < 2000) assertEquals(r.name(), 202, http);
            else if (r.code() < 3000) assertTrue(r.name(), http == 200 || http == 201);
            else if (r.code() < 5000) assertTrue(r.name(), http >= 400 && http < 500);
            else if (r.code() < 6000) assertTrue(r.name(), http >= 400 && http < 600);
        }
    }

    @Test
    public void theCodesOfTheResourceTreeHaveTheirOwnHttpStatus_TS0009_6_3_2() {
        assertEquals(403, ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE.httpStatus());
        assertEquals(409, ResponseStatusCode.CONFLICT.httpStatus());
        assertEquals(415, ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE.httpStatus());
        assertEquals(406, ResponseStatusCode.NOT_ACCEPTABLE.httpStatus());
    }

    @Test
    public void anUndefinedCodeIsRefused_TS0004_6_6_3() {
        assertThrows(IllegalArgumentException.class, () -> ResponseStatusCode.of(4999));
    }

    @Test
    public void onlyTheSuccessClassIsSuccess_TS0004_6_6_3_3() {
        assertTrue(ResponseStatusCode.DELETED.isSuccess());
        assertFalse(ResponseStatusCode.ACCEPTED.isSuccess());
        assertFalse(ResponseStatusCode.NOT_FOUND.isSuccess());
    }

    @Test
    public void operationsMapToHttpMethods_TS0009_6_2_1() {
        assertEquals(Operation.CREATE, Operation.ofHttpMethod("POST"));
        assertEquals(Operation.RETRIEVE, Operation.ofHttpMethod("GET"));
        assertEquals(Operation.UPDATE, Operation.ofHttpMethod("PUT"));
        assertEquals(Operation.DELETE, Operation.ofHttpMethod("DELETE"));
    }

    @Test
    public void theUpdateOperationHasCode3() {
        assertEquals(3, Operation.UPDATE.code());
    }

    @Test
    public void aMethodWithoutOperationIsOperationNotAllowed4005_TS0009_6_2_1() {
        PrimitiveException e = assertThrows(PrimitiveException.class, () -> Operation.ofHttpMethod("PATCH"));
        assertEquals(ResponseStatusCode.OPERATION_NOT_ALLOWED, e.status());
        assertTrue(e.getMessage(), e.getMessage().contains("PATCH"));
    }

    @Test
    public void aTimestampIsFormattedInBasicIsoInUtcWithWholeSeconds_TS0004_6_3_3() {
        assertEquals("20301231T235959", M2mTimestamp.format(Instant.parse("2030-12-31T23:59:59.750Z")));
    }

    @Test
    public void aBasicIsoTimestampIsParsedAsUtc_TS0004_6_3_3() {
        assertEquals(Instant.parse("2030-12-31T23:59:59Z"), M2mTimestamp.parse("20301231T235959"));
    }

    @Test
    public void aTimestampWithAFractionAndATrailingZIsParsed() {
        Instant t = Instant.parse("2030-12-31T23:59:59.750Z");
        assertEquals(t, M2mTimestamp.parse("20301231T235959,75Z"));
        assertEquals(t, M2mTimestamp.parse("20301231T235959.750"));
    }

    @Test
    public void anExtendedIsoTimestampIsRefused_TS0004_6_3_3() {
        assertThrows(java.time.format.DateTimeParseException.class, () -> M2mTimestamp.parse("2030-12-31T23:59:59"));
    }

    @Test
    public void anErrorAnswerCarriesItsMessageInDebugInfo() {
        ResponsePrimitive r = new PrimitiveException(ResponseStatusCode.CONFLICT, "say \"why\"").toResponse("rq-1");
        assertEquals(ResponseStatusCode.CONFLICT, r.status());
        assertEquals("rq-1", r.requestId());
        assertEquals("{\"m2m:dbg\":\"say \\\"why\\\"\"}", r.content());
        assertEquals("say \"why\"", r.debugMessage());
        assertEquals("CONFLICT (4105): say \"why\"", r.toString());
    }

    @Test
    public void aSuccessfulAnswerNeverPrintsItsContent() {
        ResponsePrimitive r = new ResponsePrimitive(ResponseStatusCode.OK, "rq", "{\"keyValue\":\"c2VjcmV0\"}", null);
        assertFalse(r.toString(), r.toString().contains("c2VjcmV0"));
    }

    @Test
    public void aRequestKeepsWhatItWasBuiltWith() {
        RequestPrimitive r = RequestPrimitive.of(Operation.CREATE, "/in-cse/in-name/n1").from("CAdmin").requestId("7")
                .resourceType(13).content("{}").resultContent(1).build();
        assertEquals("/in-cse/in-name/n1", r.to());
        assertEquals("CAdmin", r.from());
        assertEquals(Integer.valueOf(13), r.resourceType());
        assertEquals(Integer.valueOf(1), r.resultContent());
        assertEquals("CREATE /in-cse/in-name/n1 rqi=7", r.toString());
    }
}
