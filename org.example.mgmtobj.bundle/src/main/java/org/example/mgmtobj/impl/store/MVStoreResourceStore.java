package org.example.mgmtobj.impl.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.example.onem2m.mvstore.DiskSync;
import org.example.onem2m.mvstore.DurabilityException;
import org.example.onem2m.mvstore.GroupCommitWriter;
import org.example.onem2m.mvstore.MVStoreFiles;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;

/**
 * The embedded durable store: an H2 MVStore file ({@link MVStoreFiles} opens it) with one map {@code ri -> JSON}
 * (UTF-8 bytes).
 * Every change goes through a {@link GroupCommitWriter} (the one shared with tef's registration store): the changes
 * queued at one time are applied, journaled as one record and forced to disk once, and only then are their hooks
 * called and their futures completed; after a crash the store reopens with every acknowledged change (the journal,
 * {@code x.journal} beside {@code x.mv.db}, is applied at open), never half a change. A batch that cannot be
 * journaled is undone and every change of that batch fails.
 */
public final class MVStoreResourceStore implements ResourceStore {
    private final Path file;
    private final MVStore store;
    /** The current map: resourceID -> the stored form as UTF-8 bytes. */
    static final String MAP = "resources.utf8";
    /** The map of earlier versions (values as Java strings), moved into {@link #MAP} once at open. */
    static final String FORMER_MAP = "resources";
    private final MVMap<String, byte[]> resources;
    private final GroupCommitWriter writer;

    public MVStoreResourceStore(Path file) {
        this(file, DiskSync.DIRECT);
    }

    /** @param sync where written bytes are forced to the disk; {@link DiskSync#DIRECT} except in tests */
    public MVStoreResourceStore(Path file, DiskSync sync) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.store = MVStoreFiles.open(this.file, "the resource tree store");
        try {
            // byte[] values: MVStore writes them as they are, where a String value is encoded character by character on
            // every commit that rewrites its page (with the former map that encoding was a fifth of a write's CPU).
            this.resources = store.openMap(MAP, new MVMap.Builder<String, byte[]>()
                    .keyType(StringKeys.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
            moveFormerMap();
            store.commit(); // the map definition (and a moved former map), before the writer owns the store
            store.sync();
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw new IllegalStateException("cannot read the resource tree store " + this.file + ": " + e.getMessage(), e);
        }
        try {
            this.writer = new GroupCommitWriter(store, "the resource tree store " + this.file, MVStoreFiles.journalOf(this.file),
                    List.of(resources), sync);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    /** A file written by an earlier version keeps its resources in {@link #FORMER_MAP}; they move, in one commit. */
    private void moveFormerMap() {
        if (!store.hasMap(FORMER_MAP)) return;
        MVMap<String, String> former = store.openMap(FORMER_MAP);
        for (Map.Entry<String, String> e : former.entrySet()) {
            resources.put(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
        }
        store.removeMap(former);
    }

    @Override
    public Collection<StoredResource> loadAll() {
        return writer.read(() -> {
            List<StoredResource> all = new ArrayList<>((int) Math.min(Integer.MAX_VALUE, resources.sizeAsLong()));
            for (byte[] stored : resources.values()) all.add(StoredResource.fromStoredForm(stored));
            return all;
        });
    }

    @Override
    public CompletableFuture<Void> submit(Change change) {
        Objects.requireNonNull(change, "change");
        // Encoded and checked here, on the caller's thread: the writer thread applies every batch alone, so whatever
        // it does per change limits the rate of all writers together.
        List<StoredResource> puts = change.puts();
        List<String> removals = change.removedResourceIds();
        List<byte[]> encoded = new ArrayList<>(puts.size());
        for (StoredResource r : puts) encoded.add(Objects.requireNonNull(r, "a put of the batch is null; nothing of it was stored").storedForm());
        for (String ri : removals) Objects.requireNonNull(ri, "a removal of the batch is null; nothing of it was stored");
        GroupCommitWriter.Mutation<Boolean> mutation = new GroupCommitWriter.Mutation<Boolean>() {
            @Override
            public Boolean apply() {
                if (change.withdrawn()) return false;
                for (int i = 0; i < puts.size(); i++) writer.put(resources, puts.get(i).resourceId(), encoded.get(i));
                for (String ri : removals) writer.remove(resources, ri);
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
        };
        return (change.deferrable() ? writer.submitDeferred(mutation) : writer.submit(mutation)).thenApply(applied -> null);
    }

    /** How long a deferrable change waits for a batch to travel with; for tests ({@link GroupCommitWriter#deferredWait}). */
    public void deferredWait(java.time.Duration wait) { writer.deferredWait(wait); }

    /** How many batches were journaled and forced to disk; for tests (group commit: fewer than the changes). */
    public long batchesCommitted() { return writer.batchesCommitted(); }

    @Override
    public String location() { return file.toString(); }

    @Override
    public void close() {
        writer.close();
    }
}
