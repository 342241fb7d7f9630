package org.example.mgmtobj.impl.tree;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import org.example.mgmtobj.api.MgmtLink;
import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.mgmtobj.api.ResourceTree;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.mgmtobj.api.Specialization;
import org.example.mgmtobj.impl.schema.NodeSchema;
import org.example.mgmtobj.impl.schema.Rejection;
import org.example.mgmtobj.impl.schema.RepresentationValidator;
import org.example.mgmtobj.impl.schema.ResourceSchema;
import org.example.mgmtobj.impl.schema.StrictJson;
import org.example.onem2m.primitive.M2mTimestamp;
import org.example.mgmtobj.impl.store.ResourceStore;
import org.example.mgmtobj.impl.store.StoredResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The resource tree: a CSEBase, {@code <node>} resources under it and TS-0022 {@code <mgmtObj>} resources
 * under each node. Reads are served from memory; every change is validated completely, written to the
 * {@link ResourceStore} as one durable batch, and only then applied in memory, answered and published.
 * Changes are serialised by one lock: device configuration is written rarely, and one writer makes the
 * cross-resource rules (0..1 per node, link targets, unique names) race-free. Those rules read only live
 * resources, so a write never has to sweep expired ones first; the periodic {@link #expireDue()} does.
 */
public final class ResourceTreeEngine implements ResourceTree {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceTreeEngine.class);
    private static final int TY_CSE_BASE = 5;
    private static final int TY_MGMT_OBJ = 13;
    private static final String DEBUG_MEMBER = "m2m:dbg";
    /** Write-only attributes: accepted and handed to in-process consumers, never sent back over the binding. */
    private static final Set<String> WRITE_ONLY = Set.of(
            Specialization.AUTHENTICATION_PROFILE.shortNameOf("symmKeyValue"));

    private final TreeConfig config;
    private final ResourceStore store;
    private final EventSink events;
    private final Clock clock;
    private final Map<String, StoredResource> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> childIds = new ConcurrentHashMap<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicLong sequence = new AtomicLong();
    private final SecureRandom random = new SecureRandom();

    public ResourceTreeEngine(TreeConfig config, ResourceStore store, EventSink events, Clock clock) {
        this.config = config;
        this.store = store;
        this.events = events;
        this.clock = clock;
        for (StoredResource r : store.loadAll()) index(r);
    }

    public int size() { return byId.size(); }

    // ----------------------------------------------------------------------------------------------
    // The host port
    // ----------------------------------------------------------------------------------------------

    @Override
    public ResponsePrimitive handle(RequestPrimitive request) {
        try {
            checkOriginator(request.from());
            switch (request.operation()) {
                case CREATE: return create(request);
                case RETRIEVE: return retrieve(request);
                case UPDATE: return update(request);
                case DELETE: return delete(request);
                default: throw new Rejection(ResponseStatusCode.NOT_IMPLEMENTED, "operation " + request.operation() + " is not supported");
            }
        } catch (Rejection r) {
            LOG.info("{} {} from {} refused with {} ({}): {}", request.operation(), request.to(), request.from(),
                    r.status().code(), r.status(), r.getMessage());
            return error(r.status(), request.requestId(), r.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} {} from {} failed; nothing was changed", request.operation(), request.to(), request.from(), e);
            return error(ResponseStatusCode.INTERNAL_SERVER_ERROR, request.requestId(),
                    "internal error, nothing was changed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public Optional<MgmtObj> mgmtObj(String resourceId) {
        return live(resourceId).filter(r -> r.resourceType() == TY_MGMT_OBJ).map(this::view);
    }

    @Override
    public List<MgmtObj> mgmtObjsOf(String nodeResourceId) {
        return liveChildren(nodeResourceId).stream().filter(r -> r.resourceType() == TY_MGMT_OBJ)
                .map(this::view).collect(Collectors.toList());
    }

    @Override
    public List<MgmtObj> allMgmtObjs() {
        Instant now = clock.instant();
        return byId.values().stream().filter(r -> r.resourceType() == TY_MGMT_OBJ && !expiredWithAncestors(r, now))
                .sorted(Comparator.comparing(StoredResource::resourceId)).map(this::view).collect(Collectors.toList());
    }

    /**
     * Removes every resource whose expirationTime has passed, with its descendants, in one durable batch,
     * and publishes {@code EXPIRED} for each mgmtObj removed.
     *
     * @return how many resources were removed
     */
    public int expireDue() {
        writeLock.lock();
        try {
            Instant now = clock.instant();
            List<StoredResource> due = byId.values().stream().filter(r -> r.expiredAt(now)).collect(Collectors.toList());
            if (due.isEmpty()) return 0;
            List<StoredResource> removed = new ArrayList<>();
            for (StoredResource r : due) {
                if (!removed.contains(r)) collectSubtree(r, removed);
            }
            commit(List.of(), removed, removed.stream().filter(r -> r.resourceType() == TY_MGMT_OBJ)
                    .map(r -> event(MgmtObjEvent.Kind.EXPIRED, r, null, now)).collect(Collectors.toList()));
            for (StoredResource r : due) {
                LOG.info("{} {} ({}) expired at {} and was removed", typeName(r), r.resourceId(), r.resourceName(),
                        M2mTimestamp.format(r.expirationTime()));
            }
            return removed.size();
        } finally {
            writeLock.unlock();
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Operations
    // ----------------------------------------------------------------------------------------------

    private ResponsePrimitive create(RequestPrimitive request) {
        writeLock.lock();
        try {
            Target parent = resolve(request.to());
            Integer ty = request.resourceType();
            if (ty == null) throw Rejection.badRequest("a CREATE must say the type of the new resource (ty=14 for a <node>, ty=13 for a <mgmtObj>)");
            JsonObject wrapped = parseContent(request.content());
            String wrapper = wrapped.keySet().iterator().next();
            JsonObject attributes = memberObject(wrapped, wrapper);
            Instant now = clock.instant();

            StoredResource created;
            if (parent.isCseBase()) {
                if (ty != NodeSchema.TY) throw new Rejection(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE,
                        "only a <node> (ty=14) can be created under the CSEBase; a <mgmtObj> (ty=13) belongs under a <node>");
                if (!wrapper.equals(NodeSchema.WRAPPER)) throw Rejection.badRequest("a <node> is sent as {\"" + NodeSchema.WRAPPER + "\": {...}}, not as '" + wrapper + "'");
                RepresentationValidator.validateCreate(NodeSchema.SCHEMA, attributes);
                checkExpirationInFuture(attributes, now);
                created = newResource(NodeSchema.WRAPPER, NodeSchema.TY, "nod", config.cseId(), attributes, now);
            } else if (parent.resource().resourceType() == NodeSchema.TY) {
                if (ty != TY_MGMT_OBJ) throw new Rejection(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE,
                        "only a <mgmtObj> (ty=13) can be created under a <node>, not ty=" + ty);
                Specialization specialization = specializationOf(wrapper);
                RepresentationValidator.validateCreate(ResourceSchema.of(specialization), attributes);
                int mgd = attributes.get("mgd").getAsInt();
                if (mgd != specialization.mgd()) throw Rejection.badRequest("'" + wrapper + "' is a " + specialization.longName()
                        + " whose mgmtDefinition (mgd) is " + specialization.mgd() + ", but the request says " + mgd);
                checkExpirationInFuture(attributes, now);
                String nodeId = parent.resource().resourceId();
                if (specialization.atMostOnePerNode()) checkNoSibling(nodeId, specialization);
                checkCrossAttributeRules(specialization, attributes, nodeId, null);
                created = newResource(wrapper, TY_MGMT_OBJ, "mgo", nodeId, attributes, now);
            } else {
                throw new Rejection(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE,
                        "a " + typeName(parent.resource()) + " cannot have child resources here");
            }
            checkNameFree(created.parentId(), created.resourceName());
            commit(List.of(created), List.of(), created.resourceType() == TY_MGMT_OBJ
                    ? List.of(event(MgmtObjEvent.Kind.CREATED, created, null, now)) : List.of());
            LOG.info("created {} {} ({}) under {} for {}", typeName(created), created.resourceId(), created.resourceName(),
                    created.parentId(), request.from());
            return new ResponsePrimitive(ResponseStatusCode.CREATED, request.requestId(),
                    resultContent(request, created, 1), "/" + config.cseId() + "/" + created.resourceId());
        } finally {
            writeLock.unlock();
        }
    }

    private ResponsePrimitive retrieve(RequestPrimitive request) {
        Target target = resolve(request.to());
        int rcn = request.resultContent() == null ? 1 : request.resultContent();
        JsonObject body = new JsonObject();
        String wrapper = target.isCseBase() ? "m2m:cb" : target.resource().wrapper();
        String id = target.isCseBase() ? config.cseId() : target.resource().resourceId();
        JsonObject attributes = target.isCseBase() ? cseBaseAttributes() : publicAttributes(target.resource());
        switch (rcn) {
            case 1:
                body.add(wrapper, attributes);
                break;
            case 4:
                for (StoredResource child : liveChildren(id)) {
                    if (!attributes.has(child.wrapper())) attributes.add(child.wrapper(), new JsonArray());
                    attributes.getAsJsonArray(child.wrapper()).add(publicAttributes(child));
                }
                body.add(wrapper, attributes);
                break;
            case 5:
                attributes.add("ch", childReferences(id));
                body.add(wrapper, attributes);
                break;
            case 6:
                JsonObject rrl = new JsonObject();
                rrl.add("rrf", childReferences(id));
                body.add("m2m:rrl", rrl);
                break;
            default:
                throw Rejection.badRequest("resultContent (rcn) " + rcn + " is not supported for a RETRIEVE; use 1 (attributes), "
                        + "4 (attributes and child resources), 5 (attributes and child references) or 6 (child references)");
        }
        return new ResponsePrimitive(ResponseStatusCode.OK, request.requestId(), body.toString(), null);
    }

    private ResponsePrimitive update(RequestPrimitive request) {
        writeLock.lock();
        try {
            Target target = resolve(request.to());
            if (target.isCseBase()) throw new Rejection(ResponseStatusCode.OPERATION_NOT_ALLOWED, "the CSEBase cannot be updated");
            StoredResource old = target.resource();
            JsonObject wrapped = parseContent(request.content());
            String wrapper = wrapped.keySet().iterator().next();
            if (!wrapper.equals(old.wrapper())) throw Rejection.badRequest(old.resourceId() + " is a " + typeName(old)
                    + " and is updated as {\"" + old.wrapper() + "\": {...}}, not as '" + wrapper + "'");
            JsonObject changes = memberObject(wrapped, wrapper);
            Instant now = clock.instant();
            Specialization specialization = old.resourceType() == TY_MGMT_OBJ ? specializationOf(old.wrapper()) : null;
            RepresentationValidator.validateUpdate(specialization == null ? NodeSchema.SCHEMA : ResourceSchema.of(specialization), changes);
            checkExpirationInFuture(changes, now);

            JsonObject merged = old.attributes();
            for (Map.Entry<String, JsonElement> change : changes.entrySet()) {
                if (change.getValue().isJsonNull()) merged.remove(change.getKey());
                else merged.add(change.getKey(), change.getValue());
            }
            merged.addProperty("lt", M2mTimestamp.format(now));
            if (specialization != null) checkCrossAttributeRules(specialization, merged, old.parentId(), old);
            StoredResource updated = new StoredResource(old.wrapper(), merged);
            commit(List.of(updated), List.of(), specialization != null
                    ? List.of(event(MgmtObjEvent.Kind.UPDATED, updated, old, now)) : List.of());
            LOG.info("updated {} {} ({}): {} for {}", typeName(updated), updated.resourceId(), updated.resourceName(),
                    changes.keySet(), request.from());
            return new ResponsePrimitive(ResponseStatusCode.UPDATED, request.requestId(), resultContent(request, updated, 1), null);
        } finally {
            writeLock.unlock();
        }
    }

    private ResponsePrimitive delete(RequestPrimitive request) {
        writeLock.lock();
        try {
            Target target = resolve(request.to());
            if (target.isCseBase()) throw new Rejection(ResponseStatusCode.OPERATION_NOT_ALLOWED, "the CSEBase cannot be deleted");
            Instant now = clock.instant();
            List<StoredResource> removed = new ArrayList<>();
            collectSubtree(target.resource(), removed);
            commit(List.of(), removed, removed.stream().filter(r -> r.resourceType() == TY_MGMT_OBJ)
                    .map(r -> event(MgmtObjEvent.Kind.DELETED, r, null, now)).collect(Collectors.toList()));
            LOG.info("deleted {} {} ({}) and {} descendant(s) for {}", typeName(target.resource()), target.resource().resourceId(),
                    target.resource().resourceName(), removed.size() - 1, request.from());
            return new ResponsePrimitive(ResponseStatusCode.DELETED, request.requestId(),
                    request.resultContent() != null && request.resultContent() == 1 ? wrap(target.resource()) : null, null);
        } finally {
            writeLock.unlock();
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Rules
    // ----------------------------------------------------------------------------------------------

    private void checkOriginator(String from) {
        if (from == null || from.isBlank()) {
            throw Rejection.badRequest("the request has no originator (X-M2M-Origin)");
        }
        if (!config.adminOriginators().contains(from)) {
            throw new Rejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "originator '" + from
                    + "' may not access the device configuration of " + "/" + config.cseId()
                    + "; only the configured admin originators may (adminOriginators)");
        }
    }

    private static void checkExpirationInFuture(JsonObject attributes, Instant now) {
        JsonElement et = attributes.get("et");
        if (et == null || et.isJsonNull()) return;
        Instant expiry = M2mTimestamp.parse(et.getAsString());
        if (!expiry.isAfter(now)) {
            throw Rejection.badRequest("expirationTime (et) " + et.getAsString() + " is not in the future (now is "
                    + M2mTimestamp.format(now) + " UTC)");
        }
    }

    private void checkNoSibling(String nodeId, Specialization specialization) {
        for (StoredResource sibling : liveChildren(nodeId)) {
            if (sibling.wrapper().equals(specialization.shortName())) {
                throw new Rejection(ResponseStatusCode.CONFLICT, "node " + nodeId + " already has a " + specialization.longName()
                        + " (" + sibling.resourceId() + "); a <node> may have at most one (TS-0001 table 9.6.18-1)");
            }
        }
    }

    private void checkNameFree(String parentId, String name) {
        for (StoredResource sibling : liveChildren(parentId)) {
            if (sibling.resourceName().equals(name)) {
                throw new Rejection(ResponseStatusCode.CONFLICT, "a resource named '" + name + "' already exists under "
                        + parentId + " (" + sibling.resourceId() + ")");
            }
        }
    }

    /**
     * The rules that need more than one attribute or more than one resource, checked on the representation
     * as it would be stored.
     *
     * @param old the resource before an UPDATE, or null for a CREATE
     */
    private void checkCrossAttributeRules(Specialization specialization, JsonObject attributes, String nodeId, StoredResource old) {
        if (specialization == Specialization.DATA_COLLECTION && attributes.has("mesc") && attributes.has("meil")) {
            throw Rejection.badRequest("a dataCollection may have measurementSchedule (mesc) or measurementInterval (meil), not both");
        }
        List<StoredResource> linked = checkLinks(specialization, attributes, nodeId);
        if (specialization != Specialization.AUTHENTICATION_PROFILE) return;
        boolean linksMef = linked.stream().anyMatch(r -> r.wrapper().equals(Specialization.MEF_CLIENT_REG_CFG.shortName()));
        if (!linksMef) return;
        String skv = specialization.shortNameOf("symmKeyValue");
        if (attributes.has(skv)) {
            throw Rejection.badRequest("an authenticationProfile that links a MEFClientRegCfg may not carry symmKeyValue ("
                    + skv + "): the key is provisioned by MEF Key Registration (TS-0003 8.3.4.5)");
        }
        if (old != null) {
            JsonObject before = old.attributes();
            for (String longName : List.of("MAFKeyRegDuration", "MAFKeyRegLabels")) {
                String name = specialization.shortNameOf(longName);
                if (!java.util.Objects.equals(before.get(name), attributes.get(name))) {
                    throw Rejection.badRequest("in an authenticationProfile that links a MEFClientRegCfg only expirationTime may change after "
                            + "creation, not " + name + " (" + longName + ") (TS-0003 8.3.4.3)");
                }
            }
        }
    }

    /** @return the link targets, each checked: it exists, is under the same node, has the mgd the link says and may be linked. */
    private List<StoredResource> checkLinks(Specialization specialization, JsonObject attributes, String nodeId) {
        List<StoredResource> targets = new ArrayList<>();
        JsonElement cmlk = attributes.get("cmlk");
        if (cmlk == null || cmlk.isJsonNull()) return targets;
        for (JsonElement e : cmlk.getAsJsonArray()) {
            JsonObject link = e.getAsJsonObject();
            String val = link.get("val").getAsString();
            int typ = link.get("typ").getAsInt();
            String label = link.has("nm") ? "mgmtLink '" + link.get("nm").getAsString() + "'" : "mgmtLink to " + val;
            StoredResource target = findLinkTarget(val).orElseThrow(() -> Rejection.badRequest(
                    label + " refers to " + val + ", which does not exist"));
            Optional<Specialization> targetType = target.resourceType() == TY_MGMT_OBJ
                    ? Specialization.byShortName(target.wrapper()) : Optional.empty();
            if (targetType.isEmpty()) throw Rejection.badRequest(label + " refers to " + val + ", which is a "
                    + typeName(target) + ", not a TS-0022 <mgmtObj>");
            if (targetType.get().mgd() != typ) throw Rejection.badRequest(label + " says typ " + typ + " but " + val
                    + " is a " + targetType.get().longName() + " (mgd " + targetType.get().mgd() + ")");
            if (!specialization.mayLinkTo(targetType.get())) throw Rejection.badRequest("a " + specialization.longName()
                    + " cannot link a " + targetType.get().longName() + " (" + label + ")");
            if (!target.parentId().equals(nodeId)) throw Rejection.badRequest(label + " refers to " + val
                    + ", which belongs to another <node> (" + target.parentId() + "); links stay within one device");
            targets.add(target);
        }
        return targets;
    }

    private Optional<StoredResource> findLinkTarget(String val) {
        if (!val.startsWith("/")) return live(val);
        try {
            Target t = resolve(val);
            return t.isCseBase() ? Optional.empty() : Optional.of(t.resource());
        } catch (Rejection notFound) {
            return Optional.empty();
        }
    }

    private Specialization specializationOf(String wrapper) {
        return Specialization.byShortName(wrapper).orElseThrow(() -> Rejection.badRequest("'" + wrapper
                + "' is not a <mgmtObj> specialization this CSE supports; it supports " + supportedSpecializations()));
    }

    private static String supportedSpecializations() {
        StringBuilder sb = new StringBuilder();
        for (Specialization s : Specialization.values()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(s.shortName()).append(" (").append(s.longName()).append(", mgd ").append(s.mgd()).append(')');
        }
        return sb.toString();
    }

    // ----------------------------------------------------------------------------------------------
    // Addressing
    // ----------------------------------------------------------------------------------------------

    /** The CSEBase, or one live resource. */
    private static final class Target {
        private final StoredResource resource;

        Target(StoredResource resource) { this.resource = resource; }

        boolean isCseBase() { return resource == null; }
        StoredResource resource() { return resource; }
    }

    /**
     * Resolves an SP-relative address: {@code /{cse-id}} or {@code /{cse-id}/{cse-name}} is the CSEBase,
     * {@code /{cse-id}/{cse-name}/{rn}/{rn}} is structured, {@code /{cse-id}/{ri}} is unstructured
     * (TS-0001 9.3.1; the {@code /~} prefix of the HTTP binding, TS-0009 6.2.2.2, is accepted too).
     */
    private Target resolve(String to) {
        String path = to.startsWith("/~/") ? to.substring(2) : to.startsWith("~/") ? to.substring(1) : to;
        List<String> segments = java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).collect(Collectors.toList());
        if (segments.isEmpty() || !segments.get(0).equals(config.cseId())) {
            throw new Rejection(ResponseStatusCode.NOT_FOUND, "'" + to + "' is not on this CSE; addresses here start with /"
                    + config.cseId() + "/" + config.cseName());
        }
        if (segments.size() == 1) return new Target(null);
        if (!segments.get(1).equals(config.cseName())) {
            if (segments.size() > 2) throw notFound(to);
            return new Target(live(segments.get(1)).orElseThrow(() -> notFound(to)));
        }
        Target current = new Target(null);
        String parentId = config.cseId();
        for (String name : segments.subList(2, segments.size())) {
            StoredResource child = liveChildren(parentId).stream().filter(r -> r.resourceName().equals(name))
                    .findFirst().orElseThrow(() -> notFound(to));
            current = new Target(child);
            parentId = child.resourceId();
        }
        return current;
    }

    private static Rejection notFound(String to) {
        return new Rejection(ResponseStatusCode.NOT_FOUND, "no resource at " + to);
    }

    private Optional<StoredResource> live(String resourceId) {
        StoredResource r = byId.get(resourceId);
        return r == null || expiredWithAncestors(r, clock.instant()) ? Optional.empty() : Optional.of(r);
    }

    /** An expired resource, or one whose node has expired, is gone for readers even before the sweep removes it. */
    private boolean expiredWithAncestors(StoredResource r, Instant now) {
        for (StoredResource cur = r; cur != null; cur = byId.get(cur.parentId())) {
            if (cur.expiredAt(now)) return true;
        }
        return false;
    }

    private List<StoredResource> liveChildren(String parentId) {
        Instant now = clock.instant();
        Set<String> ids = childIds.getOrDefault(parentId, Set.of());
        return ids.stream().map(byId::get).filter(r -> r != null && !expiredWithAncestors(r, now))
                .sorted(Comparator.comparing(StoredResource::resourceId)).collect(Collectors.toList());
    }

    private void collectSubtree(StoredResource root, List<StoredResource> into) {
        into.add(root);
        for (String childId : childIds.getOrDefault(root.resourceId(), Set.of())) {
            StoredResource child = byId.get(childId);
            if (child != null) collectSubtree(child, into);
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Persistence and events
    // ----------------------------------------------------------------------------------------------

    /** Durable first, then visible, then published: a failed write changes nothing and tells no one. */
    private void commit(List<StoredResource> puts, List<StoredResource> removals, List<MgmtObjEvent> changeEvents) {
        store.write(puts, removals.stream().map(StoredResource::resourceId).collect(Collectors.toList()));
        for (StoredResource r : removals) unindex(r);
        for (StoredResource r : puts) index(r);
        if (!changeEvents.isEmpty()) events.publish(changeEvents);
    }

    private void index(StoredResource r) {
        byId.put(r.resourceId(), r);
        childIds.computeIfAbsent(r.parentId(), k -> ConcurrentHashMap.newKeySet()).add(r.resourceId());
    }

    private void unindex(StoredResource r) {
        byId.remove(r.resourceId());
        Set<String> siblings = childIds.get(r.parentId());
        if (siblings != null) siblings.remove(r.resourceId());
        childIds.remove(r.resourceId());
    }

    private MgmtObjEvent event(MgmtObjEvent.Kind kind, StoredResource r, StoredResource previous, Instant now) {
        return new MgmtObjEvent(kind, view(r), previous == null ? null : view(previous), now, sequence.incrementAndGet());
    }

    // ----------------------------------------------------------------------------------------------
    // Representations
    // ----------------------------------------------------------------------------------------------

    private StoredResource newResource(String wrapper, int ty, String idPrefix, String parentId, JsonObject requested, Instant now) {
        String ri = newResourceId(idPrefix);
        JsonObject attributes = requested.deepCopy();
        if (attributes.has("rn")) checkResourceName(attributes.get("rn").getAsString());
        else attributes.addProperty("rn", ri);
        attributes.addProperty("ty", ty);
        attributes.addProperty("ri", ri);
        attributes.addProperty("pi", parentId);
        attributes.addProperty("ct", M2mTimestamp.format(now));
        attributes.addProperty("lt", M2mTimestamp.format(now));
        return new StoredResource(wrapper, attributes);
    }

    private static void checkResourceName(String rn) {
        if (rn.isEmpty() || rn.length() > 255 || !rn.matches("[A-Za-z0-9._~:@!$&'()*+,;=-]+")) {
            throw Rejection.badRequest("resourceName (rn) '" + rn + "' must be 1 to 255 characters from A-Z a-z 0-9 . _ ~ - : @ ! $ & ' ( ) * + , ; =");
        }
    }

    private String newResourceId(String prefix) {
        String ri;
        do {
            ri = prefix + String.format("%012x", random.nextLong() & 0xffffffffffffL);
        } while (byId.containsKey(ri));
        return ri;
    }

    private JsonObject cseBaseAttributes() {
        JsonObject cb = new JsonObject();
        cb.addProperty("ty", TY_CSE_BASE);
        cb.addProperty("ri", config.cseId());
        cb.addProperty("rn", config.cseName());
        cb.addProperty("pi", "");
        cb.addProperty("csi", "/" + config.cseId());
        JsonArray srt = new JsonArray();
        srt.add(NodeSchema.TY);
        srt.add(TY_MGMT_OBJ);
        cb.add("srt", srt);
        return cb;
    }

    private JsonObject publicAttributes(StoredResource r) {
        JsonObject attributes = r.attributes();
        for (String writeOnly : WRITE_ONLY) attributes.remove(writeOnly);
        return attributes;
    }

    private String wrap(StoredResource r) {
        JsonObject body = new JsonObject();
        body.add(r.wrapper(), publicAttributes(r));
        return body.toString();
    }

    private String resultContent(RequestPrimitive request, StoredResource r, int defaultRcn) {
        int rcn = request.resultContent() == null ? defaultRcn : request.resultContent();
        if (rcn == 0) return null;
        if (rcn == 1) return wrap(r);
        throw Rejection.badRequest("resultContent (rcn) " + rcn + " is not supported for a " + request.operation()
                + "; use 0 (nothing) or 1 (attributes)");
    }

    private JsonArray childReferences(String parentId) {
        JsonArray refs = new JsonArray();
        for (StoredResource child : liveChildren(parentId)) {
            JsonObject ref = new JsonObject();
            ref.addProperty("nm", child.resourceName());
            ref.addProperty("typ", child.resourceType());
            ref.addProperty("val", child.resourceId());
            refs.add(ref);
        }
        return refs;
    }

    private MgmtObj view(StoredResource r) {
        JsonObject attributes = r.attributes();
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : attributes.entrySet()) values.put(e.getKey(), JsonValues.toJava(e.getValue()));
        List<String> labels = new ArrayList<>();
        if (attributes.has("lbl")) attributes.getAsJsonArray("lbl").forEach(l -> labels.add(l.getAsString()));
        List<MgmtLink> links = new ArrayList<>();
        if (attributes.has("cmlk")) {
            for (JsonElement e : attributes.getAsJsonArray("cmlk")) {
                JsonObject link = e.getAsJsonObject();
                String val = link.get("val").getAsString();
                String target = findLinkTarget(val).map(StoredResource::resourceId).orElse(val);
                links.add(new MgmtLink(link.has("nm") ? link.get("nm").getAsString() : null, link.get("typ").getAsInt(), target));
            }
        }
        Specialization specialization = Specialization.byShortName(r.wrapper()).orElseThrow();
        return new MgmtObj(r.resourceId(), r.resourceName(), r.parentId(), specialization, r.expirationTime(),
                labels, links, values, r.toJson());
    }

    private static String typeName(StoredResource r) {
        if (r.resourceType() == NodeSchema.TY) return "<node>";
        return Specialization.byShortName(r.wrapper()).map(Specialization::longName).orElse(r.wrapper());
    }

    private static JsonObject parseContent(String content) {
        if (content == null || content.isBlank()) throw Rejection.badRequest("the request has no content");
        JsonElement parsed;
        try {
            parsed = StrictJson.parse(content);
        } catch (StrictJson.MalformedJsonException e) {
            throw Rejection.badRequest("the content is not valid JSON: " + e.getMessage());
        }
        if (!parsed.isJsonObject() || parsed.getAsJsonObject().size() != 1) {
            throw Rejection.badRequest("the content must be one JSON object with a single member naming the resource, such as {\"m2m:nod\": {...}}");
        }
        return parsed.getAsJsonObject();
    }

    private static JsonObject memberObject(JsonObject wrapped, String wrapper) {
        JsonElement inner = wrapped.get(wrapper);
        if (!inner.isJsonObject()) throw Rejection.badRequest("'" + wrapper + "' must hold a JSON object of attributes");
        JsonObject attributes = inner.getAsJsonObject();
        for (Map.Entry<String, JsonElement> e : attributes.entrySet()) {
            if (e.getValue() instanceof JsonPrimitive && e.getValue().getAsJsonPrimitive().isString()
                    && e.getValue().getAsString().indexOf('\0') >= 0) {
                throw Rejection.badRequest("attribute '" + e.getKey() + "' contains a NUL character");
            }
        }
        return attributes;
    }

    private static ResponsePrimitive error(ResponseStatusCode status, String requestId, String message) {
        JsonObject body = new JsonObject();
        body.addProperty(DEBUG_MEMBER, message);
        return new ResponsePrimitive(status, requestId, body.toString(), null);
    }
}
