package org.example.onem2m.mvstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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

/**
 * The file of a {@link WriteAheadJournal}: the changes of the batches acknowledged since the MVStore's last
 * checkpoint, one record per batch, each key and value encoded by its map's own {@link DataType}.
 *
 * <p>Written by hand because MVStore has no log of its own (a commit is its only durability) and the libraries with
 * one (Chronicle Queue, BookKeeper) bring memory-mapped or networked designs far larger than an append, an
 * fdatasync and a replay.
 *
 * <pre>
 * header: "M2MJRNL1" | generation (long) | map count (int) | per map: name length (short), UTF-8 name | CRC32C (int)
 * record: payload length (int) | generation (long) | CRC32C of generation and payload (int) | payload
 * payload: op count (varint) | per op: 1 = put, 2 = remove (byte) | map index (varint) | key | value (puts only)
 * </pre>
 *
 * A record counts only if it is whole, its checksum matches and it carries the header's generation: a torn last
 * record (a crash during its append, never acknowledged) ends the replay, and so does a record left from before the
 * last {@link #restart()} (which writes a new generation) should the file system have kept old bytes past the end.
 */
final class JournalFile implements AutoCloseable {
    private static final byte[] MAGIC = "M2MJRNL1".getBytes(StandardCharsets.US_ASCII);
    private static final int RECORD_HEAD = 4 + 8 + 4;
    /** A length above this is damage, not a batch (a batch holds at most {@link GroupCommitWriter#MAX_BATCH} writes). */
    private static final int MAX_RECORD = 1 << 30;
    static final byte PUT = 1;
    static final byte REMOVE = 2;

    private final Path path;
    private final FileChannel channel;
    private final List<MVMap<Object, Object>> maps = new ArrayList<>();
    private final Map<MVMap<?, ?>, Integer> indexOf = new IdentityHashMap<>();
    private final WriteBuffer pending = new WriteBuffer(1 << 16);
    private int pendingOps;
    private long generation;
    private int headerLength;
    /** Where the next record goes: the end of the last whole record. */
    private long end;

    @SuppressWarnings("unchecked")
    JournalFile(Path path, List<? extends MVMap<?, ?>> journaled) throws IOException {
        this.path = path;
        for (MVMap<?, ?> map : journaled) {
            if (indexOf.put(map, maps.size()) != null) throw new IllegalArgumentException("map " + map.getName() + " is listed twice");
            maps.add((MVMap<Object, Object>) map);
        }
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            if (channel.size() == 0) {
                writeHeader(1);
                forceDirectoryOf(path);
            } else {
                readHeader();
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * A new file's name must be on disk too, or after a power loss the journal (and the writes it acknowledged) could
     * be gone while the store file is there. Where a directory cannot be opened for that (not Linux), it is skipped.
     */
    private static void forceDirectoryOf(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: some platforms cannot open or sync a directory
        }
    }

    Path path() { return path; }

    /** Bytes in the file past the header: what the next checkpoint makes obsolete. */
    long recordBytes() { return end - headerLength; }

    boolean journals(MVMap<?, ?> map) { return indexOf.containsKey(map); }

    // ---------------------------------------------------------------- appending

    void recordPut(MVMap<?, ?> map, Object key, Object value) {
        MVMap<Object, Object> m = mapAt(map);
        pending.put(PUT).putVarInt(indexOf.get(map));
        m.getKeyType().write(pending, key);
        m.getValueType().write(pending, value);
        pendingOps++;
    }

    void recordRemove(MVMap<?, ?> map, Object key) {
        MVMap<Object, Object> m = mapAt(map);
        pending.put(REMOVE).putVarInt(indexOf.get(map));
        m.getKeyType().write(pending, key);
        pendingOps++;
    }

    boolean hasPending() { return pendingOps > 0; }

    void discardPending() {
        pending.clear();
        pendingOps = 0;
    }

    /** Appends the pending ops as one record and forces it to the disk; on a throw nothing counts as appended. */
    void appendPending(DiskSync sync) throws IOException {
        ByteBuffer payload = pending.getBuffer();
        payload.flip();
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
        sync.sync(DiskSync.Point.BATCH, () -> {
            try {
                channel.force(false); // fdatasync: the data and the file's new length
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        end = at;
        discardPending();
    }

    private long writeFully(ByteBuffer buffer, long at) throws IOException {
        while (buffer.hasRemaining()) at += channel.write(buffer, at);
        return at;
    }

    /** After a checkpoint: a new generation, no records. Forced, so that no record is appended to a stale header. */
    void restart() throws IOException {
        writeHeader(generation + 1);
    }

    /** Cuts off whatever follows the last whole record (a torn or failed append). */
    void truncateToEnd() throws IOException {
        channel.truncate(end);
        channel.force(true);
    }

    // ---------------------------------------------------------------- replay

    /**
     * Applies every whole record of this generation to the maps, in order, and leaves {@link #end} after the last.
     * Puts and removals carry final values, so applying a record twice (a crash between a checkpoint and the restart
     * of the journal) leaves the same state as once.
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

    private int readFully(ByteBuffer buffer, long at) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at + total);
            if (n < 0) break;
            total += n;
        }
        return total;
    }

    // ---------------------------------------------------------------- header

    private void writeHeader(long newGeneration) throws IOException {
        WriteBuffer h = new WriteBuffer(256).put(MAGIC).putLong(newGeneration).putInt(maps.size());
        for (MVMap<?, ?> map : maps) {
            byte[] name = map.getName().getBytes(StandardCharsets.UTF_8);
            h.putShort((short) name.length).put(name);
        }
        ByteBuffer bytes = h.getBuffer().flip();
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate());
        ByteBuffer all = ByteBuffer.allocate(bytes.remaining() + 4).put(bytes).putInt((int) crc.getValue()).flip();
        channel.truncate(0);
        writeFully(all, 0);
        channel.force(true);
        generation = newGeneration;
        headerLength = all.limit();
        end = headerLength;
    }

    private void readHeader() throws IOException {
        ByteBuffer all = ByteBuffer.allocate((int) Math.min(channel.size(), 1 << 16));
        readFully(all, 0);
        all.flip();
        try {
            byte[] magic = new byte[MAGIC.length];
            all.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw damaged("it does not start with the journal's mark");
            long gen = all.getLong();
            int count = all.getInt();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] name = new byte[all.getShort()];
                all.get(name);
                names.add(new String(name, StandardCharsets.UTF_8));
            }
            int length = all.position();
            int checksum = all.getInt();
            CRC32C crc = new CRC32C();
            crc.update(all.array(), 0, length);
            if ((int) crc.getValue() != checksum) throw damaged("its header's checksum does not match");
            List<String> expected = new ArrayList<>();
            for (MVMap<?, ?> map : maps) expected.add(map.getName());
            if (!names.equals(expected)) {
                throw new IllegalStateException("journal " + path + " was written for the maps " + names + ", not " + expected
                        + "; it belongs to another store");
            }
            generation = gen;
            headerLength = length + 4;
            end = headerLength;
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            throw damaged("its header is cut short");
        }
    }

    private IllegalStateException damaged(String why) {
        return new IllegalStateException("journal " + path + " is not readable: " + why);
    }

    private MVMap<Object, Object> mapAt(MVMap<?, ?> map) {
        Integer index = indexOf.get(map);
        if (index == null) throw new IllegalArgumentException("map " + map.getName() + " is not journaled by this writer");
        return maps.get(index);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
