package org.example.mgmtobj.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A committed change to a TS-0022 {@code <mgmtObj>}: what TS-0003 8.3.4.2, 8.3.4.3 and 8.3.9.9 make the
 * MEF and MAF Clients react to.
 */
public final class MgmtObjEvent {

    public enum Kind {
        /** The resource was created. */
        CREATED,
        /** The resource was updated; {@link #previous()} holds the representation before the update. */
        UPDATED,
        /** The resource was deleted, by a DELETE of itself or of its {@code <node>}. */
        DELETED,
        /** The resource's expirationTime passed (or its {@code <node>}'s), and the CSE removed it. */
        EXPIRED
    }

    private final Kind kind;
    private final MgmtObj mgmtObj;
    private final MgmtObj previous;
    private final Instant committedAt;
    private final long sequence;
    private final String receipt;

    public MgmtObjEvent(Kind kind, MgmtObj mgmtObj, MgmtObj previous, Instant committedAt, long sequence) {
        this(kind, mgmtObj, previous, committedAt, sequence, null);
    }

    private MgmtObjEvent(Kind kind, MgmtObj mgmtObj, MgmtObj previous, Instant committedAt, long sequence, String receipt) {
        this.kind = Objects.requireNonNull(kind);
        this.mgmtObj = Objects.requireNonNull(mgmtObj);
        this.previous = previous;
        this.committedAt = Objects.requireNonNull(committedAt);
        this.sequence = sequence;
        this.receipt = receipt;
    }

    /** This event as delivered to a durable subscription, with the receipt its listener acknowledges. */
    public MgmtObjEvent withReceipt(String receipt) {
        return new MgmtObjEvent(kind, mgmtObj, previous, committedAt, sequence, Objects.requireNonNull(receipt));
    }

    public Kind kind() { return kind; }

    /** The resource after the change; for DELETED and EXPIRED, as it was when removed. */
    public MgmtObj mgmtObj() { return mgmtObj; }

    /** For UPDATED, the resource before the change. */
    public Optional<MgmtObj> previous() { return Optional.ofNullable(previous); }

    /** When the change was committed to the store; for a snapshot's event ({@link MgmtObjListener#SNAPSHOT}), when it was taken. */
    public Instant committedAt() { return committedAt; }

    /**
     * Increases with every committed change of the tree; orders the events of one resource. 0 for a snapshot's event
     * ({@link MgmtObjListener#SNAPSHOT}), which is no change.
     */
    public long sequence() { return sequence; }

    /**
     * For a listener with a durable subscription ({@link MgmtObjListener#SUBSCRIPTION}): the receipt of the outbox
     * record written in the same commit as the change. The event is delivered again after a restart until the listener
     * passes it to {@link ResourceTree#acknowledge(String)}. Empty for other listeners.
     */
    public Optional<String> receipt() { return Optional.ofNullable(receipt); }

    @Override
    public String toString() { return kind + " #" + sequence + " " + mgmtObj + (receipt == null ? "" : " (" + receipt + ")"); }
}
