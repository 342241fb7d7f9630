package org.example.mgmtobj.impl.tree;

import org.example.onem2m.primitive.LogText;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.mgmtobj.api.Specialization;
import org.example.mgmtobj.impl.schema.NodeSchema;
import org.example.mgmtobj.impl.schema.RemoteCseSchema;
import org.example.mgmtobj.impl.schema.Rejection;
import org.example.mgmtobj.impl.schema.ResourceSchema;
import org.example.onem2m.primitive.M2mTimestamp;
import org.example.mgmtobj.impl.store.ResourceStore;
import org.example.mgmtobj.impl.store.StoredResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Every change to the tree: CREATE, UPDATE, DELETE and the expiry sweep.
 *
 * <h2>How a change is made</h2>
 * <ol>
 * <li>Before the write lock: parse the content and check it against the schema its wrapper names
 * ({@link RequestContent}); nothing there reads the tree. What it finds wrong is thrown under the lock, in the place of
 * the check that found it.</li>
 * <li>Under the write lock: resolve the target and check every rule against the writer's {@link ResourceIndex},
 * which holds the changes already queued for the store as well as the durable ones, so that a rule (unique
 * names, 0..1 per node, link targets) sees what the writers before decided; build the answer (an rcn it refuses
 * changes nothing); apply the change to the writer's index; queue it for the store
 * ({@link ResourceStore#submit}). Then release the lock: the next writer validates while this change waits.</li>
 * <li>Outside the lock: wait until the store says the change is durable. The store puts the changes queued at one
 * time into one commit and one fsync (group commit).</li>
 * <li>Once the batch is on disk, in commit order, the change reaches the readers' index and then the listeners, and
 * only then is the writer answered; if the batch fails, every change still queued is undone and answers 5000. That
 * machinery is {@link ChangeQueue}'s.</li>
 * </ol>
 * The rules read only live resources, so a write never has to sweep expired ones first; the periodic
 * {@link #expireDue()} does, and a CREATE that takes the name or the 0..1 place of an expired resource removes
 * that one in the same change.
 */
final class TreeWriter {
    /** The engine's category, so operators' log configuration for the tree keeps working. */
    private static final Logger LOG = LoggerFactory.getLogger(ResourceTreeEngine.class);

    private final TreeConfig config;
    private final Clock clock;
    /** The writer's view: durable and queued changes; changed only under {@link #writeLock}, by {@link #queue}. */
    private final ResourceIndex index;
    /** Queues each change for the store and publishes it once durable, or undoes it. */
    private final ChangeQueue queue;
    private final TreeRules rules;
    private final Representations representations;
    private final ExpirationTimes expirationTimes;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicLong sequence = new AtomicLong();
    private final NewResources newResources;

    /**
     * @param index the writer's index, which this class (with its {@link ChangeQueue}) alone changes
     * @param published the readers' index, which its {@link ChangeQueue} changes once a change is durable (and new
     *        resourceIDs are checked against)
     * @param representations over the readers' index: answers, and the event snapshots its {@link ChangeQueue} makes
     */
    TreeWriter(TreeConfig config, ResourceStore store, EventSink events, Clock clock, ResourceIndex index,
            ResourceIndex published, TreeRules rules, Representations representations, Outbox outbox) {
        this.config = config;
        this.clock = clock;
        this.index = index;
        this.queue = new ChangeQueue(store, events, index, published, writeLock, representations, outbox);
        // Numbers keep increasing across restarts (MgmtObjEvent.sequence(); an outbox receipt is never issued twice): the
        // clock in microseconds, or the highest number of a record kept from before, whichever is higher.
        this.sequence.set(Math.max(outbox.highestSequence(), clock.millis() * 1000));
        this.rules = rules;
        this.representations = representations;
        this.expirationTimes = new ExpirationTimes(config);
        this.newResources = new NewResources(expirationTimes, index, published);
    }

    ResponsePrimitive create(RequestPrimitive request) {
        ChangeQueue.Queued queued;
        StoredResource created;
        boolean withAttributes;
        RequestContent content = RequestContent.forCreate(request); // parsed and checked before the lock
        Specialization createdAs = null; // a <node> has none
        writeLock.lock();
        try {
            ResourceIndex.Target parent = index.resolve(request.to());
            Integer ty = request.resourceType();
            if (ty == null) throw Rejection.badRequest("a CREATE must say the type of the new resource (ty=14 for a <node>, ty=13 for a <mgmtObj>)");
            String wrapper = content.wrapper();
            content.attributes();
            Instant now = clock.instant();

            // The tree is CSEBase -> <node> -> <mgmtObj> (TS-0001 table 9.6.18-1); nothing else is created here.
            if (parent.isCseBase() && ty == RemoteCseSchema.TY) {
                // the <remoteCSE> of a CSE this tree registered with (TS-0001 10.1.1.2.1), made by the registration
                if (!wrapper.equals(RemoteCseSchema.WRAPPER)) throw Rejection.badRequest("a <remoteCSE> is sent as {\"" + RemoteCseSchema.WRAPPER + "\": {...}}, not as '" + wrapper + "'");
                JsonObject attributes = content.checkedForCreate();
                TreeRules.checkExpirationInFuture(attributes, now);
                created = newResources.create(RemoteCseSchema.WRAPPER, RemoteCseSchema.TY, "csr", config.cseId(), attributes, now);
            } else if (parent.isCseBase()) {
                if (ty != NodeSchema.TY) throw new Rejection(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE,
                        "only a <node> (ty=14) or a <remoteCSE> (ty=16) can be created under the CSEBase; a <mgmtObj> (ty=13) belongs under a <node>");
                if (!wrapper.equals(NodeSchema.WRAPPER)) throw Rejection.badRequest("a <node> is sent as {\"" + NodeSchema.WRAPPER + "\": {...}}, not as '" + wrapper + "'");
                JsonObject attributes = content.checkedForCreate();
                TreeRules.checkExpirationInFuture(attributes, now);
                created = newResources.create(NodeSchema.WRAPPER, NodeSchema.TY, "nod", config.cseId(), attributes, now);
            } else if (parent.resource().resourceType() == NodeSchema.TY) {
                if (ty != ResourceTypes.MGMT_OBJ) throw new Rejection(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE,
                        "only a <mgmtObj> (ty=13) can be created under a <node>, not ty=" + ty);
                JsonObject attributes = content.checkedForCreate();
                Specialization specialization = content.specialization();
                createdAs = specialization;
                TreeRules.checkExpirationInFuture(attributes, now);
                String nodeId = parent.resource().resourceId();
                if (specialization.atMostOnePerNode()) rules.checkNoSibling(nodeId, specialization);
                rules.checkCrossAttributeRules(specialization, attributes, nodeId, null);
                created = newResources.create(specialization.shortName(), ResourceTypes.MGMT_OBJ, "mgo", nodeId, attributes, now);
            } else {
                throw new Rejection(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE,
                        ResourceTypes.withArticle(ResourceTypes.typeName(parent.resource())) + " cannot have child resources here");
            }
            rules.checkNameFree(created.parentId(), created.resourceName());
            withAttributes = Representations.writeReturnsAttributes(request);
            // an expired resource that held this name (or this 0..1 place) goes in the same change, as the sweep would
            List<StoredResource> displaced = new ArrayList<>();
            List<PendingEvent> changeEvents = new ArrayList<>();
            // occupants are distinct siblings (the named one, the 0..1 one): their subtrees cannot overlap
            for (StoredResource expired : index.occupants(created.parentId(), created.resourceName(), createdAs)) {
                index.collectSubtree(expired, displaced);
            }
            for (StoredResource r : displaced) {
                if (r.resourceType() == ResourceTypes.MGMT_OBJ) changeEvents.add(event(MgmtObjEvent.Kind.EXPIRED, r, null, now));
            }
            if (created.resourceType() == ResourceTypes.MGMT_OBJ) changeEvents.add(event(MgmtObjEvent.Kind.CREATED, created, null, now));
            queued = queue.commit(List.of(created), displaced, changeEvents);
        } finally {
            writeLock.unlock();
        }
        queued.awaitDurable();
        // DEBUG, not INFO: one synchronous stdout line per write was a large share of a write's CPU, and the
        // response already tells the originator; refusals and expiries, which nobody else hears of, stay at INFO.
        if (LOG.isDebugEnabled()) LOG.debug("created {} {} ({}) under {} for {}", ResourceTypes.typeName(created),
                created.resourceId(), created.resourceName(), created.parentId(), request.from());
        // the body is made outside the lock: the resource is immutable, and what rcn asks for was checked under it
        return new ResponsePrimitive(ResponseStatusCode.CREATED, request.requestId(),
                withAttributes ? representations.wrap(created) : null, "/" + config.cseId() + "/" + created.resourceId());
    }

    ResponsePrimitive update(RequestPrimitive request) {
        ChangeQueue.Queued queued;
        StoredResource updated;
        JsonObject changes;
        boolean withAttributes;
        RequestContent content = RequestContent.forUpdate(request); // parsed and checked before the lock
        writeLock.lock();
        try {
            ResourceIndex.Target target = index.resolve(request.to());
            if (target.isCseBase()) throw new Rejection(ResponseStatusCode.OPERATION_NOT_ALLOWED, "the CSEBase cannot be updated");
            StoredResource old = target.resource();
            String wrapper = content.wrapper();
            if (!TreeRules.namesTypeOf(wrapper, old)) throw Rejection.badRequest(old.resourceId() + " is " + ResourceTypes.withArticle(ResourceTypes.typeName(old))
                    + " and is updated as {\"" + old.wrapper() + "\": {...}}, not as '" + wrapper + "'");
            // TS-0009 6.4.2 puts ty in the Content-Type of a CREATE; a client that sends it on an UPDATE too must name the
            // target's own type, or it believes it is changing something else
            if (request.resourceType() != null && request.resourceType() != old.resourceType()) throw Rejection.badRequest(
                    old.resourceId() + " is " + ResourceTypes.withArticle(ResourceTypes.typeName(old)) + " (ty " + old.resourceType() + "), not ty "
                    + request.resourceType() + " as the Content-Type says");
            content.attributes();
            Instant now = clock.instant();
            Specialization specialization = old.resourceType() == ResourceTypes.MGMT_OBJ ? TreeRules.specializationOf(old.wrapper()) : null;
            ResourceSchema schema = specialization != null ? ResourceSchema.of(specialization)
                    : old.resourceType() == RemoteCseSchema.TY ? RemoteCseSchema.SCHEMA : NodeSchema.SCHEMA;
            JsonObject checked = content.checkedForUpdate(schema);
            TreeRules.checkExpirationInFuture(content.attributes(), now);
            changes = expirationTimes.forUpdate(checked, now);

            // A member sent as null (TS-0004 8.4.2: a NULL value) deletes the attribute; the others replace theirs.
            JsonObject merged = old.attributes();
            for (Map.Entry<String, JsonElement> change : changes.entrySet()) {
                if (change.getValue().isJsonNull()) merged.remove(change.getKey());
                else merged.add(change.getKey(), change.getValue());
            }
            merged.addProperty("lt", M2mTimestamp.format(now));
            if (specialization != null) rules.checkCrossAttributeRules(specialization, merged, old.parentId(), old);
            updated = new StoredResource(old.wrapper(), merged);
            withAttributes = Representations.writeReturnsAttributes(request);
            queued = queue.commit(List.of(updated), List.of(), specialization != null
                    ? List.of(event(MgmtObjEvent.Kind.UPDATED, updated, old, now)) : List.of());
        } finally {
            writeLock.unlock();
        }
        queued.awaitDurable();
        if (LOG.isDebugEnabled()) LOG.debug("updated {} {} ({}): {} for {}", ResourceTypes.typeName(updated),
                updated.resourceId(), updated.resourceName(), changes.keySet(), request.from());
        return new ResponsePrimitive(ResponseStatusCode.UPDATED, request.requestId(),
                withAttributes ? representations.wrap(updated) : null, null);
    }

    /**
     * Deletes the resource with its descendants, in parts of a bounded size ({@link SubtreeRemoval}); a DELETED event for
     * each mgmtObj among them. Answered once every part is durable.
     */
    ResponsePrimitive delete(RequestPrimitive request) {
        boolean withAttributes;
        SubtreeRemoval removal;
        ResourceIndex.Target target;
        List<StoredResource> removed = new ArrayList<>();
        writeLock.lock();
        try {
            target = index.resolve(request.to());
            if (target.isCseBase()) throw new Rejection(ResponseStatusCode.OPERATION_NOT_ALLOWED, "the CSEBase cannot be deleted");
            withAttributes = Representations.deleteReturnsAttributes(request); // after the target, as CREATE and UPDATE ask
            Instant now = clock.instant();
            index.collectSubtree(target.resource(), removed);
            removal = SubtreeRemoval.commit(queue, removed, part -> events(MgmtObjEvent.Kind.DELETED, part, now));
        } finally {
            writeLock.unlock();
        }
        try {
            removal.awaitDurable();
        } catch (SubtreeRemoval.PartlyRemoved partly) {
            LOG.error("DELETE {} from {}: {}; the rest, {} among it, {}", LogText.printable(request.to()), LogText.printable(request.from()), partly.getMessage(),
                    target.resource().resourceId(), partly.unconfirmed ? "may or may not be deleted" : "is still there", partly);
            return Representations.error(ResponseStatusCode.INTERNAL_SERVER_ERROR, request.requestId(), partly.removed + " of the "
                    + partly.total + " resources of this subtree were deleted, the deepest first, before a write "
                    + (partly.unconfirmed ? "was not confirmed in time; the rest, " + target.resource().resourceId()
                            + " among it, may or may not be deleted: RETRIEVE it, and DELETE it again if it is there"
                            : "failed; the rest, " + target.resource().resourceId() + " among it, is still there: DELETE it again"));
        }
        if (LOG.isDebugEnabled()) LOG.debug("deleted {} {} ({}) and {} descendant(s) for {}", ResourceTypes.typeName(target.resource()),
                target.resource().resourceId(), target.resource().resourceName(), removed.size() - 1, request.from());
        return new ResponsePrimitive(ResponseStatusCode.DELETED, request.requestId(),
                withAttributes ? representations.wrap(target.resource()) : null, null);
    }

    /**
     * Removes every resource whose expirationTime has passed, with its descendants, in parts of a bounded size
     * ({@link SubtreeRemoval}), and publishes {@code EXPIRED} for each mgmtObj removed. A part that fails leaves the rest
     * for the next sweep.
     *
     * @return how many resources were removed
     */
    int expireDue() {
        if (!index.mayHaveExpiredAt(clock.instant())) return 0; // nothing can be due: no scan, no lock
        SubtreeRemoval removal;
        List<StoredResource> due;
        writeLock.lock();
        try {
            Instant now = clock.instant();
            due = index.expiredAt(now);
            if (due.isEmpty()) return 0;
            List<StoredResource> removed = SubtreeRemoval.preOrder(index, due);
            removal = SubtreeRemoval.commit(queue, removed, part -> events(MgmtObjEvent.Kind.EXPIRED, part, now));
        } finally {
            writeLock.unlock();
        }
        int removed;
        try {
            removed = removal.awaitDurable();
        } catch (SubtreeRemoval.PartlyRemoved partly) {
            LOG.error("expiry of {} resource(s) due, {}: {}; the rest is removed at the next sweep", due.size(),
                    due.stream().limit(10).map(r -> r.resourceId() + " (" + r.resourceName() + ")").collect(java.util.stream.Collectors.joining(", "))
                            + (due.size() > 10 ? " and " + (due.size() - 10) + " more" : ""), partly.getMessage(), partly);
            return partly.removed;
        }
        for (StoredResource r : due) {
            LOG.info("{} {} ({}) expired at {} and was removed", ResourceTypes.typeName(r), r.resourceId(), r.resourceName(),
                    M2mTimestamp.format(r.expirationTime()));
        }
        return removed;
    }

    /**
     * Events carry snapshots and a sequence number, so listeners can order what reaches them on separate threads. The
     * number is taken here, under the write lock, in commit order; the snapshots are made once the change is durable.
     */
    private PendingEvent event(MgmtObjEvent.Kind kind, StoredResource r, StoredResource previous, Instant now) {
        return new PendingEvent(kind, r, previous, now, sequence.incrementAndGet());
    }

    /** One event of {@code kind} for each mgmtObj among the removed resources. */
    private List<PendingEvent> events(MgmtObjEvent.Kind kind, List<StoredResource> removed, Instant now) {
        List<PendingEvent> events = new ArrayList<>();
        for (StoredResource r : removed) {
            if (r.resourceType() == ResourceTypes.MGMT_OBJ) events.add(event(kind, r, null, now));
        }
        return events;
    }
}
