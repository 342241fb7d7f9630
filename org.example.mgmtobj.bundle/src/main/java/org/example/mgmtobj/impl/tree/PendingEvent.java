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

    /** @param representations over the readers' index as it was before this change, as the writer's was when it was made */
    MgmtObjEvent build(Representations representations) {
        return new MgmtObjEvent(kind, representations.view(resource), previous == null ? null : representations.view(previous),
                at, sequence);
    }
}
