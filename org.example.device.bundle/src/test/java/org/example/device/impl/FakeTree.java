package org.example.device.impl;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.example.mgmtobj.api.MgmtLink;
import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.mgmtobj.api.ResourceTree;
import org.example.mgmtobj.api.Specialization;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** An in-memory tree of MgmtObj snapshots under one node; UPDATEs are recorded and applied, and every change is an event. */
final class FakeTree implements ResourceTree {
    static final String NODE = "node1";
    final Map<String, MgmtObj> objs = new ConcurrentHashMap<>();
    static final String CSE_ID = "in-cse", CSE_NAME = "in-name";
    final List<RequestPrimitive> updates = new CopyOnWriteArrayList<>();
    final List<RequestPrimitive> retrieves = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    volatile Consumer<MgmtObjEvent> listener = e -> {};
    /** Receipts of the events fired (each has one, as for a durable subscriber), until acknowledged. */
    final java.util.Set<String> unacknowledged = ConcurrentHashMap.newKeySet();

    static MgmtObj mo(String ri, Specialization s, Instant et, List<MgmtLink> links, Map<String, Object> attributes) {
        return new MgmtObj(ri, ri, NODE, s, et, List.of(), links, attributes, "{}");
    }

    void create(MgmtObj mo) { objs.put(mo.resourceId(), mo); fire(MgmtObjEvent.Kind.CREATED, mo, null); }

    void update(MgmtObj mo) { MgmtObj before = objs.put(mo.resourceId(), mo); fire(MgmtObjEvent.Kind.UPDATED, mo, before); }

    void delete(String ri) { fire(MgmtObjEvent.Kind.DELETED, objs.remove(ri), null); }

    private void fire(MgmtObjEvent.Kind kind, MgmtObj mo, MgmtObj previous) {
        long n = sequence.incrementAndGet();
        unacknowledged.add("r" + n);
        listener.accept(new MgmtObjEvent(kind, mo, previous, Instant.now(), n).withReceipt("r" + n));
    }

    @Override
    public ResponsePrimitive handle(RequestPrimitive request) {
        if (request.operation() == Operation.RETRIEVE) return retrieve(request);
        updates.add(request);
        String ri = request.to().substring(request.to().lastIndexOf('/') + 1);
        MgmtObj old = objs.get(ri);
        if (request.operation() != Operation.UPDATE || old == null) return ResponsePrimitive.error(ResponseStatusCode.NOT_FOUND, request.requestId(), ri);
        JsonObject body = JsonParser.parseString(request.content()).getAsJsonObject().getAsJsonObject(old.specialization().shortName());
        Map<String, Object> attributes = new HashMap<>(old.attributes());
        body.entrySet().forEach(e -> attributes.put(e.getKey(), e.getValue().getAsString()));
        update(new MgmtObj(ri, ri, NODE, old.specialization(), old.expirationTime().orElse(null), old.labels(), old.links(), attributes, "{}"));
        return new ResponsePrimitive(ResponseStatusCode.UPDATED, request.requestId(), null, null);
    }

    /**
     * RETRIEVE by an SP-relative address of the one CSE (TS-0001 9.3.1), as the real tree resolves it:
     * {@code /in-cse/in-name/node1/{rn}} structured (the node's resourceName is its ID here), {@code /in-cse/{ri}} unstructured.
     */
    private ResponsePrimitive retrieve(RequestPrimitive request) {
        retrieves.add(request);
        String[] s = request.to().replaceAll("^/+", "").split("/+");
        Optional<MgmtObj> found = Optional.empty();
        if (s.length == 2 && s[0].equals(CSE_ID)) found = mgmtObj(s[1]);
        if (s.length == 4 && s[0].equals(CSE_ID) && s[1].equals(CSE_NAME) && s[2].equals(NODE)) {
            found = objs.values().stream().filter(o -> o.nodeId().equals(NODE) && o.resourceName().equals(s[3])).findFirst();
        }
        if (found.isEmpty()) return ResponsePrimitive.error(ResponseStatusCode.NOT_FOUND, request.requestId(), request.to());
        JsonObject attributes = new JsonObject();
        attributes.addProperty("ri", found.get().resourceId());
        attributes.addProperty("rn", found.get().resourceName());
        JsonObject body = new JsonObject();
        body.add("m2m:" + found.get().specialization().shortName().replaceAll("^.*:", ""), attributes);
        return new ResponsePrimitive(ResponseStatusCode.OK, request.requestId(), body.toString(), null);
    }

    @Override
    public Optional<MgmtObj> mgmtObj(String resourceId) { return Optional.ofNullable(objs.get(resourceId)); }

    @Override
    public List<MgmtObj> mgmtObjsOf(String nodeResourceId) {
        return objs.values().stream().filter(o -> o.nodeId().equals(nodeResourceId)).collect(Collectors.toList());
    }

    @Override
    public List<MgmtObj> mgmtObjsLinkingTo(String resourceId) {
        return objs.values().stream().filter(o -> o.links().stream().anyMatch(l -> l.target().equals(resourceId))).collect(Collectors.toList());
    }

    @Override
    public List<MgmtObj> allMgmtObjs() { return List.copyOf(objs.values()); }

    @Override
    public void acknowledge(String receipt) { unacknowledged.remove(receipt); }
}
