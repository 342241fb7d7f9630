package org.example.mgmtobj.impl.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.Test;

/**
 * What a durable {@link ResourceStore} keeps besides: every write that returned is loaded again by a store opened on
 * the same data after this one was closed, and a write that failed is not.
 */
public abstract class DurableResourceStoreContract extends ResourceStoreContract {

    /** Closes {@link #store} and opens a new store on the same data. */
    protected abstract ResourceStore reopen(ResourceStore closing) throws Exception;

    private void reopen() throws Exception {
        store = reopen(store);
    }

    @Test
    public void whatWasWrittenIsLoadedAfterReopening() throws Exception {
        StoredResource n = node("nod1", "dev1", "urn:dev:1");
        StoredResource mo = mgmtObj("mo1", "nod1", "20300101T000000");
        store.write(List.of(n, mo), none());
        reopen();
        assertEquals(Map.of("nod1", n.toJson(), "mo1", mo.toJson()), loaded());
    }

    @Test
    public void replacementsAndRemovalsAreThereAfterReopening() throws Exception {
        store.write(List.of(node("nod1", "dev1", "urn:dev:1"), node("nod2", "dev2", "urn:dev:2")), none());
        StoredResource renamed = node("nod2", "dev2", "urn:dev:22");
        store.write(List.of(renamed), List.of("nod1"));
        reopen();
        assertEquals(Map.of("nod2", renamed.toJson()), loaded());
    }

    @Test
    public void aWriteThatFailedIsNotThereAfterReopening() throws Exception {
        StoredResource kept = node("nod1", "dev1", "urn:dev:1");
        store.write(List.of(kept), none());
        try {
            store.write(Arrays.asList(node("nod2", "dev2", "urn:dev:2"), null), List.of("nod1"));
            fail("a write with a put that cannot be stored must fail");
        } catch (RuntimeException expected) {
            // the batch is refused as a whole
        }
        reopen();
        assertEquals(Map.of("nod1", kept.toJson()), loaded());
    }

    @Test
    public void aStoreReopenedWithoutAnyWriteLoadsNothing() throws Exception {
        reopen();
        assertTrue(store.loadAll().isEmpty());
    }

    @Test
    public void writesAfterReopeningAddToWhatWasThere() throws Exception {
        store.write(List.of(node("nod1", "dev1", "urn:dev:1")), none());
        reopen();
        store.write(List.of(node("nod2", "dev2", "urn:dev:2")), none());
        reopen();
        assertEquals(List.of("nod1", "nod2"), List.copyOf(loaded().keySet()));
    }
}
