package org.example.onem2m.mvstore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Zeros written ahead of a journal's records, so that an append overwrites bytes the file already has. An fdatasync of
 * an append that grows a file must also write the file's size (ext4 without a journal: a second write to the device;
 * with one, a commit of the file system's journal); of an append in place, only the data. Measured on the 2-core machine
 * of BENCHMARKS.md (a 2 KB append and fdatasync, 3,000 times: {@code benchmarks/profile/SyncInPlace.java}): 229-246 µs and 105-113 µs of CPU each growing the file,
 * 153-155 µs and 73-74 µs in place. Zeros end the records: a record's length is never 0, so a replay stops at them,
 * and a tail of zeros is space, not a torn append ({@link JournalFile}).
 *
 * <p>Written by hand: {@code fallocate} (which the JDK does not offer) would leave unwritten extents, whose first write
 * changes the file's metadata again.
 */
final class JournalSpace {
    /**
     * The least a journal is extended by when its records reach its end, and what a spare gets at least; 0 writes no
     * zeros at all. Package-private and mutable for the tests that read journal files' sizes.
     */
    static volatile int step = 1 << 20;
    /** The most written ahead into a spare: a checkpoint comes at {@link Checkpoints#BYTES} of records anyway. */
    private static final long MAX_AHEAD = Checkpoints.BYTES;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 << 10).asReadOnlyBuffer();

    private JournalSpace() {}

    /** What to write ahead into the next spare: the last generation's records and a quarter more, at least a step. */
    static long aheadFor(long lastRecordBytes) {
        int least = step;
        if (least == 0) return 0;
        return Math.min(MAX_AHEAD, Math.max(least, lastRecordBytes + lastRecordBytes / 4));
    }

    /** The most the writer adds at once: its zeros are written and synced with the batch that reached the end. */
    private static final long MAX_EXTENSION = 8L << 20;

    /**
     * The size to extend to once records reach {@code end}: a step, or half the file up to {@link #MAX_EXTENSION}, beyond
     * it, in whole pages.
     */
    static long extendedEnd(long end, long allocated) {
        long by = Math.max(step, Math.min(allocated / 2, MAX_EXTENSION));
        return (end + by + 4095) & ~4095L;
    }

    /** Feeds {@code count} zero bytes to {@code crc} (the zeros after a journal's last byte that is not zero). */
    static void updateWithZeros(java.util.zip.Checksum crc, long count) {
        byte[] zeros = new byte[(int) Math.min(count, 64 << 10)];
        while (count > 0) {
            int n = (int) Math.min(count, zeros.length);
            crc.update(zeros, 0, n);
            count -= n;
        }
    }

    /** Writes zeros over {@code [from, to)} of the channel (not forced). */
    static void writeZeros(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer zeros = ZEROS.duplicate();
        while (from < to) {
            zeros.clear();
            zeros.limit((int) Math.min(zeros.capacity(), to - from));
            from += channel.write(zeros, from);
        }
    }

    /** Whether {@code [from, to)} of the channel holds only zeros (bytes past its end count as zeros). */
    static boolean zerosOnly(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(64 << 10, Math.max(0, to - from)));
        while (from < to) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), to - from));
            int n = channel.read(buffer, from);
            if (n < 0) return true;
            for (int i = 0; i < n; i++) {
                if (buffer.get(i) != 0) return false;
            }
            from += n;
        }
        return true;
    }

    /** The offset after the last byte that is not zero in {@code [from, to)}, or {@code from} when there is none. */
    static long endOfNonZero(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 << 10);
        long blockEnd = to;
        while (blockEnd > from) {
            long blockStart = Math.max(from, blockEnd - buffer.capacity());
            buffer.clear();
            buffer.limit((int) (blockEnd - blockStart));
            int read = 0;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, blockStart + read);
                if (n < 0) break;
                read += n;
            }
            for (int i = read - 1; i >= 0; i--) {
                if (buffer.get(i) != 0) return blockStart + i + 1;
            }
            blockEnd = blockStart;
        }
        return from;
    }
}
