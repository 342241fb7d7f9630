package org.example.mef.impl.est;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.example.onem2m.mvstore.DiskSync;
import org.example.onem2m.mvstore.GroupCommitWriter;
import org.example.onem2m.mvstore.MVStoreFiles;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * Every certificate the MEF CA issued, by serial number (hex), as DER, in an H2 MVStore file through the shared
 * {@link GroupCommitWriter}: a record is journaled and forced to disk before {@link #record} returns, and certificates
 * issued at the same time share one sync (as the MEF's Enrolment Keys and the registries do). A file per certificate,
 * forced each, cost about a quarter of a millisecond of system time per certificate (BENCHMARKS.md, figure 13).
 */
final class IssuedCertificates implements AutoCloseable {
    static final String FILE = "issued.mv.db";

    private final Path file;
    private final MVStore store;
    private final MVMap<String, byte[]> bySerial;
    /** serial -> the MEF Client the certificate was issued to ("" for none, e.g. the MEF's own listener certificate) */
    private final MVMap<String, String> enrolledBy;
    private final GroupCommitWriter writer;

    IssuedCertificates(Path directory) {
        this.file = directory.resolve(FILE).toAbsolutePath();
        this.store = MVStoreFiles.open(file, "the MEF CA's issued certificates");
        try {
            this.bySerial = store.openMap("issued", new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE)
                    .valueType(ByteArrayDataType.INSTANCE));
            this.enrolledBy = store.openMap("enrolledBy", new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE)
                    .valueType(StringDataType.INSTANCE));
            store.commit();
            this.writer = new GroupCommitWriter(store, "the MEF CA's issued certificates " + file, MVStoreFiles.journalOf(file),
                    List.of(bySerial, enrolledBy), DiskSync.DIRECT);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    /**
     * Records a certificate durably with the MEF Client it was issued to, unless its serial number is taken (a CA's
     * serial numbers are unique, RFC 5280 4.1.2.2): checked and written in one step of the writer.
     *
     * @return false when the serial number was already recorded (nothing written)
     */
    boolean record(BigInteger serial, byte[] der, String client) {
        String key = serial.toString(16);
        return writer.write(() -> {
            if (bySerial.containsKey(key)) return false;
            writer.put(enrolledBy, key, client);
            writer.put(bySerial, key, der);
            return true;
        });
    }

    /** The MEF Client a recorded certificate was issued to ("" for none); empty when this CA did not issue it. */
    Optional<String> enrolledBy(BigInteger serial) {
        String key = serial.toString(16);
        return writer.read(() -> bySerial.containsKey(key) ? Optional.of(enrolledBy.getOrDefault(key, "")) : Optional.empty());
    }

    /** Every certificate recorded, as DER. */
    List<byte[]> all() { return writer.read(() -> new ArrayList<>(bySerial.values())); }

    long count() { return writer.read(bySerial::sizeAsLong); }

    Path location() { return file; }

    @Override
    public void close() { writer.close(); }
}
