package org.example.mgmtobj.impl.tree;

import org.example.onem2m.primitive.M2mTimestamp;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.mgmtobj.impl.store.ResourceStore;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A resource tree on a recording store and a hand-moved clock, with the operator's requests spelt out:
 * {@code tree.asAdmin().create(NODE, "{...}")}.
 */
final class TreeFixture {
    static final String ADMIN = "CAdmin";
    static final String CSE = "/in-cse/in-name";
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final RecordingStore store;
    final List<MgmtObjEvent> events = new CopyOnWriteArrayList<>();
    final ResourceTreeEngine engine;
    private String originator = ADMIN;

    private final TreeConfig config;

    TreeFixture() { this(new RecordingStore()); }

    TreeFixture(RecordingStore store) { this(store, new TreeConfig("in-cse", "in-name", Set.of(ADMIN))); }

    TreeFixture(TreeConfig config) { this(new RecordingStore(), config); }

    private TreeFixture(RecordingStore store, TreeConfig config) {
        this.store = store;
        this.config = config;
        this.engine = newEngine(store);
    }

    ResourceTreeEngine newEngine(ResourceStore s) {
        return new ResourceTreeEngine(config, s, drafts -> drafts.forEach(d -> events.add(d.event())), clock);
    }

    TreeFixture asAdmin() { originator = ADMIN; return this; }
    TreeFixture as(String from) { originator = from; return this; }

    ResponsePrimitive create(String parent, int ty, String json) {
        return engine.handle(RequestPrimitive.of(Operation.CREATE, parent).from(originator).requestId("rq").resourceType(ty).content(json).build());
    }

    ResponsePrimitive createNode(String rn) {
        return create(CSE, 14, "{\"m2m:nod\":{\"rn\":\"" + rn + "\",\"ni\":\"urn:dev:" + rn + "\"}}");
    }

    ResponsePrimitive createMo(String node, String json) { return create(CSE + "/" + node, 13, json); }

    ResponsePrimitive retrieve(String to) { return retrieve(to, null); }

    ResponsePrimitive retrieve(String to, Integer rcn) {
        return engine.handle(RequestPrimitive.of(Operation.RETRIEVE, to).from(originator).requestId("rq").resultContent(rcn).build());
    }

    ResponsePrimitive update(String to, String json) {
        return engine.handle(RequestPrimitive.of(Operation.UPDATE, to).from(originator).requestId("rq").content(json).build());
    }

    ResponsePrimitive delete(String to) {
        return engine.handle(RequestPrimitive.of(Operation.DELETE, to).from(originator).requestId("rq").build());
    }

    /** The attributes inside the response's single wrapper member. */
    static JsonObject attributes(ResponsePrimitive response) {
        JsonObject body = JsonParser.parseString(response.content()).getAsJsonObject();
        return body.getAsJsonObject(body.keySet().iterator().next());
    }

    static String ri(ResponsePrimitive created) {
        assertEquals(created.toString(), ResponseStatusCode.CREATED, created.status());
        return attributes(created).get("ri").getAsString();
    }

    /** Asserts the refusal's status, that its message says why, and that it wrote and published nothing. */
    void assertRefused(ResponsePrimitive response, ResponseStatusCode status, String because) {
        assertEquals(response.toString(), status, response.status());
        String message = JsonParser.parseString(response.content()).getAsJsonObject().get("m2m:dbg").getAsString();
        assertTrue("message '" + message + "' should mention '" + because + "'", message.contains(because));
    }

    /** Runs a request that must be refused and checks that it changed nothing: no write, no event, same tree. */
    ResponsePrimitive refusedWithoutChange(java.util.function.Supplier<ResponsePrimitive> request, ResponseStatusCode status, String because) {
        int writesBefore = store.writes.get();
        int eventsBefore = events.size();
        int sizeBefore = engine.size();
        ResponsePrimitive response = request.get();
        assertRefused(response, status, because);
        assertEquals("a refused request must not write", writesBefore, store.writes.get());
        assertEquals("a refused request must not publish", eventsBefore, events.size());
        assertEquals("a refused request must not change the tree", sizeBefore, engine.size());
        return response;
    }

    static String et(Instant instant) {
        return org.example.onem2m.primitive.M2mTimestamp.format(instant);
    }
}
