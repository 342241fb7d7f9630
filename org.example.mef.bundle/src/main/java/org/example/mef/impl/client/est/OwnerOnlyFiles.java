package org.example.mef.impl.client.est;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that are replaced whole and survive a crash: each is written to a temporary name in the same directory, forced
 * to disk and moved over the old one atomically, so a reader finds the old content or the new, never a part. A file
 * holding a private key is created 0600 (the mode survives the move) and a directory created here 0700, whatever the
 * umask, where the file system has POSIX permissions; an existing directory keeps the permissions an operator gave it.
 * <p>
 * The MEF CA ({@code impl.est.MefCa}) and the mvstore bundle's {@code OwnerOnly} have the same idea privately; neither is
 * reachable from here (package-private, or another helper's work in progress), so this is the client's copy until they
 * are merged into one.
 */
public final class OwnerOnlyFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnlyFiles() {}

    /** Creates the missing directories of {@code dir}, each only its owner's. */
    public static void createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) return;
        if (absolute.getParent() != null) createDirectories(absolute.getParent());
        try {
            if (POSIX) Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            else Files.createDirectory(absolute);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // made meanwhile: as it is
        }
    }

    /** Replaces {@code target} with {@code content} atomically and durably; {@code ownerOnly}: 0600. */
    public static void write(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary); // left by a crash
        FileAttribute<?>[] attributes = ownerOnly && POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) channel.write(buffer);
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(target.toAbsolutePath().getParent());
    }

    /** The rename is durable once the directory is forced; where a directory cannot be opened (Windows) the move stands as it is. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // best effort, as the JDK offers no portable directory sync
        }
    }
}
