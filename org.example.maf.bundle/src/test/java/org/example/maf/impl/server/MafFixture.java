package org.example.maf.impl.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.example.maf.impl.protocol.MafFunction;
import org.example.onem2m.primitive.M2mTimestamp;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.tef.core.Stakeholder;
import org.example.tef.core.Stakeholders;
import org.example.tef.core.TefProcedures;
import org.example.tef.impl.store.InMemoryRegistrationStore;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A MAF with one stakeholder, and its clients as the procedures see them after the handshake:
 * {@code maf.client(A).registers()}, {@code maf.client(A).sends(CREATE, ...)}.
 */
final class MafFixture {
    static final String MAF = "maf.example.com";
    static final String SP = "sp.example.com";
    static final String A = "//sp.example.com/cse-a";
    static final String B = "//sp.example.com/cse-b";
    static final String C = "//sp.example.com/cse-c";
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    final MovableClock clock = new MovableClock(T0);
    final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    final Stakeholders stakeholders = new Stakeholders();
    final TefProcedures procedures = new TefProcedures(MafFunction.DEFINITION, MAF, store, stakeholders, clock);

    MafFixture() {
        stakeholders.put(new Stakeholder(SP, Set.of(A, B, C), Duration.ofDays(365), Duration.ofDays(30), "{\"keyRegLabels\":[\"x\"]}"));
    }

    Client client(String id) { return new Client(new FakeSession(id)); }

    static String et(Duration fromT0) { return M2mTimestamp.format(T0.plus(fromT0)); }

    final class Client {
        final FakeSession session;

        Client(FakeSession session) { this.session = session; }

        ResponsePrimitive sends(Operation op, String to, String content) {
            return procedures.handle(session, RequestPrimitive.of(op, to).from("informational").requestId(UUID.randomUUID().toString()).content(content).build());
        }

        String registers() {
            ResponsePrimitive r = sends(Operation.CREATE, "/" + MAF + "/mafBase",
                    "{\"sec:mafClientReg\":{\"et\":\"" + et(Duration.ofDays(10)) + "\",\"adminFQDN\":\"" + SP + "\"}}");
            assertEquals(r.toString(), ResponseStatusCode.CREATED, r.status());
            return body(r).get("mafClientRegID").getAsString();
        }

        ResponsePrimitive registersKey(int suid, List<String> targets, String extra) {
            StringBuilder t = new StringBuilder("[");
            for (int i = 0; i < targets.size(); i++) t.append(i == 0 ? "" : ",").append('"').append(targets.get(i)).append('"');
            t.append(']');
            return sends(Operation.CREATE, "/" + MAF + "/mafBase", "{\"sec:symmKeyReg\":{\"et\":\"" + et(Duration.ofDays(1))
                    + "\",\"adminFQDN\":\"" + SP + "\",\"suid\":" + suid + ",\"targetIDs\":" + t + extra + "}}");
        }

        String registersSaefKeyFor(String target) {
            ResponsePrimitive r = registersKey(32, List.of(target), "");
            assertEquals(r.toString(), ResponseStatusCode.CREATED, r.status());
            return body(r).get("relativeKeyID").getAsString();
        }

        ResponsePrimitive retrieves(String relativeKeyId) {
            return sends(Operation.RETRIEVE, "/" + MAF + "/mafBase/keys/" + relativeKeyId, null);
        }
    }

    static JsonObject body(ResponsePrimitive r) {
        JsonObject o = JsonParser.parseString(r.content()).getAsJsonObject();
        return o.getAsJsonObject(o.keySet().iterator().next());
    }

    /** Asserts the refusal and that the registry is as it was. */
    void assertRefused(ResponsePrimitive r, ResponseStatusCode rsc, String because, long clients, long keys) {
        assertEquals(r.toString(), rsc, r.status());
        assertTrue("'" + r.debugMessage() + "' should say '" + because + "'", r.debugMessage().contains(because));
        assertEquals("client registrations unchanged", clients, store.clientRegistrationCount());
        assertEquals("key registrations unchanged", keys, store.keyRegistrationCount());
    }

    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) { this.now = now; }

        void advance(Duration d) { now = now.plus(d); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
