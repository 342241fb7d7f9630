package org.example.mgmtobj.impl.tree;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.example.mgmtobj.api.Specialization;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.mgmtobj.impl.schema.Rejection;
import org.example.mgmtobj.impl.store.StoredResource;

/**
 * The resources held in memory and the addressing that finds them. The tree keeps two of these
 * ({@link ResourceTreeEngine}): the one readers use, which holds only what is durable, and the one
 * {@link TreeWriter} checks its rules against and changes under its write lock, which holds the changes queued
 * for the store too. Readers use theirs without a lock (concurrent maps); only the store's writer thread changes
 * it, once a change is durable, in commit order.
 * <p>
 * Cost per request does not depend on how many resources there are or how many siblings one has: a resource is
 * found by resourceID in one hash look-up, a path segment by name in one more (a name map per parent), liveness
 * walks the parent chain (depth 2 at most: node, mgmtObj), and the 0..1-per-node rule looks up one key. Only
 * listing children (rcn 4/5/6, {@code mgmtObjsOf}) gathers and sorts them.
 * <p>
 * Liveness is decided here and nowhere else: a resource whose expirationTime (TS-0004 table 7.4.15.1-1)
 * has passed, or whose ancestor's has, is gone for every reader even before {@link TreeWriter#expireDue()}
 * removes it.
 * <p>
 * Names are unique per parent among all held resources, live or expired, and so is a 0..1-per-node
 * specialization per node: a CREATE that takes the name (or the place) of an expired resource removes that one
 * in the same change ({@link #occupant}), so that the name map can hold one resource per name.
 */
final class ResourceIndex {
    private final TreeConfig config;
    private final Clock clock;
    private final Map<String, StoredResource> byId = new ConcurrentHashMap<>();
    /** parentId -> (resourceName -> child); a parent without children has no entry */
    private final Map<String, Map<String, StoredResource>> children = new ConcurrentHashMap<>();
    /** parentId NUL specialization short name -> the one mgmtObj of a 0..1-per-node specialization under it */
    private final Map<String, StoredResource> singletons = new ConcurrentHashMap<>();
    /** The writer's index only: its resources by expirationTime, for the sweep; null in the readers' index. */
    private final ExpiryOrder expiry;
    /** The readers' index only: {@link MgmtLinks}, for "which MOs link to this one"; null in the writer's index. */
    private final MgmtLinks links;

    /**
     * @param ordersExpiry whether this is the writer's index, which the expiry sweep asks what is due; the other one (the
     *        readers') indexes mgmtLinks by what they name
     */
    ResourceIndex(TreeConfig config, Clock clock, boolean ordersExpiry) {
        this.config = config;
        this.clock = clock;
        this.expiry = ordersExpiry ? new ExpiryOrder() : null;
        this.links = ordersExpiry ? null : new MgmtLinks();
    }

    int size() { return byId.size(); }

    boolean containsId(String resourceId) { return byId.containsKey(resourceId); }

    /** The resource with this ID, live or not. */
    StoredResource get(String resourceId) { return byId.get(resourceId); }

    // ----------------------------------------------------------------------------------------------
    // Changes (the writer's index: TreeWriter under its write lock; the readers' index: the store's writer thread)
    // ----------------------------------------------------------------------------------------------

    /** Adds or replaces (same resourceID, same parent and name) a resource. */
    void put(StoredResource r) {
        StoredResource replaced = byId.put(r.resourceId(), r);
        if (expiry != null) {
            if (replaced != null) expiry.remove(replaced);
            expiry.add(r);
        }
        children.computeIfAbsent(r.parentId(), k -> new ConcurrentHashMap<>(4)).put(r.resourceName(), r);
        String singleton = singletonKey(r);
        if (singleton != null) singletons.put(singleton, r);
        if (links != null) links.put(r);
    }

    /** Removes one resource (its children are removed on their own, by the same change). */
    void remove(StoredResource r) {
        String ri = r.resourceId();
        StoredResource removed = byId.remove(ri);
        if (expiry != null && removed != null) expiry.remove(removed);
        Map<String, StoredResource> siblings = children.get(r.parentId());
        if (siblings != null) {
            siblings.computeIfPresent(r.resourceName(), (name, held) -> held.resourceId().equals(ri) ? null : held);
            if (siblings.isEmpty()) children.remove(r.parentId(), siblings);
        }
        String singleton = singletonKey(r);
        if (singleton != null) singletons.computeIfPresent(singleton, (key, held) -> held.resourceId().equals(ri) ? null : held);
        children.remove(ri);
        if (links != null) links.remove(ri);
    }

    /** Only the specializations that may appear once per node are indexed by specialization. */
    private static String singletonKey(StoredResource r) {
        if (r.resourceType() != ResourceTypes.MGMT_OBJ) return null;
        Optional<Specialization> s = Specialization.byShortName(r.wrapper());
        return s.isPresent() && s.get().atMostOnePerNode() ? singletonKey(r.parentId(), s.get()) : null;
    }

    private static String singletonKey(String parentId, Specialization s) {
        return parentId + '\u0000' + s.shortName();
    }

    // ----------------------------------------------------------------------------------------------
    // Reads
    // ----------------------------------------------------------------------------------------------

    Optional<StoredResource> live(String resourceId) {
        StoredResource r = byId.get(resourceId);
        return r == null || expiredWithAncestors(r, clock.instant()) ? Optional.empty() : Optional.of(r);
    }

    /** An expired resource, or one whose node has expired, is gone for readers even before the sweep removes it. O(depth). */
    private boolean expiredWithAncestors(StoredResource r, Instant now) {
        for (StoredResource cur = r; cur != null; cur = byId.get(cur.parentId())) {
            if (cur.expiredAt(now)) return true;
        }
        return false;
    }

    /**
     * The live children of a resource (or of the CSEBase, by its CSE-ID), ordered by resourceID so answers are
     * stable. Gathers and sorts: for listings only (rcn 4/5/6, mgmtObjsOf), never to find one child.
     */
    List<StoredResource> liveChildren(String parentId) {
        Map<String, StoredResource> held = children.get(parentId);
        if (held == null) return List.of();
        StoredResource parent = byId.get(parentId);
        Instant now = clock.instant();
        if (parent != null && expiredWithAncestors(parent, now)) return List.of();
        List<StoredResource> live = new ArrayList<>(held.size());
        for (StoredResource r : held.values()) {
            if (!r.expiredAt(now)) live.add(r);
        }
        live.sort(Comparator.comparing(StoredResource::resourceId));
        return live;
    }

    /**
     * The readers' index: the live resources that may link to {@code target} (candidates: each is checked by resolving
     * its links). Without the link index (the writer's), none.
     */
    List<StoredResource> mayLinkTo(StoredResource target) {
        if (links == null) return List.of();
        List<StoredResource> found = new ArrayList<>();
        for (String ri : links.mayName(target)) live(ri).ifPresent(found::add);
        return found;
    }

    /** The live child with this resourceName: the segment of a structured address (TS-0001 9.3.1). O(1). */
    Optional<StoredResource> liveChild(String parentId, String resourceName) {
        Map<String, StoredResource> held = children.get(parentId);
        StoredResource r = held == null ? null : held.get(resourceName);
        return r == null || expiredWithAncestors(r, clock.instant()) ? Optional.empty() : Optional.of(r);
    }

    /** The live mgmtObj of a 0..1-per-node specialization under a node, if there is one. O(1). */
    Optional<StoredResource> liveSingleton(String nodeId, Specialization specialization) {
        StoredResource r = singletons.get(singletonKey(nodeId, specialization));
        return r == null || expiredWithAncestors(r, clock.instant()) ? Optional.empty() : Optional.of(r);
    }

    /**
     * What holds the place a new resource would take, live or expired: the child of that name, and for a
     * 0..1-per-node specialization the one of that specialization. The rules have refused the live ones; a
     * CREATE removes the expired ones (they are gone for readers already) in the same change.
     */
    List<StoredResource> occupants(String parentId, String resourceName, Specialization specialization) {
        List<StoredResource> found = new ArrayList<>(2);
        Map<String, StoredResource> held = children.get(parentId);
        StoredResource named = held == null ? null : held.get(resourceName);
        if (named != null) found.add(named);
        if (specialization != null && specialization.atMostOnePerNode()) {
            StoredResource single = singletons.get(singletonKey(parentId, specialization));
            if (single != null && single != named) found.add(single);
        }
        return found;
    }

    /** Every live resource of one type, ordered by resourceID. */
    List<StoredResource> allLive(int resourceType) {
        Instant now = clock.instant();
        List<StoredResource> live = new ArrayList<>();
        for (StoredResource r : byId.values()) {
            if (r.resourceType() == resourceType && !expiredWithAncestors(r, now)) live.add(r);
        }
        live.sort(Comparator.comparing(StoredResource::resourceId));
        return live;
    }

    /** False when no resource can have expired at {@code now}: the sweep's check that costs nothing (writer's index). */
    boolean mayHaveExpiredAt(Instant now) {
        return expiry.earliestMillis() <= now.toEpochMilli();
    }

    /**
     * The resources whose own expirationTime has passed (their descendants are not listed), from the expiry order:
     * what is due, not every resource. The writer's index, under the writer's lock.
     */
    List<StoredResource> expiredAt(Instant now) {
        return expiry.dueAt(now);
    }

    /** Adds {@code root} and all its descendants, live or not, to {@code into}: what a DELETE or an expiry removes. */
    void collectSubtree(StoredResource root, List<StoredResource> into) {
        into.add(root);
        Map<String, StoredResource> held = children.get(root.resourceId());
        if (held == null) return;
        for (StoredResource child : held.values()) collectSubtree(child, into);
    }

    // ----------------------------------------------------------------------------------------------
    // Addressing
    // ----------------------------------------------------------------------------------------------

    /** The CSEBase, or one live resource. */
    static final class Target {
        private static final Target CSE_BASE = new Target(null);
        private final StoredResource resource;

        Target(StoredResource resource) { this.resource = resource; }

        boolean isCseBase() { return resource == null; }
        StoredResource resource() { return resource; }
    }

    /**
     * Resolves an SP-relative address: {@code /{cse-id}} or {@code /{cse-id}/{cse-name}} is the CSEBase,
     * {@code /{cse-id}/{cse-name}/{rn}/{rn}} is structured, {@code /{cse-id}/{ri}} is unstructured
     * (TS-0001 9.3.1; the {@code /~} prefix of the HTTP binding, TS-0009 6.2.2.2, is accepted too).
     * One hash look-up per segment; empty segments are skipped.
     *
     * @throws Rejection NOT_FOUND when nothing live is at that address
     */
    Target resolve(String to) {
        String path = to.startsWith("/~/") ? to.substring(2) : to.startsWith("~/") ? to.substring(1) : to;
        int[] cursor = {0};
        String first = nextSegment(path, cursor);
        if (first == null || !first.equals(config.cseId())) {
            throw new Rejection(ResponseStatusCode.NOT_FOUND, "'" + to + "' is not on this CSE; addresses here start with /"
                    + config.cseId() + "/" + config.cseName());
        }
        String second = nextSegment(path, cursor);
        if (second == null) return Target.CSE_BASE;
        if (!second.equals(config.cseName())) {
            if (nextSegment(path, cursor) != null) throw notFound(to);
            return new Target(live(second).orElseThrow(() -> notFound(to)));
        }
        StoredResource current = null;
        String parentId = config.cseId();
        for (String name = nextSegment(path, cursor); name != null; name = nextSegment(path, cursor)) {
            Map<String, StoredResource> held = children.get(parentId);
            current = held == null ? null : held.get(name);
            if (current == null) throw notFound(to);
            parentId = current.resourceId();
        }
        if (current == null) return Target.CSE_BASE;
        // each segment was a child of the one before, so the chain checked here is the path's
        if (expiredWithAncestors(current, clock.instant())) throw notFound(to);
        return new Target(current);
    }

    /** The next non-empty segment from {@code cursor[0]}, advancing it; null at the end. */
    private static String nextSegment(String path, int[] cursor) {
        int i = cursor[0];
        int n = path.length();
        while (i < n && path.charAt(i) == '/') i++;
        if (i >= n) {
            cursor[0] = n;
            return null;
        }
        int end = path.indexOf('/', i);
        if (end < 0) end = n;
        cursor[0] = end;
        return path.substring(i, end);
    }

    /**
     * What a mgmtLink's {@code val} points at: a resourceID, or an SP-relative address (m2m:mgmtLinkRef,
     * TS-0004 table 6.3.5.24-1, holds a URI). The CSEBase is not a link target.
     */
    Optional<StoredResource> findLinkTarget(String val) {
        if (!val.startsWith("/")) return live(val);
        try {
            Target t = resolve(val);
            return t.isCseBase() ? Optional.empty() : Optional.of(t.resource());
        } catch (Rejection notFound) {
            return Optional.empty();
        }
    }

    private static Rejection notFound(String to) {
        return new Rejection(ResponseStatusCode.NOT_FOUND, "no resource at " + to);
    }
}
