package org.example.mef.impl.client;

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

/**
 * The named string maps a MEF Client's state is kept in: in the heap, or in an H2 MVStore file written only through
 * the shared {@link GroupCommitWriter} (a change is journaled and forced to disk before it returns, as the MEF's own
 * stores do), so that a restarted device finds what it had.
 */
interface StateMaps extends AutoCloseable {
    /** The maps, in the order the journal knows them: keep it. */
    List<String> NAMES = List.of("registrations", "enrolmentKey", "lastReports", "keys");

    String get(String map, String key);

    /** Durable on return when the maps are a file's. */
    void put(String map, String key, String value);

    void remove(String map, String key);

    /** A copy of one map, in key order for the file. */
    Map<String, String> all(String map);

    String location();

    @Override
    void close();

    static StateMaps inMemory() {
        Map<String, Map<String, String>> maps = new HashMap<>();
        for (String n : NAMES) maps.put(n, new ConcurrentHashMap<>());
        return new StateMaps() {
            @Override public String get(String map, String key) { return maps.get(map).get(key); }
            @Override public void put(String map, String key, String value) { maps.get(map).put(key, value); }
            @Override public void remove(String map, String key) { maps.get(map).remove(key); }
            @Override public Map<String, String> all(String map) { return new LinkedHashMap<>(maps.get(map)); }
            @Override public String location() { return "memory"; }
            @Override public void close() {}
        };
    }

    static StateMaps file(Path path) {
        Path file = path.toAbsolutePath();
        MVStore store = MVStoreFiles.open(file, "the MEF Client state");
        Map<String, MVMap<String, String>> maps = new LinkedHashMap<>();
        GroupCommitWriter writer;
        try {
            for (String n : NAMES) {
                maps.put(n, store.openMap(n, new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE)));
            }
            store.commit(); // the map definitions, so that a store that was only opened is a valid file
            store.sync();
            writer = new GroupCommitWriter(store, "the MEF Client state " + file, MVStoreFiles.journalOf(file), List.copyOf(maps.values()),
                    DiskSync.DIRECT);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw new IllegalStateException("cannot open the MEF Client state " + file + ": " + e.getMessage(), e);
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
