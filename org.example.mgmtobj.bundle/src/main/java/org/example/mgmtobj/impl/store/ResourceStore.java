package org.example.mgmtobj.impl.store;

import java.util.Collection;
import java.util.List;

/**
 * Where the resource tree keeps its resources. The tree holds every resource in memory for reads; the
 * store only has to load them all at start and make each change durable.
 */
public interface ResourceStore extends AutoCloseable {

    /** Every stored resource, in no particular order. */
    Collection<StoredResource> loadAll();

    /**
     * Applies the puts and removals as one atomic change; when this returns, the change survives a crash
     * of the process (an acknowledged write is never lost).
     */
    void write(List<StoredResource> puts, List<String> removedResourceIds);

    /** Where the data lives, for the log. */
    String location();

    @Override
    void close();
}
