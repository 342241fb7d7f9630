package org.example.mef.impl.commands;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.example.mef.impl.protocol.MefFunction;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.junit.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** RETRIEVE and UPDATE of {@code /<MEF-FQDN>/mefBase/regs/<ID>/cmd} (TS-0003 8.3.9.2, 8.3.9.3). */
public class CommandProceduresTest {
    static final String MEF = "mef.example.com";
    static final String REG = "mfr-0123456789ab";
    static final String CLIENT = "//sp.example.com/cse-a";

    private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final CommandQueue queue = new CommandQueue(new InMemoryCommandStore(), clock, MEF, Duration.ofMinutes(30));
    /** REG is CLIENT's; "mfr-b" another client's; every other ID unknown or expired. */
    private final CommandProcedures procedures = new CommandProcedures(MEF, queue,
            id -> Optional.ofNullable(Map.of(REG, CLIENT, "mfr-b", "//sp.example.com/cse-b").get(id)));

    private static RequestPrimitive request(Operation op, String registrationId, String content) {
        return RequestPrimitive.of(op, MefFunction.command(MEF, registrationId)).requestId("rq-1").from(CLIENT).content(content).build();
    }

    private static RequestPrimitive update(String cmdId, Object statusCode) {
        return request(Operation.UPDATE, REG, "{\"sec:mefClientCmd\":{\"cmdID\":\"" + cmdId + "\",\"cmdStatusCode\":" + statusCode + "}}");
    }

    private static JsonObject command(ResponsePrimitive response) {
        return JsonParser.parseString(response.content()).getAsJsonObject().getAsJsonObject(MefFunction.CLIENT_CMD);
    }

    @Test
    public void aRetrieveAnswersOkWithTheIssuedCommand_8_3_9_2() {
        queue.enqueue(REG, CommandDataTypesTest.CERT_PROV);
        ResponsePrimitive response = procedures.handle(CLIENT, request(Operation.RETRIEVE, REG, null));
        assertEquals(ResponseStatusCode.OK, response.status());
        assertEquals("rq-1", response.requestId());
        JsonObject cmd = command(response);
        assertEquals("1", cmd.get("cmdID").getAsString());
        assertEquals(10, cmd.get("cmdStatusCode").getAsInt());
        assertEquals(CommandDataTypesTest.CERT_PROV, CommandDescription.fromJson(cmd.getAsJsonObject("cmdDescription")));
        assertEquals(11, command(procedures.handle(CLIENT, request(Operation.RETRIEVE, REG, null))).get("cmdStatusCode").getAsInt());
    }

    @Test
    public void anUpdateAnswersUpdatedWithTheNextCommand_8_3_9_3() {
        queue.enqueue(REG, CommandDataTypesTest.CERT_PROV);
        procedures.handle(CLIENT, request(Operation.RETRIEVE, REG, null));
        ResponsePrimitive response = procedures.handle(CLIENT, update("1", 20));
        assertEquals(ResponseStatusCode.UPDATED, response.status());
        JsonObject cmd = command(response);
        assertEquals("0", cmd.get("cmdID").getAsString());
        assertEquals("PT30M", cmd.getAsJsonObject("cmdDescription").getAsJsonObject("cmdArgs").getAsJsonObject("noMoreCmdArgs")
                .get("retryDuration").getAsString());
        assertEquals(CommandStatus.OK, queue.commands(REG).get(0).status().orElseThrow());
    }

    @Test
    public void aMismatchedUpdateIsStillAnsweredWithTheCurrentCommand_8_3_9_3_2b() {
        queue.enqueue(REG, CommandDataTypesTest.CERT_PROV);
        procedures.handle(CLIENT, request(Operation.RETRIEVE, REG, null));
        ResponsePrimitive response = procedures.handle(CLIENT, update("9", 20));
        assertEquals(ResponseStatusCode.UPDATED, response.status());
        assertEquals("1", command(response).get("cmdID").getAsString());
        assertEquals(11, command(response).get("cmdStatusCode").getAsInt());
        assertFalse(queue.commands(REG).get(0).isFinished());
    }

    @Test
    public void aMalformedUpdateIsBadRequest_8_3_9_3_2a() {
        queue.enqueue(REG, CommandDataTypesTest.CERT_PROV);
        procedures.handle(CLIENT, request(Operation.RETRIEVE, REG, null));
        List<Command> before = queue.commands(REG);
        Map<String, RequestPrimitive> malformed = Map.of(
                "MEF_CLIENT_CMD_ISSUED", update("1", 10),
                "cmdStatusCode 99", update("1", 99),
                "whole number", update("1", "\"20\""),
                "missing attribute 'cmdID'", request(Operation.UPDATE, REG, "{\"sec:mefClientCmd\":{\"cmdStatusCode\":20}}"),
                "missing attribute 'cmdStatusCode'", request(Operation.UPDATE, REG, "{\"sec:mefClientCmd\":{\"cmdID\":\"1\"}}"),
                "unknown attribute 'cmdDescription'", request(Operation.UPDATE, REG,
                        "{\"sec:mefClientCmd\":{\"cmdID\":\"1\",\"cmdStatusCode\":20,\"cmdDescription\":{}}}"),
                "sec:mefClientReg", request(Operation.UPDATE, REG, "{\"sec:mefClientReg\":{\"cmdID\":\"1\",\"cmdStatusCode\":20}}"),
                "not valid JSON", request(Operation.UPDATE, REG, "{\"sec:mefClientCmd\":{\"cmdID\":\"1\",\"cmdStatusCode\":20}"),
                "no content", request(Operation.UPDATE, REG, null));
        for (Map.Entry<String, RequestPrimitive> e : malformed.entrySet()) {
            ResponsePrimitive response = procedures.handle(CLIENT, e.getValue());
            assertEquals(e.getKey(), ResponseStatusCode.BAD_REQUEST, response.status());
            assertTrue(e.getKey() + " in: " + response.debugMessage(), response.debugMessage().contains(e.getKey()));
        }
        assertEquals(before, queue.commands(REG)); // nothing changed, not even a reissue
    }

    @Test
    public void anUnknownRegistrationIsNotFoundAndAnotherClientsIsRefused_8_3_9_1() {
        queue.enqueue("mfr-b", CommandDataTypesTest.CERT_PROV);
        ResponsePrimitive unknown = procedures.handle(CLIENT, request(Operation.RETRIEVE, "mfr-gone", null));
        assertEquals(ResponseStatusCode.NOT_FOUND, unknown.status());
        assertTrue(unknown.debugMessage().contains("mfr-gone"));
        ResponsePrimitive foreign = procedures.handle(CLIENT, request(Operation.RETRIEVE, "mfr-b", null));
        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, foreign.status());
        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, procedures.handle(CLIENT,
                request(Operation.UPDATE, "mfr-b", "{\"sec:mefClientCmd\":{\"cmdID\":\"1\",\"cmdStatusCode\":20}}")).status());
        // the other client's command was not handed out to this one
        assertFalse(queue.commands("mfr-b").get(0).status().isPresent());
        assertEquals(ResponseStatusCode.ORIGINATOR_NOT_AUTHENTICATED, procedures.handle(null, request(Operation.RETRIEVE, REG, null)).status());
    }

    @Test
    public void otherOperationsAreNotAllowed_8_3_9() {
        for (Operation op : new Operation[] {Operation.CREATE, Operation.DELETE}) {
            ResponsePrimitive response = procedures.handle(CLIENT, request(op, REG, "{}"));
            assertEquals(op.name(), ResponseStatusCode.OPERATION_NOT_ALLOWED, response.status());
            assertTrue(response.debugMessage().contains(op.name()));
        }
    }

    @Test
    public void onlyTheCmdChildOfARegistrationOfThisMefIsACommandTarget() {
        assertEquals(Optional.of(REG), procedures.commandTarget(request(Operation.RETRIEVE, REG, null)));
        assertEquals(Optional.of(REG), procedures.commandTarget(RequestPrimitive.of(Operation.RETRIEVE, "/MEF.example.com/mefBase/regs/" + REG + "/cmd").build()));
        for (String other : new String[] {MefFunction.registration(MEF, REG), MefFunction.command("other.example.com", REG),
                "/" + MEF + "/mafBase/regs/" + REG + "/cmd", MefFunction.command(MEF, REG) + "/x", "/" + MEF + "/mefBase/keys/" + REG + "/cmd"}) {
            RequestPrimitive r = RequestPrimitive.of(Operation.RETRIEVE, other).build();
            assertEquals(other, Optional.empty(), procedures.commandTarget(r));
            assertEquals(other, ResponseStatusCode.NOT_FOUND, procedures.handle(CLIENT, r).status());
        }
    }
}
