package org.example.mgmtobj.impl.tree;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.mgmtobj.impl.schema.Rejection;
import org.example.mgmtobj.impl.store.StoredResource;

/**
 * The resources held in memory and the addressing that finds them. The whole tree is kept here because
 * device configuration is small; readers use it without a lock (concurrent maps). After the engine has
 * loaded the store into it, only {@link TreeWriter} changes it, under its write lock, once the store has
 * accepted the change.
 * <p>
 * Liveness is decided here and nowhere else: a resource whose expirationTime (TS-0004 table 7.4.15.1-1)
 * has passed, or whose ancestor's has, is gone for every reader even before {@link TreeWriter#expireDue()}
 * removes it.
 * <p>
 * Every lookup of a child by name goes through {@link #liveChild(String, String)}, so that making path
 * resolution O(1) per segment (a name index per parent) changes this class only.
 */
final class ResourceIndex {
    private final TreeConfig config;
    private final Clock clock;
    private final Map<String, StoredResource> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> childIds = new ConcurrentHashMap<>();

    ResourceIndex(TreeConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    int size() { return byId.size(); }

    boolean containsId(String resourceId) { return byId.containsKey(resourceId); }

    // ----------------------------------------------------------------------------------------------
    // Changes (TreeWriter only, under its write lock)
    // ----------------------------------------------------------------------------------------------

    void put(StoredResource r) {
        byId.put(r.resourceId(), r);
        childIds.computeIfAbsent(r.parentId(), k -> ConcurrentHashMap.newKeySet()).add(r.resourceId());
    }

    void remove(StoredResource r) {
        byId.remove(r.resourceId());
        Set<String> siblings = childIds.get(r.parentId());
        if (siblings != null) siblings.remove(r.resourceId());
        childIds.remove(r.resourceId());
    }

    // ----------------------------------------------------------------------------------------------
    // Reads
    // ----------------------------------------------------------------------------------------------

    Optional<StoredResource> live(String resourceId) {
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

    /** The live children of a resource (or of the CSEBase, by its CSE-ID), ordered by resourceID so answers are stable. */
    List<StoredResource> liveChildren(String parentId) {
        Instant now = clock.instant();
        Set<String> ids = childIds.getOrDefault(parentId, Set.of());
        return ids.stream().map(byId::get).filter(r -> r != null && !expiredWithAncestors(r, now))
                .sorted(Comparator.comparing(StoredResource::resourceId)).collect(Collectors.toList());
    }

    /**
     * The live child with this resourceName: the segment of a structured address (TS-0001 9.3.1). Names
     * are unique among live siblings ({@link TreeRules#checkNameFree}). Today this scans {@link #liveChildren};
     * a per-parent name index belongs here.
     */
    Optional<StoredResource> liveChild(String parentId, String resourceName) {
        return liveChildren(parentId).stream().filter(r -> r.resourceName().equals(resourceName)).findFirst();
    }

    /** Every live resource of one type, ordered by resourceID. */
    List<StoredResource> allLive(int resourceType) {
        Instant now = clock.instant();
        return byId.values().stream().filter(r -> r.resourceType() == resourceType && !expiredWithAncestors(r, now))
                .sorted(Comparator.comparing(StoredResource::resourceId)).collect(Collectors.toList());
    }

    /** The resources whose own expirationTime has passed (their descendants are not listed). */
    List<StoredResource> expiredAt(Instant now) {
        return byId.values().stream().filter(r -> r.expiredAt(now)).collect(Collectors.toList());
    }

    /** Adds {@code root} and all its descendants, live or not, to {@code into}: what a DELETE or an expiry removes. */
    void collectSubtree(StoredResource root, List<StoredResource> into) {
        into.add(root);
        for (String childId : childIds.getOrDefault(root.resourceId(), Set.of())) {
            StoredResource child = byId.get(childId);
            if (child != null) collectSubtree(child, into);
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Addressing
    // ----------------------------------------------------------------------------------------------

    /** The CSEBase, or one live resource. */
    static final class Target {
        private final StoredResource resource;

        Target(StoredResource resource) { this.resource = resource; }

        boolean isCseBase() { return resource == null; }
        StoredResource resource() { return resource; }
    }

    /**
     * Resolves an SP-relative address: {@code /{cse-id}} or {@code /{cse-id}/{cse-name}} is the CSEBase,
     * {@code /{cse-id}/{cse-name}/{rn}/{rn}} is structured, {@code /{cse-id}/{ri}} is unstructured
     * (TS-0001 9.3.1; the {@code /~} prefix of the HTTP binding, TS-0009 6.2.2.2, is accepted too).
     *
     * @throws Rejection NOT_FOUND when nothing live is at that address
     */
    Target resolve(String to) {
        String path = to.startsWith("/~/") ? to.substring(2) : to.startsWith("~/") ? to.substring(1) : to;
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).collect(Collectors.toList());
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
            StoredResource child = liveChild(parentId, name).orElseThrow(() -> notFound(to));
            current = new Target(child);
            parentId = child.resourceId();
        }
        return current;
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
