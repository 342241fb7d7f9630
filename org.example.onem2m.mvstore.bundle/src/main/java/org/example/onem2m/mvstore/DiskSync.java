package org.example.onem2m.mvstore;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where a {@link GroupCommitWriter} forces written bytes to the disk. The product uses {@link #DIRECT}; failure tests
 * pass their own to hold or fail a sync, and call {@code force} to let it happen.
 *
 * @since 1.1
 */
@ConsumerType
@FunctionalInterface
public interface DiskSync {
    /** What is being forced. */
    enum Point {
        /** A batch's record in the journal: its writers are answered after it. */
        BATCH,
        /** A checkpoint of the MVStore file (or its compaction), after which the journal starts anew. */
        CHECKPOINT
    }

    /** Forces (by running {@code force}) or throws, in which case what was written counts as not on disk. */
    void sync(Point point, Runnable force);

    /** Runs every sync as it comes. */
    DiskSync DIRECT = (point, force) -> force.run();
}
