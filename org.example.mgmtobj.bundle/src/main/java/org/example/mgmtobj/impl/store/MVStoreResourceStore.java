package org.example.mgmtobj.impl.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.example.onem2m.mvstore.DurabilityException;
import org.example.onem2m.mvstore.GroupCommitWriter;
import org.example.onem2m.mvstore.MVStoreFiles;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The embedded durable store: an H2 MVStore file ({@link MVStoreFiles} opens it) with one map {@code ri -> JSON}.
 * Every change goes through a {@link GroupCommitWriter} (the one shared with tef's registration store): the changes
 * queued at one time are applied, committed as one MVStore version and forced to disk once, and only then are their
 * hooks called and their futures completed; after a crash the store reopens at the last committed version, never
 * half a change. A commit or sync that fails is rolled back and every change of that batch fails.
 */
public final class MVStoreResourceStore implements ResourceStore {
    private final Path file;
    private final MVStore store;
    private final MVMap<String, String> resources;
    private final GroupCommitWriter writer;

    public MVStoreResourceStore(Path file) {
        this(file, MVStore::sync);
    }

    /** @param forceToDisk what forces a commit to the disk; {@link MVStore#sync()} except in tests */
    public MVStoreResourceStore(Path file, Consumer<MVStore> forceToDisk) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.store = MVStoreFiles.open(this.file, "the resource tree store");
        try {
            this.resources = store.openMap("resources");
            store.commit(); // the map definition, before the writer owns the store
            store.sync();
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw new IllegalStateException("cannot read the resource tree store " + this.file + ": " + e.getMessage(), e);
        }
        this.writer = new GroupCommitWriter(store, "the resource tree store " + this.file, forceToDisk);
    }

    @Override
    public Collection<StoredResource> loadAll() {
        return writer.read(() -> {
            List<StoredResource> all = new ArrayList<>((int) Math.min(Integer.MAX_VALUE, resources.sizeAsLong()));
            for (String json : resources.values()) all.add(StoredResource.fromJson(json));
            return all;
        });
    }

    @Override
    public CompletableFuture<Void> submit(Change change) {
        Objects.requireNonNull(change, "change");
        return writer.submit(new GroupCommitWriter.Mutation<Boolean>() {
            @Override
            public Boolean apply() {
                if (change.withdrawn()) return false;
                List<StoredResource> puts = change.puts();
                List<String> removals = change.removedResourceIds();
                // encoded and checked before the first change to the map, though a throw rolls the batch back anyway
                List<String> encoded = new ArrayList<>(puts.size());
                for (StoredResource r : puts) encoded.add(Objects.requireNonNull(r, "a put of the batch is null; nothing of it was stored").toJson());
                for (String ri : removals) Objects.requireNonNull(ri, "a removal of the batch is null; nothing of it was stored");
                for (int i = 0; i < puts.size(); i++) resources.put(puts.get(i).resourceId(), encoded.get(i));
                for (String ri : removals) resources.remove(ri);
                return true;
            }

            @Override
            public void durable(Boolean applied) {
                if (applied) change.durable();
            }

            @Override
            public void failed(DurabilityException cause) {
                change.failed(cause);
            }
        }).thenApply(applied -> null);
    }

    /** How many batches were committed and forced to disk; for tests (group commit: fewer than the changes). */
    public long batchesCommitted() { return writer.batchesCommitted(); }

    @Override
    public String location() { return file.toString(); }

    @Override
    public void close() {
        writer.close();
    }
}
