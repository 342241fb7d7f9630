package org.example.mef.impl.est;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Set;

import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * How the MEF CA's files are written and read: PEM (RFC 7468), each written to a temporary name, forced to disk and
 * moved into place atomically; key files and the directories made here owner-only where the file system has POSIX
 * permissions. Created owner-only with java.nio here rather than by the mvstore bundle's {@code OwnerOnly}, which is
 * package-private there.
 */
final class CaFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private CaFiles() {}

    static byte[] pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] readPem(Path file, String type) throws IOException {
        try (PemReader reader = new PemReader(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            PemObject object = reader.readPemObject();
            if (object == null || !type.equals(object.getType())) throw new IOException(file + " holds no PEM " + type);
            return object.getContent();
        }
    }

    static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    /** Creates {@code dir} and its missing parents 0700; an existing one keeps the permissions an operator gave it. */
    static void createOwnerOnlyDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) return;
        if (absolute.getParent() != null) createOwnerOnlyDirectories(absolute.getParent());
        if (POSIX) Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        else Files.createDirectory(absolute);
    }

    /**
     * Writes {@code content} to {@code target} through a temporary file in the same directory, forced to disk, then moved
     * atomically; {@code ownerOnly} creates the temporary file 0600 (the mode survives the move). The move itself is made
     * durable by a sync of the directory (POSIX: forcing a file does not make its name durable).
     */
    static void writeAtomically(Path target, byte[] content, boolean ownerOnly) throws IOException {
        writeUnsynced(target, content, ownerOnly);
        try (FileChannel directory = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            directory.force(true); // Linux allows opening a directory for reading and forcing it
        }
    }

    /**
     * The temporary file: named after the target, so that two writers of different targets never meet; a leftover of a
     * crash is replaced by the next write of the same target and never read (readers take *.pem only).
     */
    private static void writeUnsynced(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        FileAttribute<?>[] attributes = ownerOnly && POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
            : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) channel.write(buffer);
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Escapes the RFC 4514 special characters of a value put into a DN string. */
    static String escape(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (",+\"\\<>;=#".indexOf(c) >= 0 || (c == ' ' && (i == 0 || i == value.length() - 1))) b.append('\\');
            b.append(c);
        }
        return b.toString();
    }
}
