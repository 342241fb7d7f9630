package org.example.tef.client;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.example.onem2m.mvstore.DiskSync;
import org.example.onem2m.mvstore.GroupCommitWriter;
import org.example.onem2m.mvstore.MVStoreFiles;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Named string maps a client keeps its state in (a MEF Client's registrations, Enrolment Key and keys; a MAF Client's
 * assigned KmID): in the heap, or in an H2 MVStore file written only through the shared {@link GroupCommitWriter} (a
 * change is journaled and forced to disk before it returns, as the servers' own stores do), so that a restarted device
 * finds what it had. What the values mean is the client's; here they are strings. One client holds a file at a time
 * (MVStore's file lock).
 */
@ProviderType
public interface StateMaps extends AutoCloseable {

    String get(String map, String key);

    /** Durable on return when the maps are a file's. */
    void put(String map, String key, String value);

    void remove(String map, String key);

    /** A copy of one map, in key order for the file. */
    Map<String, String> all(String map);

    /** "memory" or the file's absolute path, for log lines. */
    String location();

    @Override
    void close();

    /** @param names the maps; a name not among them is an error of the caller */
    static StateMaps inMemory(List<String> names) {
        Map<String, Map<String, String>> maps = new HashMap<>();
        for (String n : names) maps.put(n, new ConcurrentHashMap<>());
        return new StateMaps() {
            @Override public String get(String map, String key) { return maps.get(map).get(key); }
            @Override public void put(String map, String key, String value) { maps.get(map).put(key, value); }
            @Override public void remove(String map, String key) { maps.get(map).remove(key); }
            @Override public Map<String, String> all(String map) { return new LinkedHashMap<>(maps.get(map)); }
            @Override public String location() { return "memory"; }
            @Override public void close() {}
        };
    }

    /**
     * The maps of {@code path} (created when missing), with the journal {@code <file>.journal} beside it.
     *
     * @param what  what the file is, for messages ("the MEF Client state")
     * @param names the maps, in the order the journal knows them: a client keeps its list's order for good (a journal
     *              written with another order is not read back right)
     * @throws IllegalStateException when the file cannot be opened (locked by another client, damaged)
     */
    static StateMaps file(Path path, String what, List<String> names) {
        Path file = path.toAbsolutePath();
        MVStore store = MVStoreFiles.open(file, what);
        Map<String, MVMap<String, String>> maps = new LinkedHashMap<>();
        GroupCommitWriter writer;
        try {
            for (String n : names) {
                maps.put(n, store.openMap(n, new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE)));
            }
            store.commit(); // the map definitions, so that a store that was only opened is a valid file
            store.sync();
            writer = new GroupCommitWriter(store, what + " " + file, MVStoreFiles.journalOf(file), List.copyOf(maps.values()), DiskSync.DIRECT);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw new IllegalStateException("cannot open " + what + " " + file + ": " + e.getMessage(), e);
        }
        return new StateMaps() {
            @Override public String get(String map, String key) { return writer.read(() -> maps.get(map).get(key)); }
            @Override public void put(String map, String key, String value) { writer.write(() -> writer.put(maps.get(map), key, value)); }
            @Override public void remove(String map, String key) { writer.write(() -> writer.remove(maps.get(map), key)); }
            @Override public Map<String, String> all(String map) { return writer.read(() -> new LinkedHashMap<>(maps.get(map))); }
            @Override public String location() { return file.toString(); }
            @Override public void close() { writer.close(); }
        };
    }
}
