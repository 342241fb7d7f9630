package org.example.onem2m.mvstore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

import org.junit.Before;
import org.junit.Test;

/**
 * A journal holds zeros ahead of its records ({@link JournalSpace}), so that an append does not grow the file and its
 * fdatasync writes no file size: the records in it replay, the zeros after them are neither a torn append nor
 * damage, and what an append tears or damages is judged as without them.
 */
public class JournalSpaceAheadTest extends JournalTestBase {
    private static final int STEP = 64 << 10;

    @Before
    public void zerosAhead() { JournalSpace.step = STEP; }

    private long size(Path p) throws IOException { return Files.size(p); }

    @Test
    public void anAppendGoesIntoZerosWrittenAheadAndACrashLosesNone() throws IOException {
        Opened first = new Opened();
        first.writer.checkpointInterval(Long.MAX_VALUE);
        first.put("a", "1");
        long sizeAfterA = size(journal());
        assertTrue("zeros ahead of a's record: " + sizeAfterA, sizeAfterA >= HEADER_OF_MAP_M + STEP && sizeAfterA % 4096 == 0);
        first.put("b", "2");
        first.remove("a");
        assertEquals("b's and a's removal went into the zeros: the file did not grow", sizeAfterA, size(journal()));
        first.crash();
        try (Opened reopened = new Opened()) {
            assertEquals(Map.of("b", "2"), reopened.contents());
        }
    }

    @Test
    public void recordsPastTheZerosExtendTheFileAndAllReplay() throws IOException {
        Opened first = new Opened();
        first.writer.checkpointInterval(Long.MAX_VALUE);
        Map<String, String> written = new TreeMap<>();
        String value = "v".repeat(1000) + "!";
        for (int i = 0; i < 300; i++) { // about 300 KB: several extensions of 64 KiB or more
            first.put("k" + i, value + i);
            written.put("k" + i, value + i);
        }
        assertTrue("the records are in the file", recordsEnd() > 300 * 1000);
        assertTrue("zeros still ahead of them", size(journal()) > recordsEnd());
        first.crash();
        try (Opened reopened = new Opened()) {
            assertEquals(written, reopened.contents());
        }
    }

    @Test
    public void aTornLastRecordBeforeTheZerosIsNotApplied() throws IOException {
        crashAfterAAnd("b=2");
        // the append of b was cut short: its last bytes never reached the disk (they read as the zeros ahead)
        long end = recordsEnd();
        try (FileChannel ch = FileChannel.open(journal(), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(3), end - 3);
        }
        try (Opened reopened = new Opened()) {
            assertEquals(Map.of("a", "1"), reopened.contents());
        }
    }

    @Test
    public void aDamagedRecordWithAWholeOneAfterItIsRefusedAsWithoutZeros() throws IOException {
        long afterA = crashAfterAAnd("b=2", "c=3");
        assertDamageInRecordIsRefused(afterA); // the record of "b"
    }

    @Test
    public void theSpareHoldsZerosAheadAndTheSwitchToItKeepsItsSize() throws Exception {
        Opened opened = new Opened();
        opened.writer.checkpointInterval(Long.MAX_VALUE);
        Path spare = WriteAheadJournal.otherSlot(journal());
        assertEquals("the open's spare: a header and a step of zeros", HEADER_OF_MAP_M + STEP, size(spare));
        opened.put("a", "1");
        opened.writer.write(() -> {
            opened.writer.checkpointInterval(0);
            return opened.writer.put(opened.map, "b", "2"); // the switch to the spare follows this batch
        });
        opened.writer.awaitCheckpoint();
        opened.writer.checkpointInterval(Long.MAX_VALUE);
        opened.put("c", "3");
        assertEquals("c went into the spare's zeros", HEADER_OF_MAP_M + STEP, size(spare));
        assertTrue("the slot left is the next spare, with zeros ahead", size(journal()) >= HEADER_OF_MAP_M + STEP);
        opened.crash();
        try (Opened reopened = new Opened()) {
            assertEquals(Map.of("a", "1", "b", "2", "c", "3"), reopened.contents());
        }
    }

    @Test
    public void aWholeRecordEndingInZerosAfterDamageIsStillFound() throws IOException {
        // c's record ends with zero bytes, which read as the zeros ahead: the damage check must count them in
        long afterA = crashAfterAAnd("b=2", "c=3\0\0\0\0\0\0");
        assertDamageInRecordIsRefused(afterA); // the record of "b"
    }

    /** Two switches of slot, so that the writer ends in the first slot, in the zeros of the spare, with no records. */
    private Opened writtenAndSwitchedTwice() throws Exception {
        Opened opened = new Opened();
        opened.writer.checkpointInterval(Long.MAX_VALUE);
        for (String key : new String[] {"a", "b"}) {
            opened.writer.write(() -> {
                opened.writer.checkpointInterval(0);
                return opened.writer.put(opened.map, key, "1"); // a switch of slot follows this batch
            });
            opened.writer.awaitCheckpoint();
            opened.writer.checkpointInterval(Long.MAX_VALUE);
        }
        return opened;
    }

    /** The store reopened by a version that journals one more map: it must open and take the journal over. */
    private void reopenedWithOneMoreMap() {
        org.h2.mvstore.MVStore store = MVStoreFiles.open(file(), "the test store");
        org.h2.mvstore.MVMap<String, String> m = store.openMap("m");
        org.h2.mvstore.MVMap<String, String> added = store.openMap("added");
        store.commit();
        try (GroupCommitWriter writer = new GroupCommitWriter(store, "the test store", journal(), java.util.List.of(m, added), DiskSync.DIRECT)) {
            writer.write(() -> writer.put(added, "k", "v"));
            assertEquals(Map.of("a", "1", "b", "1"), writer.read(() -> new TreeMap<>(m)));
        }
    }

    @Test
    public void aCleanStopLeavesTheJournalAHeaderOnlyAlsoAfterSwitchesOfSlot() throws Exception {
        try (Opened opened = writtenAndSwitchedTwice()) {
            assertTrue("the writer is in the first slot's zeros", size(journal()) > HEADER_OF_MAP_M);
        }
        assertEquals(HEADER_OF_MAP_M, size(journal()));
        assertTrue("no second slot", !Files.exists(WriteAheadJournal.otherSlot(journal())));
        reopenedWithOneMoreMap();
    }

    @Test
    public void journalsOfZerosAloneAreNoWritesOfOtherMapsAfterACrash() throws Exception {
        writtenAndSwitchedTwice().crash(); // both slots: a header and zeros
        reopenedWithOneMoreMap();
    }

    @Test
    public void zerosOverTheFirstRecordsHeadAreDamageNotAnEmptyJournal() throws IOException {
        crashAfterAAnd("b=2", "c=3");
        try (FileChannel ch = FileChannel.open(journal(), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(16), HEADER_OF_MAP_M); // a's record's head lost: it reads as zeros
        }
        try {
            new Opened().close();
            org.junit.Assert.fail("b and c, acknowledged, follow: the journal must be refused, not skipped as empty");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("damaged at offset " + HEADER_OF_MAP_M));
        }
    }
}
