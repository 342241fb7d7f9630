package org.example.onem2m.mvstore;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import org.h2.mvstore.WriteBuffer;

/**
 * The header of a {@link JournalFile}: {@code "M2MJRNL1" | generation (long) | map count (int) | per map: name length
 * (short), UTF-8 name | CRC32C (int)}. A new journal (at creation, at the checkpoints of open and close, and as the
 * spare a checkpoint beside the writer leaves in the slot it freed) is written to a sibling file, forced, and renamed over
 * the file it replaces ({@link AtomicFiles}), then the directory is forced: a crash leaves the old journal whole or the new
 * one, never a torn header or a journal that vanished; which of them an open applies goes by their generations
 * ({@link JournalRecovery}).
 */
final class JournalHeader {
    private static final byte[] MAGIC = "M2MJRNL1".getBytes(StandardCharsets.US_ASCII);

    final long generation;
    final List<String> mapNames;
    final int length;

    private JournalHeader(long generation, List<String> mapNames, int length) {
        this.generation = generation;
        this.mapNames = mapNames;
        this.length = length;
    }

    /** Replaces (or creates) {@code path} by a journal of no records; returns its header. */
    static JournalHeader writeNew(Path path, long generation, List<String> mapNames, DiskSync sync) throws IOException {
        byte[] header = encode(generation, mapNames);
        AtomicFiles.replace(path, header, true, sync); // the journal holds the writes: keys too
        return new JournalHeader(generation, List.copyOf(mapNames), header.length);
    }

    private static byte[] encode(long generation, List<String> mapNames) {
        WriteBuffer h = new WriteBuffer(256).put(MAGIC).putLong(generation).putInt(mapNames.size());
        for (String name : mapNames) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            h.putShort((short) bytes.length).put(bytes);
        }
        ByteBuffer body = h.getBuffer().flip();
        CRC32C crc = new CRC32C();
        crc.update(body.duplicate());
        ByteBuffer all = ByteBuffer.allocate(body.remaining() + 4).put(body).putInt((int) crc.getValue()).flip();
        return all.array();
    }

    /** Reads the header at the start of {@code channel}; throws naming {@code path} when it is not one. */
    static JournalHeader read(FileChannel channel, Path path) throws IOException {
        ByteBuffer all = ByteBuffer.allocate((int) Math.min(channel.size(), 1 << 16));
        while (all.hasRemaining() && channel.read(all, all.position()) > 0) { /* read on */ }
        all.flip();
        try {
            byte[] magic = new byte[MAGIC.length];
            all.get(magic);
            if (!Arrays.equals(magic, MAGIC)) throw damaged(path, "it does not start with the journal's mark");
            long generation = all.getLong();
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
            if ((int) crc.getValue() != checksum) throw damaged(path, "its header's checksum does not match");
            return new JournalHeader(generation, names, length + 4);
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw damaged(path, "its header is cut short");
        }
    }

    private static IllegalStateException damaged(Path path, String why) {
        return new IllegalStateException("journal " + path + " is not readable: " + why + ". It may hold acknowledged"
                + " writes: keep a copy of the store's files; to start without its writes, move it away (an open then needs no"
                + " journal of its generation only if the store holds it)");
    }

}
