package org.example.mgmtobj.impl.tree;

import java.time.Instant;

import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.mgmtobj.impl.store.StoredResource;

/**
 * An event of a queued change before its {@link org.example.mgmtobj.api.MgmtObj} snapshots are made: the writer
 * fixes what happened, when, and the sequence number (so numbers follow commit order); the snapshots are made once
 * the change is durable, and only if someone listens ({@link EventSink#publish(java.util.function.Supplier, Runnable)}).
 */
record PendingEvent(MgmtObjEvent.Kind kind, StoredResource resource, StoredResource previous, Instant at, long sequence) {

    private static final byte[] LINKS = StoredResource.memberPattern("cmlk");

    /** @param representations over the readers' index as it was before this change, as the writer's was when it was made */
    MgmtObjEvent build(Representations representations) {
        return new MgmtObjEvent(kind, representations.view(resource), previous == null ? null : representations.view(previous),
                at, sequence);
    }

    /**
     * On the store's writer thread: an MO with mgmtLinks is made into its snapshot at once, because its links are
     * resolved against the readers' index as it stands now; one without any (no {@code "cmlk":} in its bytes) needs
     * nothing of the index, so its snapshot, a parse of its JSON, is left to the listener's thread.
     */
    EventSink.Draft draft(Representations representations) {
        if (resource.mayHaveMember(LINKS) || (previous != null && previous.mayHaveMember(LINKS))) return EventSink.Draft.of(build(representations));
        return new EventSink.Draft() {
            private MgmtObjEvent made;

            @Override public long sequence() { return sequence; }

            @Override
            public synchronized MgmtObjEvent event() {
                if (made == null) made = build(representations);
                return made;
            }
        };
    }
}
