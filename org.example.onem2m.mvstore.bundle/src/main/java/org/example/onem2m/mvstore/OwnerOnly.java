package org.example.onem2m.mvstore;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories that only their owner may read: the stores hold keys (the MAF's and MEF's registries, the MEF's
 * Enrolment Keys, a client's state), so a store file, its journal and a directory created for them get 0600 and 0700
 * whatever the umask, where the file system has POSIX permissions. Existing files and directories keep theirs: an
 * operator may have chosen them.
 */
final class OwnerOnly {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {}

    /** Creates the missing directories of {@code dir}, each only its owner's. */
    static void createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) return;
        if (absolute.getParent() != null) createDirectories(absolute.getParent());
        try {
            if (POSIX) Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(DIRECTORY));
            else Files.createDirectory(absolute);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // made meanwhile: as it is
        }
    }

    /** Creates {@code file} empty and only its owner's, if it does not exist. */
    static void createFile(Path file) throws IOException {
        if (Files.exists(file)) return;
        try {
            if (POSIX) Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            else Files.createFile(file);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // created meanwhile: as it is
        }
    }

    /** The attribute for {@code Files.createFile}/{@code FileChannel.open} of a new key-holding file; none without POSIX. */
    static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }
}
