package org.example.mgmtobj.impl.tree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.example.mgmtobj.impl.store.StoredResource;

/**
 * Subtrees removed (a DELETE, the expiry sweep) in parts of at most {@link #perChange} resources, each a change of its
 * own for the store, the deepest part first. As one change, the removals of a node with about 400,000 mgmtObjs (and
 * their events' outbox records) made a journal record of 187 MB that did not fit in a 1 GiB heap: the DELETE failed,
 * however often it was sent. The store still puts parts queued together into one batch; its journal
 * forces a large batch in parts between changes (mvstore's {@code WriteAheadJournal.flushBytes}), so the parts of one
 * DELETE usually share few syncs.
 *
 * <p>A part is a suffix of a pre-order list (ancestors before descendants), so no part removes a resource whose
 * descendants stay: a crash between two parts leaves a whole tree, with the subtree's root and the resources nearest
 * it still there. The DELETE was not answered, and sent again it removes the rest.
 */
final class SubtreeRemoval {
    /** Package-private and mutable for the tests. A part of 10,000 authenticationProfiles is a journal record of about 5 MB. */
    static volatile int perChange = 10_000;

    private final List<ChangeQueue.Queued> parts;
    private final int total;
    /** Why a part after the first could not be queued (then it and the parts above it were not), or null. */
    private final RuntimeException notQueued;

    private SubtreeRemoval(List<ChangeQueue.Queued> parts, int total, RuntimeException notQueued) {
        this.parts = parts;
        this.total = total;
        this.notQueued = notQueued;
    }

    /**
     * The subtrees of {@code roots}, each resource once, ancestors before descendants: a root inside an earlier root's
     * subtree adds nothing, and an earlier root inside a later one's subtree moves to its place in that one.
     */
    static List<StoredResource> preOrder(ResourceIndex index, List<StoredResource> roots) {
        Map<String, StoredResource> ordered = new LinkedHashMap<>();
        List<StoredResource> subtree = new ArrayList<>();
        for (StoredResource root : roots) {
            if (ordered.containsKey(root.resourceId())) continue;
            subtree.clear();
            index.collectSubtree(root, subtree);
            for (StoredResource r : subtree) ordered.remove(r.resourceId());
            for (StoredResource r : subtree) ordered.put(r.resourceId(), r);
        }
        return new ArrayList<>(ordered.values());
    }

    /**
     * Under the write lock: queues the removal of {@code ordered} (ancestors before descendants) in parts, the last
     * resources first, each part with its events.
     */
    static SubtreeRemoval commit(ChangeQueue queue, List<StoredResource> ordered, Function<List<StoredResource>, List<PendingEvent>> events) {
        List<ChangeQueue.Queued> parts = new ArrayList<>();
        int size = Math.max(1, perChange);
        for (int to = ordered.size(); to > 0; to -= size) {
            List<StoredResource> part = new ArrayList<>(ordered.subList(Math.max(0, to - size), to));
            ChangeQueue.Queued queued;
            try {
                queued = queue.commit(List.of(), part, events.apply(part));
            } catch (RuntimeException e) { // not queued, and undone (a store closing): the parts queued before may still be stored
                if (parts.isEmpty()) throw e;
                return new SubtreeRemoval(parts, ordered.size(), e);
            }
            parts.add(queued);
            // a store that failed the part at once (not queued behind the others): the parts above it must not follow,
            // or they would remove ancestors of what stays
            if (queued.withdrawn) break;
        }
        return new SubtreeRemoval(parts, ordered.size(), null);
    }

    /**
     * Outside the lock: waits until every part is durable.
     *
     * @return how many resources were removed
     * @throws RuntimeException the first part's failure: then nothing was removed
     * @throws PartlyRemoved when a later part failed: the parts before it were removed
     */
    int awaitDurable() {
        int removed = 0;
        for (ChangeQueue.Queued part : parts) {
            try {
                part.awaitDurable();
            } catch (RuntimeException e) {
                if (removed == 0) throw e;
                throw new PartlyRemoved(removed, total, e, ChangeQueue.unconfirmed(e));
            }
            removed += part.removals.size();
        }
        if (notQueued != null) throw new PartlyRemoved(removed, total, notQueued, false);
        return removed;
    }

    /** Some parts were made durable, a later one was not (or not confirmed in time): the rest, the roots among it, stays. */
    static final class PartlyRemoved extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int removed, total;
        /** The store did not say in time whether the next part was stored: it and those above it may be. */
        final boolean unconfirmed;

        PartlyRemoved(int removed, int total, RuntimeException cause, boolean unconfirmed) {
            super(removed + " of " + total + " resources were removed, the deepest first, before a write "
                    + (unconfirmed ? "was not confirmed in time" : "failed") + " (" + cause + ")", cause);
            this.removed = removed;
            this.total = total;
            this.unconfirmed = unconfirmed;
        }
    }
}
