package org.example.onem2m.mvstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file of a {@link WriteAheadJournal}: the changes of the batches acknowledged while it was the journal appended to,
 * one record per batch (a large batch: several, each forced before the next, {@link WriteAheadJournal#flushBytes}),
 * each key and value encoded by its map's own {@link DataType}; the MVStore holds them once the
 * checkpoint that followed is on disk.
 *
 * <p>Written by hand because MVStore has no log of its own (a commit is its only durability) and the libraries with
 * one (Chronicle Queue, BookKeeper) bring memory-mapped or networked designs far larger than an append, an
 * fdatasync and a replay.
 *
 * <pre>
 * header: see {@link JournalHeader}
 * record: payload length (int) | generation (long) | CRC32C of generation and payload (int) | payload
 * payload: op count (varint) | per op: 1 = put, 2 = remove (byte) | map index (varint) | key | value (puts only)
 * </pre>
 *
 * A record counts only if it is whole, its checksum matches and it carries the header's generation. A torn last
 * record (a crash during its append, never acknowledged) ends the replay with a warning; a damaged record with a whole
 * one after it is damage to acknowledged writes, and the journal is refused rather than cut there. After the records
 * the file holds zeros written ahead ({@link JournalSpace}): a length of 0 ends the replay, and zeros alone after the
 * last record are no torn append.
 */
final class JournalFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalFile.class);
    static final int RECORD_HEAD = 4 + 8 + 4;
    /** A length above this is damage, not a batch (a batch holds at most {@link GroupCommitWriter#MAX_BATCH} writes). */
    private static final int MAX_RECORD = 1 << 30;
    static final byte PUT = 1;
    static final byte REMOVE = 2;

    /** The file appended to: one of a store's two journal slots ({@link WriteAheadJournal#otherSlot}). */
    private Path path;
    private FileChannel channel;
    private final List<MVMap<Object, Object>> maps = new ArrayList<>();
    private final Map<MVMap<?, ?>, Integer> indexOf = new IdentityHashMap<>();
    private final WriteBuffer pending = new WriteBuffer(1 << 16);
    private int pendingOps;
    private long generation;
    private int headerLength;
    /** Where the next record goes: the end of the last whole record. */
    private long end;
    /** {@link #end} when the batch being applied began: its records, some forced already, are cut back to it on undo. */
    private long batchStart;
    /** The file's size: zeros from {@link #end} up to it ({@link JournalSpace}). */
    private long allocated;
    /** False once zeros could not be written ahead into this file (a full disk, say). */
    private boolean writeAhead;
    /** The record bytes of the generation before this one, when this file was switched to: what its spare is sized by. */
    private volatile long lastRecordBytes;

    /** @param generationIfNew the generation of the journal created when there is none at {@code path} */
    @SuppressWarnings("unchecked")
    JournalFile(Path path, List<? extends MVMap<?, ?>> journaled, DiskSync sync, long generationIfNew) throws IOException {
        this.path = path;
        for (MVMap<?, ?> map : journaled) {
            if (indexOf.put(map, maps.size()) != null) throw new IllegalArgumentException("map " + map.getName() + " is listed twice");
            maps.add((MVMap<Object, Object>) map);
        }
        if (!Files.exists(path) || Files.size(path) == 0) JournalHeader.writeNew(path, generationIfNew, mapNames(), sync);
        this.channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            JournalHeader header = JournalHeader.read(channel, path);
            if (!header.mapNames.equals(mapNames()) && !JournalSpace.zerosOnly(channel, header.length, channel.size())) {
                throw new IllegalStateException("journal " + path + " holds writes to the maps " + header.mapNames + ", not "
                        + mapNames() + ": it belongs to another store or another version of this one");
            }
            // an empty journal of other maps (a version that had other maps, stopped cleanly) gets the current
            // names at the checkpoint that follows the open
            use(header);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private List<String> mapNames() {
        List<String> names = new ArrayList<>();
        for (MVMap<?, ?> map : maps) names.add(map.getName());
        return names;
    }

    private void use(JournalHeader header) throws IOException {
        generation = header.generation;
        headerLength = header.length;
        end = headerLength;
        batchStart = end; // a batch begins on one file: never a cut into another's header
        allocated = channel.size();
        writeAhead = true;
    }

    Path path() { return path; }

    /** Bytes in the file past the header: what the next checkpoint makes obsolete. */
    long recordBytes() { return end - headerLength; }

    /** The header's generation: a checkpoint records in the store the generation of the journal that follows it. */
    long generation() { return generation; }

    /**
     * Whether anything but zeros follows the header (before a replay has found where the records end): zeros are what
     * a journal holds ahead of its records; any other byte, also one after a damaged first record, is for the replay
     * to judge (a whole record after damage refuses the open).
     */
    boolean holdsBytesAfterHeader() throws IOException {
        return !JournalSpace.zerosOnly(channel, headerLength, channel.size());
    }

    /** The map's index in the journal's records, or -1 when it is not one of its maps. */
    int indexOf(MVMap<?, ?> map) {
        Integer index = indexOf.get(map);
        return index == null ? -1 : index;
    }

    // ---------------------------------------------------------------- appending

    /** Records a put to the map at {@code index} ({@link #indexOf}). */
    void recordPut(int index, Object key, Object value) {
        MVMap<Object, Object> m = maps.get(index);
        pending.put(PUT).putVarInt(index);
        m.getKeyType().write(pending, key);
        m.getValueType().write(pending, value);
        pendingOps++;
    }

    /** Records a removal from the map at {@code index} ({@link #indexOf}). */
    void recordRemove(int index, Object key) {
        pending.put(REMOVE).putVarInt(index);
        maps.get(index).getKeyType().write(pending, key);
        pendingOps++;
    }

    boolean hasPending() { return pendingOps > 0; }

    /** The bytes of the ops recorded and not appended yet. */
    int pendingBytes() { return pending.position(); }

    /** A batch begins: what it appends before its end, an undo cuts off ({@link #truncateToBatchStart}). */
    void beginBatch() { batchStart = end; }

    void discardPending() {
        pending.clear();
        pendingOps = 0;
    }

    /** Appends the pending ops as one record and forces it to the disk; on a throw nothing counts as appended. */
    void appendPending(DiskSync sync) throws IOException {
        ByteBuffer payload = pending.getBuffer();
        payload.flip();
        if (payload.remaining() > MAX_RECORD - 8) {
            throw new IOException("a batch of " + payload.remaining() + " bytes is larger than a journal record may be");
        }
        WriteBuffer opCount = new WriteBuffer(8).putVarInt(pendingOps);
        ByteBuffer count = opCount.getBuffer().flip();
        CRC32C crc = new CRC32C();
        ByteBuffer head = ByteBuffer.allocate(RECORD_HEAD);
        head.putInt(count.remaining() + payload.remaining()).putLong(generation);
        crc.update(head.array(), 4, 8);
        crc.update(count.duplicate());
        crc.update(payload.duplicate());
        head.putInt((int) crc.getValue()).flip();
        long at = end;
        at = writeFully(head, at);
        at = writeFully(count, at);
        at = writeFully(payload, at);
        if (at > allocated) extendAfter(at);
        sync.sync(DiskSync.Point.BATCH, () -> {
            try {
                channel.force(false); // fdatasync: the data, and the file's new length when it grew
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        end = at;
        discardPending();
    }

    /**
     * Past the zeros written ahead: zeros for the appends after the record ending at {@code at}, in the same sync. When
     * they cannot be written (a full disk), the record alone goes on: this file gets no more zeros.
     */
    private void extendAfter(long at) throws IOException {
        allocated = at;
        if (!writeAhead || JournalSpace.step == 0) return;
        long to = JournalSpace.extendedEnd(at, at);
        try {
            JournalSpace.writeZeros(channel, at, to);
            allocated = to;
        } catch (IOException e) {
            writeAhead = false;
            channel.truncate(at);
            LOG.warn("journal {}: no zeros could be written ahead of its records ({}); its appends grow the file from now on", path, e.toString());
        }
    }

    private long writeFully(ByteBuffer buffer, long at) throws IOException {
        while (buffer.hasRemaining()) at += channel.write(buffer, at);
        return at;
    }

    /**
     * After a checkpoint: a new journal of generation {@code next}, no records ({@link JournalHeader#writeNew}), at
     * {@code at} (the first slot, whichever this journal was in), appended to from now on.
     */
    void restart(Path at, long next, DiskSync sync) throws IOException {
        JournalHeader header = JournalHeader.writeNew(at, next, mapNames(), sync);
        channel.close();
        channel = FileChannel.open(at, StandardOpenOption.READ, StandardOpenOption.WRITE);
        path = at;
        use(header);
    }

    /**
     * Writes {@code spare}: a journal of generation {@code next}, no records, ready for the next {@link #rotate} (forced,
     * on the thread of a checkpoint, so that the writer's rotation needs no sync). It replaces what the file held
     * atomically ({@link AtomicFiles}): a journal the checkpoint just made obsolete.
     */
    void writeSpare(Path spare, long next, DiskSync sync) throws IOException {
        JournalHeader header = JournalHeader.writeNew(spare, next, mapNames(), sync);
        long ahead = JournalSpace.aheadFor(lastRecordBytes);
        if (ahead == 0) return;
        try (FileChannel c = FileChannel.open(spare, StandardOpenOption.WRITE)) {
            JournalSpace.writeZeros(c, header.length, header.length + ahead);
            sync.sync(DiskSync.Point.CHECKPOINT, () -> {
                try {
                    c.force(false); // here, so that the writer's first append to it does not write them
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * Before a checkpoint that runs beside the writer: appends go from now on to the other slot, a journal of the next
     * generation without records (written ahead by {@link #writeSpare}, which returned: {@code spareWritten}; else
     * written here, forced). No rename and no sync when it was: an open goes by the journals' generations, not their
     * names.
     *
     * @return the file this journal was, whose records stay until the checkpoint is on disk
     */
    Path rotate(Path otherSlot, boolean spareWritten, DiskSync sync) throws IOException {
        FileChannel next = spareWritten ? openSpare(otherSlot) : null;
        JournalHeader header = next == null ? null : spareOf(next, otherSlot, generation + 1);
        if (header == null) {
            if (next != null) next.close();
            header = JournalHeader.writeNew(otherSlot, generation + 1, mapNames(), sync);
            next = FileChannel.open(otherSlot, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        lastRecordBytes = recordBytes();
        channel.close();
        channel = next;
        Path was = path;
        path = otherSlot;
        use(header);
        return was;
    }

    /** The spare opened for appending, or null when it cannot be (it is then written anew). */
    private static FileChannel openSpare(Path spare) {
        try {
            return FileChannel.open(spare, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The header of the spare when it is a journal of these maps and of {@code wanted}'s generation without records. */
    private JournalHeader spareOf(FileChannel c, Path spare, long wanted) {
        try {
            JournalHeader header = JournalHeader.read(c, spare);
            boolean fits = header.generation == wanted && header.mapNames.equals(mapNames())
                    && JournalSpace.zerosOnly(c, header.length, Math.min(c.size(), header.length + RECORD_HEAD));
            return fits ? header : null;
        } catch (IOException | RuntimeException e) {
            return null; // written anew instead
        }
    }

    /**
     * Cuts off, and forces the cut of, every record of the batch being undone, also those it appended and forced before
     * its end (a large batch): their writers are told the batch failed, so no restart may apply them.
     */
    void truncateToBatchStart() throws IOException {
        end = batchStart;
        truncateToEnd();
    }

    /** Cuts off, and forces the cut of, whatever follows the last whole record (a torn or failed append, zeros ahead). */
    void truncateToEnd() throws IOException {
        channel.truncate(end);
        channel.force(true);
        allocated = end;
    }

    // ---------------------------------------------------------------- replay

    /**
     * Applies every whole record of this generation to the maps, in order, and leaves {@link #end} after the last.
     * Puts and removals carry final values: the undo of a failed batch applies the journal again over the checkpoint's
     * snapshot, and an open only over a store that lacks the journal's generation ({@link JournalRecovery}).
     *
     * @return how many records (batches) were applied
     */
    int replay() throws IOException {
        long at = headerLength;
        int records = 0;
        ByteBuffer head = ByteBuffer.allocate(RECORD_HEAD);
        while (true) {
            head.clear();
            if (readFully(head, at) < RECORD_HEAD) break;
            head.flip();
            int length = head.getInt();
            long recordGeneration = head.getLong();
            int checksum = head.getInt();
            if (length <= 0 || length > MAX_RECORD || recordGeneration != generation) break;
            if (at + RECORD_HEAD + length > channel.size()) break;
            ByteBuffer payload = ByteBuffer.allocate(length);
            if (readFully(payload, at + RECORD_HEAD) < length) break;
            payload.flip();
            CRC32C crc = new CRC32C();
            crc.update(head.array(), 4, 8);
            crc.update(payload.duplicate());
            if ((int) crc.getValue() != checksum) break;
            apply(payload);
            records++;
            at += RECORD_HEAD + length;
        }
        JournalTail.check(channel, path, at, generation);
        end = at;
        return records;
    }

    private void apply(ByteBuffer payload) {
        int ops = DataUtils.readVarInt(payload);
        for (int i = 0; i < ops; i++) {
            byte op = payload.get();
            int index = DataUtils.readVarInt(payload);
            if (index >= maps.size()) throw new IllegalStateException("journal " + path + " names map #" + index + " of " + maps.size());
            MVMap<Object, Object> map = maps.get(index);
            Object key = map.getKeyType().read(payload);
            if (op == PUT) {
                map.put(key, map.getValueType().read(payload));
            } else if (op == REMOVE) {
                map.remove(key);
            } else {
                throw new IllegalStateException("journal " + path + " holds an unknown operation " + op);
            }
        }
    }

    private int readFully(ByteBuffer buffer, long at) throws IOException { return readFully(channel, buffer, at); }

    /** Reads from {@code at} until the buffer is full or the file ends; how many bytes were read. */
    static int readFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at + total);
            if (n < 0) break;
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
