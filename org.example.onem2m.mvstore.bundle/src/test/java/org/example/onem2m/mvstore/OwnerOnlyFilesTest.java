package org.example.onem2m.mvstore;

import static org.junit.Assert.assertEquals;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A new store, its journal and the directories made for them are their owner's only: stores hold keys. */
public class OwnerOnlyFilesTest {
    @Rule public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void aNewStoreItsJournalAndItsNewDirectoriesAreOwnerOnly() throws Exception {
        Assume.assumeTrue("no POSIX permissions on this file system", FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = folder.getRoot().toPath().resolve("made/for/it/keys.mv.db");
        MVStore store = MVStoreFiles.open(file, "the test store");
        MVMap<String, String> map = store.openMap("m");
        store.commit();
        try (GroupCommitWriter writer = new GroupCommitWriter(store, "the test store", MVStoreFiles.journalOf(file), List.of(map), DiskSync.DIRECT)) {
            writer.write(() -> writer.put(map, "k", "secret"));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(MVStoreFiles.journalOf(file))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.getRoot().toPath().resolve("made"))));
    }

    /** AtomicFiles: a key file replaced whole stays 0600, a plain one is replaced too, and no temporary file is left. */
    @Test
    public void aFileReplacedAtomicallyKeepsItsOwnerOnlyModeAndLeavesNoTemporaryFile() throws Exception {
        Assume.assumeTrue("no POSIX permissions on this file system", FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path dir = folder.getRoot().toPath().resolve("keys/here");
        AtomicFiles.createOwnerOnlyDirectories(dir);
        Path key = dir.resolve("key.pem");
        AtomicFiles.replace(key, "first".getBytes(java.nio.charset.StandardCharsets.US_ASCII), true);
        AtomicFiles.replace(key, "second".getBytes(java.nio.charset.StandardCharsets.US_ASCII), true);
        Path plain = dir.resolve("cert.pem");
        AtomicFiles.replace(plain, "certificate".getBytes(java.nio.charset.StandardCharsets.US_ASCII), false);
        assertEquals("second", Files.readString(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("certificate", Files.readString(plain));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("cert.pem", "key.pem"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }
}
