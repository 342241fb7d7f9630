package org.example.onem2m.mvstore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.Test;

/**
 * What a crash or a mistake can leave in a journal, and what opening the store then does: a torn last append is
 * ignored; damage with acknowledged writes after it, a journal of other maps holding writes, or a journal restored
 * without its store are refused with a message naming the file, and nothing changes.
 */
public class JournalDamageTest extends JournalTestBase {
    @Test
    public void aTornLastRecordIsNotApplied() throws IOException {
        long afterA = crashAfterAAnd("b=2");
        // the append of "b" was cut short by the crash: its last bytes never reached the disk
        try (FileChannel ch = FileChannel.open(journal(), StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(journal()) - 3);
        }
        assertTrue(Files.size(journal()) > afterA);
        try (Opened reopened = new Opened()) {
            assertEquals(Map.of("a", "1"), reopened.contents());
            reopened.put("c", "3");
            assertEquals(Map.of("a", "1", "c", "3"), reopened.contents());
        }
    }

    @Test
    public void aDamagedRecordFollowedByAWholeOneIsRefusedNamingItsOffset() throws IOException {
        long afterA = crashAfterAAnd("b=2", "c=3");
        assertDamageInRecordIsRefused(afterA); // the record of "b"
    }

    @Test
    public void aRecordLeftFromBeforeTheLastCheckpointIsNotApplied() throws IOException {
        Opened first = new Opened();
        first.writer.checkpointInterval(Long.MAX_VALUE);
        first.put("x", "old");
        byte[] oldJournal = Files.readAllBytes(journal());
        first.writer.checkpointInterval(0);
        first.put("y", "1"); // then a checkpoint: a new generation
        first.writer.awaitCheckpoint();
        first.writer.checkpointInterval(Long.MAX_VALUE);
        assertTrue("a checkpoint ran", first.writer.checkpoints() >= 2);
        first.put("x", "new");
        first.crash();
        // as if the file system had kept the old record's bytes past the new end
        byte[] stale = java.util.Arrays.copyOfRange(oldJournal, HEADER_OF_MAP_M, oldJournal.length);
        Files.write(journal(), stale, StandardOpenOption.APPEND);
        try (Opened reopened = new Opened()) {
            assertEquals("new", reopened.contents().get("x"));
        }
    }

    @Test
    public void aJournalRestoredFromAnOlderBackupIsNotAppliedOverALaterStore() throws IOException {
        crashAfterAAnd(); // the journal holds a=1
        byte[] restoredLater = Files.readAllBytes(journal());
        try (Opened second = new Opened()) { // applies a=1, checkpoints; then more writes and checkpoints
            second.writer.checkpointInterval(0);
            second.put("a", "2");
            second.writer.awaitCheckpoint();
        }
        Files.write(journal(), restoredLater); // an old copy of the journal beside the current store
        try (Opened third = new Opened()) {
            assertEquals("its write is in the store, superseded: not applied again", Map.of("a", "2"), third.contents());
        }
    }

    @Test
    public void aStoreRestoredWithoutItsJournalsIsRefusedAndNothingApplied() throws IOException {
        try (Opened first = new Opened()) {
            first.put("a", "1");
        }
        java.nio.file.Path older = tmp.getRoot().toPath().resolve("older.mv.db");
        Files.copy(file(), older);
        try (Opened second = new Opened()) { // checkpoints past the older store's generation, then a write left in the journal
            second.writer.checkpointInterval(0);
            second.put("a", "2");
            second.writer.awaitCheckpoint();
            second.writer.checkpointInterval(Long.MAX_VALUE);
            second.put("b", "3");
            second.crash();
        }
        Files.copy(older, file(), java.nio.file.StandardCopyOption.REPLACE_EXISTING); // the store from an older backup
        try {
            new Opened().close();
            fail("journals of later checkpoints must not be applied to an older store: the writes between would be lost");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("does not go with"));
        }
        assertEquals("nothing was changed", Map.of("a", "1"), storeFileAlone());
    }

    @Test
    public void aJournalWithWritesToOtherMapsIsRefusedNamingTheFile() {
        crashAfterAAndQuietly();
        MVStore store = MVStoreFiles.open(file(), "the test store");
        MVMap<String, String> other = store.openMap("other");
        store.commit();
        try {
            new GroupCommitWriter(store, "the test store", journal(), List.of(other), DiskSync.DIRECT);
            fail("a journal holding writes to map m must not be applied to another");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains(journal().toString()));
            assertTrue(expected.getMessage(), expected.getMessage().contains("[m]"));
        } finally {
            store.close();
        }
    }

    @Test
    public void anEmptyJournalOfOtherMapsIsTakenOver() {
        new Opened().close(); // a clean stop: the journal holds no write
        MVStore store = MVStoreFiles.open(file(), "the test store");
        MVMap<String, String> m = store.openMap("m");
        MVMap<String, String> added = store.openMap("added");
        store.commit();
        try (GroupCommitWriter writer = new GroupCommitWriter(store, "the test store", journal(), List.of(m, added), DiskSync.DIRECT)) {
            writer.write(() -> writer.put(added, "k", "v"));
            assertEquals("v", writer.read(() -> added.get("k")));
        }
    }
}
