package org.example.onem2m.mvstore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.example.onem2m.testsupport.TemporaryValue;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/** What the journal tests share: a store with its map "m" opened as the product's stores open it, and crashes. */
abstract class JournalTestBase {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /**
     * These tests read the journals' sizes: no zeros written ahead of the records ({@link JournalSpace}), which
     * {@link JournalSpaceAheadTest} tests.
     */
    @Rule
    public final TemporaryValue<Integer> noZerosAhead = TemporaryValue.of(() -> JournalSpace.step, v -> JournalSpace.step = v, 0);

    Path file() { return tmp.getRoot().toPath().resolve("plain.mv.db"); }

    Path journal() { return MVStoreFiles.journalOf(file()); }

    /** A store with its map "m" and its writer, opened as the product's stores open them. */
    final class Opened implements AutoCloseable {
        final MVStore store = MVStoreFiles.open(file(), "the test store");
        final MVMap<String, String> map = store.openMap("m");
        final GroupCommitWriter writer;

        Opened(DiskSync sync) {
            store.commit();
            try {
                writer = new GroupCommitWriter(store, "the test store", journal(), List.of(map), sync);
            } catch (RuntimeException e) {
                store.closeImmediately(); // as the product's stores do
                throw e;
            }
        }

        Opened() { this(DiskSync.DIRECT); }

        void put(String key, String value) { writer.write(() -> writer.put(map, key, value)); }

        void remove(String key) { writer.write(() -> writer.remove(map, key)); }

        Map<String, String> contents() { return writer.read(() -> new TreeMap<>(map)); }

        /** The process stops: nothing more reaches the MVStore file; the journal is as it was. */
        void crash() {
            store.closeImmediately();
            writer.close();
        }

        @Override public void close() { writer.close(); }
    }

    /**
     * Where the journal's records end: after its last byte that is not zero (zeros may be written ahead of them,
     * {@link JournalSpace}; the records these tests write end with a value's last character).
     */
    long recordsEnd() throws IOException {
        try (FileChannel c = FileChannel.open(journal(), StandardOpenOption.READ)) {
            return JournalSpace.endOfNonZero(c, 0, c.size());
        }
    }

    /** What the MVStore file alone holds, without its journal. */
    Map<String, String> storeFileAlone() {
        MVStore alone = new MVStore.Builder().fileName(file().toString()).readOnly().open();
        try {
            return new TreeMap<>(alone.<String, String>openMap("m"));
        } finally {
            alone.close();
        }
    }

    /**
     * Writes a=1 (no checkpoint after it), then each of {@code more} as key=value, then crashes; returns where a=1's
     * record ends in the journal.
     */
    long crashAfterAAnd(String... more) throws IOException {
        Opened first = new Opened();
        first.writer.checkpointInterval(Long.MAX_VALUE);
        first.put("a", "1");
        long afterA = recordsEnd();
        for (String kv : more) first.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        first.crash();
        return afterA;
    }

    /** The header of a journal of the one map "m": mark 8, generation 8, count 4, name 2 + 1, checksum 4. */
    static final int HEADER_OF_MAP_M = 27;

    void crashAfterAAndQuietly() {
        try {
            crashAfterAAnd();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Writes 0xFF inside the record at {@code recordAt} of the journal, then checks that an open refuses the journal,
     * naming the file and that offset, because a whole record with acknowledged writes follows; and that nothing was
     * changed.
     */
    void assertDamageInRecordIsRefused(long recordAt) throws IOException {
        try (FileChannel ch = FileChannel.open(journal(), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {(byte) 0xFF}), recordAt + 20);
        }
        try {
            new Opened().close();
            fail("the acknowledged writes after the damaged record must not be dropped silently");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("damaged at offset " + recordAt));
            assertTrue(expected.getMessage(), expected.getMessage().contains(journal().toString()));
        }
        assertEquals("nothing was changed", Map.of(), storeFileAlone());
    }
}
