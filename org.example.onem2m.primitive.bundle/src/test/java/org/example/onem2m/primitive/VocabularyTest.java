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
        assertEquals(81, codes.size());
    }

    @Test
    public void informationalAndSuccessfulCodesMapTo2xx_TS0009_6_3_2() {
        for (ResponseStatusCode r : ResponseStatusCode.values()) {
            if (r.code() < 2000) assertEquals(r.name(), 202, r.httpStatus());
        }
        assertEquals(200, ResponseStatusCode.OK.httpStatus());
        assertEquals(201, ResponseStatusCode.CREATED.httpStatus());
        assertEquals(200, ResponseStatusCode.DELETED.httpStatus());
        assertEquals(200, ResponseStatusCode.UPDATED.httpStatus());
    }

    @Test
    public void theCodesOfTheResourceTreeHaveTheirOwnHttpStatus_TS0009_6_3_2() {
        assertEquals(400, ResponseStatusCode.BAD_REQUEST.httpStatus());
        assertEquals(400, ResponseStatusCode.CONTENTS_UNACCEPTABLE.httpStatus());
        assertEquals(403, ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE.httpStatus());
        assertEquals(404, ResponseStatusCode.NOT_FOUND.httpStatus());
        assertEquals(405, ResponseStatusCode.OPERATION_NOT_ALLOWED.httpStatus());
        assertEquals(409, ResponseStatusCode.CONFLICT.httpStatus());
        assertEquals(415, ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE.httpStatus());
        assertEquals(406, ResponseStatusCode.NOT_ACCEPTABLE.httpStatus());
        assertEquals(500, ResponseStatusCode.INTERNAL_SERVER_ERROR.httpStatus());
        assertEquals(501, ResponseStatusCode.NOT_IMPLEMENTED.httpStatus());
    }

    @Test
    public void someOriginatorErrorsMapTo5xx_TS0009_6_3_2() {
        assertEquals(501, ResponseStatusCode.RELEASE_VERSION_NOT_SUPPORTED.httpStatus());
        assertEquals(501, ResponseStatusCode.SPECIALIZATION_SCHEMA_NOT_FOUND.httpStatus());
        assertEquals(504, ResponseStatusCode.REQUEST_TIMEOUT.httpStatus());
        assertEquals(403, ResponseStatusCode.APP_RULE_VALIDATION_FAILED.httpStatus());
    }

    @Test
    public void someReceiverErrorsMapTo4xx_TS0009_6_3_2() {
        assertEquals(403, ResponseStatusCode.TARGET_HAS_NO_SESSION_CAPABILITY.httpStatus());
        assertEquals(403, ResponseStatusCode.SESSION_IS_ONLINE.httpStatus());
        assertEquals(403, ResponseStatusCode.TRIGGERING_DISABLED_FOR_RECIPIENT.httpStatus());
        assertEquals(403, ResponseStatusCode.TRANSACTION_PROCESSING_IS_INCOMPLETE.httpStatus());
        assertEquals(409, ResponseStatusCode.UNABLE_TO_REPLACE_REQUEST.httpStatus());
        assertEquals(409, ResponseStatusCode.UNABLE_TO_RECALL_REQUEST.httpStatus());
        assertEquals(404, ResponseStatusCode.TARGET_NOT_REACHABLE.httpStatus());
    }

    @Test
    public void theNetworkSystemErrorsHaveTheirHttpStatus_TS0009_6_3_2() {
        assertEquals(404, ResponseStatusCode.EXTERNAL_OBJECT_NOT_REACHABLE.httpStatus());
        assertEquals(400, ResponseStatusCode.MAX_NUMBER_OF_MEMBER_EXCEEDED.httpStatus());
        assertEquals(500, ResponseStatusCode.MGMT_SESSION_CANNOT_BE_ESTABLISHED.httpStatus());
        assertEquals(409, ResponseStatusCode.ALREADY_COMPLETE.httpStatus());
        assertEquals(409, ResponseStatusCode.MGMT_COMMAND_NOT_CANCELLABLE.httpStatus());
        assertEquals(504, ResponseStatusCode.EXTERNAL_OBJECT_NOT_REACHABLE_BEFORE_RQET_TIMEOUT.httpStatus());
        assertEquals(504, ResponseStatusCode.EXTERNAL_OBJECT_NOT_REACHABLE_BEFORE_OET_TIMEOUT.httpStatus());
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
