package org.example.mgmtobj.impl.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The embedded durable store: an H2 MVStore file. Auto-commit is off, so a change reaches the file only
 * through {@link #write}, which commits the whole batch as one MVStore version and then forces it to disk;
 * after a crash the store reopens at the last committed version, never half a batch.
 */
public final class MVStoreResourceStore implements ResourceStore {
    private final Path file;
    private final MVStore store;
    private final MVMap<String, String> resources;

    public MVStoreResourceStore(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the data directory " + file.getParent() + ": " + e.getMessage(), e);
        }
        this.store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        this.resources = store.openMap("resources");
    }

    @Override
    public Collection<StoredResource> loadAll() {
        List<StoredResource> all = new ArrayList<>(resources.size());
        for (String json : resources.values()) all.add(StoredResource.fromJson(json));
        return all;
    }

    @Override
    public synchronized void write(List<StoredResource> puts, List<String> removedResourceIds) {
        try {
            for (StoredResource r : puts) resources.put(r.resourceId(), r.toJson());
            for (String ri : removedResourceIds) resources.remove(ri);
            store.commit();
            store.sync();
        } catch (RuntimeException e) {
            store.rollback();
            throw e;
        }
    }

    @Override
    public String location() { return file.toAbsolutePath().toString(); }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) store.close();
    }
}
