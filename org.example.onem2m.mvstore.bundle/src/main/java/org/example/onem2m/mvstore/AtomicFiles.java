package org.example.onem2m.mvstore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Small files that are replaced whole and survive a crash, for what is kept beside the stores (a CA's key and
 * certificate, a client's provisioned certificate and key): each is written to a temporary name in the same directory,
 * forced to disk, moved over the old one atomically, and the directory forced, so that a reader finds the old content
 * or the new, never a part, and the new name is durable once {@link #replace} returns. A file holding a key is created
 * 0600 and a directory created here 0700 whatever the umask, where the file system has POSIX permissions ({@link
 * OwnerOnly}); an existing directory keeps the permissions an operator gave it. Written by hand: the JDK has the parts
 * (FileChannel.force, ATOMIC_MOVE) but no call that does all of them, and no library this project uses offers one; the
 * journals' headers are written with it ({@link JournalHeader}).
 *
 * @since 1.2
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Creates the missing directories of {@code dir}, each only its owner's. */
    public static void createOwnerOnlyDirectories(Path dir) throws IOException {
        OwnerOnly.createDirectories(dir);
    }

    /** Replaces {@code target} with {@code content} atomically and durably; {@code ownerOnly}: a new file is 0600. */
    public static void replace(Path target, byte[] content, boolean ownerOnly) throws IOException {
        replace(target, content, ownerOnly, DiskSync.DIRECT);
    }

    /** {@link #replace}, the content forced through {@code sync} (failure tests hold or fail it). */
    static void replace(Path target, byte[] content, boolean ownerOnly, DiskSync sync) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        writeForced(temporary, content, ownerOnly, sync);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectoryOf(target); // the rename is durable once its directory is (POSIX)
    }

    /** Writes {@code file} anew (a leftover of a crash is overwritten) and forces it through {@code sync}. */
    static void writeForced(Path file, byte[] content, boolean ownerOnly, DiskSync sync) throws IOException {
        Files.deleteIfExists(file); // left by a crash, perhaps with other permissions
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly ? OwnerOnly.fileAttributes() : new java.nio.file.attribute.FileAttribute<?>[0])) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) channel.write(buffer);
            sync.sync(DiskSync.Point.CHECKPOINT, () -> {
                try {
                    channel.force(true);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * The directory entry of a new or renamed file must be on disk too. Skipped only where a directory cannot be opened
     * (some platforms); a sync that fails is thrown: what depends on the entry must not go on as if it were durable.
     */
    static void forceDirectoryOf(Path file) throws IOException {
        FileChannel d;
        try {
            d = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return; // this platform cannot open a directory
        }
        try (d) {
            d.force(true);
        } catch (UnsupportedOperationException e) {
            // nor sync one
        }
    }
}
