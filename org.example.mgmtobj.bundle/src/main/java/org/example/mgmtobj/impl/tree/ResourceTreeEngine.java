package org.example.mgmtobj.impl.tree;

import org.example.onem2m.primitive.LogText;

import java.util.ArrayList;
import java.util.Comparator;
import java.time.Instant;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.mgmtobj.api.Specialization;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.mgmtobj.api.ResourceTree;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.mgmtobj.impl.schema.Rejection;
import org.example.mgmtobj.impl.store.ResourceStore;
import org.example.mgmtobj.impl.store.StoredResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource tree: a CSEBase, {@code <node>} resources under it and TS-0022 {@code <mgmtObj>} resources
 * under each node. This is the entry the component uses; the work is split by responsibility:
 * <ul>
 * <li>{@link ResourceIndex}: the resources in memory, liveness and addressing;</li>
 * <li>{@link TreeRules}: who may ask, and the rules across attributes and resources;</li>
 * <li>{@link Representations}: JSON in and out, resultContent, {@link MgmtObj} snapshots;</li>
 * <li>{@link TreeWriter}: CREATE, UPDATE, DELETE and expiry: validated under one write lock, durable (group
 * commit) outside it, visible to readers only once durable.</li>
 * </ul>
 * There are two indexes: the readers' (durable changes only), which reads use without a lock, and the writer's
 * (durable and queued changes), which the rules check. Both share the same immutable {@link StoredResource}s.
 */
public final class ResourceTreeEngine implements ResourceTree {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceTreeEngine.class);

    private final ResourceIndex index;
    private final TreeRules rules;
    private final Representations representations;
    private final Clock clock;
    private final TreeWriter writer;
    private final Outbox outbox;

    public ResourceTreeEngine(TreeConfig config, ResourceStore store, EventSink events, Clock clock) {
        this.clock = clock;
        this.index = new ResourceIndex(config, clock, false);
        ResourceIndex writers = new ResourceIndex(config, clock, true);
        this.rules = new TreeRules(config, writers);
        this.representations = new Representations(config, index);
        this.outbox = new Outbox(store, representations);
        List<StoredResource> resources = outbox.load(store.loadAll());
        this.writer = new TreeWriter(config, store, events, clock, writers, index, rules, representations, outbox);
        List<StoredResource> loaded = StoredFormMigration.migrate(resources, store, new ExpirationTimes(config), clock.instant());
        // Expired ones first: a file written before names were checked against expired siblings may hold an expired
        // and a live resource of one name (or one 0..1 place); the live one must be the one the name finds, and the
        // sweep then removes the expired one without touching the live one's slot.
        Instant now = clock.instant();
        loaded.sort(Comparator.comparing(r -> !r.expiredAt(now)));
        for (StoredResource r : loaded) {
            for (StoredResource other : writers.occupants(r.parentId(), r.resourceName(), null)) {
                LOG.warn("{} and {} are both named '{}' under {}; {} is found by name from now on", other.resourceId(),
                        r.resourceId(), r.resourceName(), r.parentId(), r.resourceId());
            }
            writers.put(r);
            index.put(r);
        }
    }

    public int size() { return index.size(); }

    /** The durable subscriptions and their outbox records. */
    public Outbox outbox() { return outbox; }

    @Override
    public void acknowledge(String receipt) { outbox.acknowledge(receipt); }

    /**
     * Serves one request primitive. A refusal is an answer with its status code and a reason; any other
     * failure is INTERNAL_SERVER_ERROR, and since a change reaches readers only after the store made it durable
     * (and is undone when it could not), nothing was changed either way.
     */
    @Override
    public ResponsePrimitive handle(RequestPrimitive request) {
        try {
            rules.checkOriginator(request.from());
            switch (request.operation()) {
                case CREATE: return writer.create(request);
                case RETRIEVE: return retrieve(request);
                case UPDATE: return writer.update(request);
                case DELETE: return writer.delete(request);
                default: throw new Rejection(ResponseStatusCode.NOT_IMPLEMENTED, "operation " + request.operation() + " is not supported");
            }
        } catch (Rejection r) {
            LOG.info("{} {} from {} refused with {} ({}): {}", request.operation(), LogText.printable(request.to()),
                    LogText.printable(request.from()), r.status().code(), r.status(), LogText.printable(r.getMessage()));
            return Representations.error(r.status(), request.requestId(), r.getMessage());
        } catch (RuntimeException e) {
            if (ChangeQueue.unconfirmed(e)) { // the store did not answer in time: the change is queued and may still be stored
                LOG.error("{} {} from {}: the store did not confirm the change in time; it may or may not be made", request.operation(),
                        LogText.printable(request.to()), LogText.printable(request.from()), e);
                return Representations.error(ResponseStatusCode.INTERNAL_SERVER_ERROR, request.requestId(),
                        "internal error: the store did not confirm the change in time; it may or may not be made: retrieve the resource to see");
            }
            LOG.error("{} {} from {} failed; nothing was changed", request.operation(), LogText.printable(request.to()),
                    LogText.printable(request.from()), e);
            return Representations.error(ResponseStatusCode.INTERNAL_SERVER_ERROR, request.requestId(),
                    "internal error, nothing was changed: " + e.getClass().getSimpleName());
        }
    }

    private ResponsePrimitive retrieve(RequestPrimitive request) {
        ResourceIndex.Target target = index.resolve(request.to());
        return new ResponsePrimitive(ResponseStatusCode.OK, request.requestId(),
                representations.retrieveBody(target, request.resultContent()), null);
    }

    @Override
    public Optional<MgmtObj> mgmtObj(String resourceId) {
        return index.live(resourceId).filter(r -> r.resourceType() == ResourceTypes.MGMT_OBJ).map(representations::view);
    }

    @Override
    public List<MgmtObj> mgmtObjsOf(String nodeResourceId) {
        return index.liveChildren(nodeResourceId).stream().filter(r -> r.resourceType() == ResourceTypes.MGMT_OBJ)
                .map(representations::view).collect(Collectors.toList());
    }

    @Override
    public List<MgmtObj> mgmtObjsLinkingTo(String resourceId) {
        Optional<StoredResource> target = index.live(resourceId);
        if (target.isEmpty()) return List.of();
        List<MgmtObj> linking = new ArrayList<>();
        for (StoredResource r : index.mayLinkTo(target.get())) { // candidates by their links' last segment (MgmtLinks)
            if (!r.parentId().equals(target.get().parentId())) continue; // a link stays within its <node>
            MgmtObj mo = representations.view(r);
            if (mo.links().stream().anyMatch(l -> l.target().equals(resourceId))) linking.add(mo);
        }
        return linking;
    }

    @Override
    public List<MgmtObj> allMgmtObjs() {
        return index.allLive(ResourceTypes.MGMT_OBJ).stream().map(representations::view).collect(Collectors.toList());
    }

    /**
     * A listener's snapshot ({@link org.example.mgmtobj.api.MgmtObjListener#SNAPSHOT}), taken under the event
     * dispatcher's lock, which the store's writer thread waits for: the mgmtObjs of these specializations (all when
     * empty) as CREATED drafts of sequence 0, their views made now only where links must be resolved against the
     * index as it stands ({@link PendingEvent#draft}). One whose stored form is not a known specialization is left out
     * and logged.
     */
    public List<EventSink.Draft> snapshot(Set<Specialization> specializations) {
        Instant at = clock.instant();
        List<EventSink.Draft> drafts = new ArrayList<>();
        for (StoredResource r : index.allLive(ResourceTypes.MGMT_OBJ)) {
            Optional<Specialization> s = Specialization.byShortName(r.wrapper());
            if (s.isEmpty()) {
                LOG.error("mgmtObj {} ({}) is left out of a listener's snapshot: {} is no known specialization", r.resourceId(), r.resourceName(), r.wrapper());
            } else if (specializations.isEmpty() || specializations.contains(s.get())) {
                try {
                    drafts.add(new PendingEvent(MgmtObjEvent.Kind.CREATED, r, null, at, 0).draft(representations));
                } catch (RuntimeException e) {
                    LOG.error("mgmtObj {} ({}) is left out of a listener's snapshot: {}", r.resourceId(), r.resourceName(), e.toString());
                }
            }
        }
        return drafts;
    }

    /**
     * Removes every resource whose expirationTime has passed, with its descendants, in parts ({@link SubtreeRemoval}),
     * and publishes {@code EXPIRED} for each mgmtObj removed.
     *
     * @return how many resources were removed
     */
    public int expireDue() { return writer.expireDue(); }
}
