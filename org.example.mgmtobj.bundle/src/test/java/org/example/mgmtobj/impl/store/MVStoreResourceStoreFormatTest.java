package org.example.mgmtobj.impl.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The file format of the durable tree store: UTF-8 values, and files of earlier versions read and moved once. */
public class MVStoreResourceStoreFormatTest {
    @Rule public final TemporaryFolder folder = new TemporaryFolder();

    private static final String NODE = "{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"urn:dev:1\",\"ty\":14,\"ri\":\"nod1\",\"pi\":\"in-cse\","
            + "\"ct\":\"20261130T000000\",\"lt\":\"20261130T000000\",\"et\":\"20991231T000000\"}}";

    @Test
    public void aFileWrittenWithStringValuesIsReadAndMovedToTheCurrentMapOnce() throws Exception {
        Path file = folder.getRoot().toPath().resolve("tree.mv.db");
        MVStore old = new MVStore.Builder().fileName(file.toString()).open();
        MVMap<String, String> former = old.openMap(MVStoreResourceStore.FORMER_MAP);
        former.put("nod1", NODE);
        old.close();

        try (MVStoreResourceStore store = new MVStoreResourceStore(file)) {
            assertEquals(Map.of("nod1", NODE), loaded(store));
        }
        MVStore reopened = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            assertFalse("the former map is gone", reopened.hasMap(MVStoreResourceStore.FORMER_MAP));
            assertTrue(reopened.hasMap(MVStoreResourceStore.MAP));
        } finally {
            reopened.close();
        }
        try (MVStoreResourceStore store = new MVStoreResourceStore(file)) {
            assertEquals("a second open finds the same", Map.of("nod1", NODE), loaded(store));
        }
    }

    @Test
    public void aMapWrittenWithH2sObjectKeysIsReadWithTheStoreKeyTypeInTheSameOrder() {
        Path file = folder.getRoot().toPath().resolve("keys.mv.db");
        java.util.List<String> keys = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 5_000; i++) { // enough for several leaves: lookups go through inner pages too
            keys.add((random.nextBoolean() ? "mgo" : "nod") + Long.toString(random.nextLong() & Long.MAX_VALUE, 36)
                    + (i % 3 == 0 ? "\u00e9" : "") + (i % 7 == 0 ? "" : "-" + i));
        }
        MVStore old = new MVStore.Builder().fileName(file.toString()).open();
        MVMap<String, byte[]> written = old.openMap(MVStoreResourceStore.MAP,
                new MVMap.Builder<String, byte[]>().valueType(org.h2.mvstore.type.ByteArrayDataType.INSTANCE));
        for (String k : keys) written.put(k, k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        old.close();

        MVStore reopened = new MVStore.Builder().fileName(file.toString()).open();
        try {
            MVMap<String, byte[]> read = reopened.openMap(MVStoreResourceStore.MAP, new MVMap.Builder<String, byte[]>()
                    .keyType(StringKeys.INSTANCE).valueType(org.h2.mvstore.type.ByteArrayDataType.INSTANCE));
            java.util.List<String> sorted = new java.util.ArrayList<>(new java.util.TreeSet<>(keys));
            assertEquals("iteration in String.compareTo order", sorted, new java.util.ArrayList<>(read.keySet()));
            for (String k : keys) assertEquals(k, new String(read.get(k), java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(null, read.get("mgo-not-there"));
            read.put("mgo-new", new byte[] {1});
            assertEquals(sorted.size() + 1, read.size());
        } finally {
            reopened.close();
        }
    }

    @Test
    public void theStoredFormIsTheJsonOfTheResource() {
        StoredResource r = StoredResource.fromJson(NODE);
        assertEquals(NODE, r.toJson());
        assertEquals(NODE, new String(r.storedForm(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    public void aMemberNameIsFoundOnlyWhereItCouldStand() {
        StoredResource r = StoredResource.fromJson("{\"dcfg:authp\":{\"rn\":\"a\",\"ri\":\"mo1\",\"pi\":\"nod1\",\"ty\":13,"
                + "\"lbl\":[\"skv\",\"\\\"skv\\\":\"],\"skv\":\"c2VjcmV0\"}}");
        assertTrue(r.mayHaveMember("skv"));
        assertTrue(r.mayHaveMember("rn"));
        StoredResource quoted = StoredResource.fromJson("{\"dcfg:authp\":{\"rn\":\"a\",\"ri\":\"mo1\",\"pi\":\"nod1\",\"ty\":13,"
                + "\"lbl\":[\"skv\",\"\\\"skv\\\":\"]}}");
        assertFalse("a value holding the name, even quoted, is no member", quoted.mayHaveMember("skv"));
    }

    private static Map<String, String> loaded(MVStoreResourceStore store) {
        Map<String, String> m = new TreeMap<>();
        for (StoredResource r : store.loadAll()) m.put(r.resourceId(), r.toJson());
        return m;
    }
}
