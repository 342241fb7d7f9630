package org.example.onem2m.mvstore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a replay of a {@link JournalFile} found after its last whole record: nothing, zeros written ahead
 * ({@link JournalSpace}), a torn last append (ignored with a warning), or damage with a whole record after it (refused).
 */
final class JournalTail {
    private static final Logger LOG = LoggerFactory.getLogger(JournalFile.class); // the journal's own logger, as before

    private JournalTail() {}

    /**
     * What follows the last record that could be read: nothing; or a torn last append (never acknowledged: ignored,
     * with a warning); or, when a whole record of this generation follows, damage to acknowledged writes: refused.
     */
    static void check(FileChannel channel, Path path, long at, long generation) throws IOException {
        long size = channel.size();
        if (at >= size) return;
        long used = JournalSpace.endOfNonZero(channel, at, size);
        if (used == at) return; // zeros written ahead of the records: space, not a torn append
        // only the bytes up to the last one that is not zero are read: after it the file holds zeros (up to 64 MB of
        // them ahead of the records), which a candidate record running past it is checked over without reading them
        ByteBuffer tail = ByteBuffer.allocate((int) Math.min(used - at, Integer.MAX_VALUE - 8));
        JournalFile.readFully(channel, tail, at);
        byte[] bytes = tail.array();
        long zerosAfter = size - used;
        byte[] headBytes = new byte[JournalFile.RECORD_HEAD];
        for (int i = 1; i < bytes.length; i++) {
            int inTail = Math.min(JournalFile.RECORD_HEAD, bytes.length - i);
            System.arraycopy(bytes, i, headBytes, 0, inTail);
            java.util.Arrays.fill(headBytes, inTail, JournalFile.RECORD_HEAD, (byte) 0);
            ByteBuffer head = ByteBuffer.wrap(headBytes);
            int length = head.getInt();
            long recordGeneration = head.getLong();
            int checksum = head.getInt();
            if (recordGeneration != generation || length <= 0 || i + JournalFile.RECORD_HEAD + (long) length > bytes.length + zerosAfter) continue;
            CRC32C crc = new CRC32C();
            crc.update(headBytes, 4, 8);
            int inBytes = (int) Math.max(0, Math.min(length, bytes.length - (long) (i + JournalFile.RECORD_HEAD)));
            crc.update(bytes, Math.min(i + JournalFile.RECORD_HEAD, bytes.length), inBytes);
            JournalSpace.updateWithZeros(crc, length - inBytes);
            if ((int) crc.getValue() == checksum) {
                throw new IllegalStateException("journal " + path + " is damaged at offset " + at + ": the record there"
                        + " cannot be read, and a whole record follows at offset " + (at + i) + ", so acknowledged writes"
                        + " would be lost by going on. Nothing was changed. Keep a copy of the journal and the store file;"
                        + " to start without the writes from offset " + at + " on, move the journal away");
            }
        }
        LOG.warn("journal {}: ignored {} byte(s) at offset {}, the last append, cut short by a stop before it was"
                + " acknowledged", path, used - at, at);
    }
}
