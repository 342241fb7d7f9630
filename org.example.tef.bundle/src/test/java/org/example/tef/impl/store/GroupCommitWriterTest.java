package org.example.tef.impl.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The writer on its own, over a plain map: it knows nothing of registrations. */
public class GroupCommitWriterTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path file() { return tmp.getRoot().toPath().resolve("plain.mv.db"); }

    @Test
    public void aWriteReturnsTheResultOfItsMutationAndIsThereAfterReopening() {
        MVStore store = MVStoreFiles.open(file(), "the test store");
        MVMap<String, String> map = store.openMap("m");
        store.commit(); // the map definition, before the writer owns the store
        try (GroupCommitWriter writer = new GroupCommitWriter(store, "the test store", MVStore::sync)) {
            assertEquals("old: null", writer.write(() -> "old: " + map.put("a", "1")));
            assertEquals("1", writer.read(() -> map.get("a")));
        }
        MVStore reopened = MVStoreFiles.open(file(), "the test store");
        try {
            assertEquals("1", reopened.openMap("m").get("a"));
        } finally {
            reopened.close();
        }
    }

    @Test
    public void aMutationThatThrowsFailsItsBatchWithADurabilityExceptionAndLeavesNothingBehind() {
        MVStore store = MVStoreFiles.open(file(), "the test store");
        MVMap<String, String> map = store.openMap("m");
        store.commit(); // the map definition, before the writer owns the store
        try (GroupCommitWriter writer = new GroupCommitWriter(store, "the test store", MVStore::sync)) {
            try {
                writer.write(() -> {
                    map.put("half", "done");
                    throw new IllegalArgumentException("bad record");
                });
                fail("the failed mutation must be reported");
            } catch (DurabilityException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("bad record"));
            }
            assertFalse("rolled back", writer.read(() -> map.containsKey("half")));
            writer.write(() -> map.put("next", "ok")); // the writer lives on
            assertEquals(1L, (long) writer.read(map::sizeAsLong));
        }
    }

    @Test
    public void writesAndReadsAfterCloseThrowIllegalStateExceptionNamingTheStore() {
        MVStore store = MVStoreFiles.open(file(), "the test store");
        GroupCommitWriter writer = new GroupCommitWriter(store, "the test store", MVStore::sync);
        writer.close();
        assertTrue("close closes the MVStore", store.isClosed());
        try {
            writer.write(() -> null);
            fail("a write after close must throw");
        } catch (IllegalStateException expected) {
            assertEquals("the test store is closed", expected.getMessage());
        }
        try {
            writer.read(() -> null);
            fail("a read after close must throw");
        } catch (IllegalStateException expected) {
            assertEquals("the test store is closed", expected.getMessage());
        }
    }
}
