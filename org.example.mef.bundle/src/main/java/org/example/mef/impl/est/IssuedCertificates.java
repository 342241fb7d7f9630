package org.example.mef.impl.est;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    /**
     * certSubject URI -> serial of the most recent certificate issued for it: the only one that renews (TS-0003 8.3.6.2.3
     * pre-condition B, "the certificate from the most recent such procedure"), so that one certificate cannot mint more.
     */
    private final MVMap<String, String> mostRecent;
    /** {@value #INDEXED} -> "1" once {@link #mostRecent} covers every record (stores from before it are indexed once). */
    private final MVMap<String, String> format;
    private static final String INDEXED = "mostRecentIndexed";
    private final GroupCommitWriter writer;

    /** What {@link #record} did. */
    enum Outcome { RECORDED, SERIAL_TAKEN, SUPERSEDED }

    IssuedCertificates(Path directory) {
        this.file = directory.resolve(FILE).toAbsolutePath();
        this.store = MVStoreFiles.open(file, "the MEF CA's issued certificates");
        try {
            this.bySerial = store.openMap("issued", new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE)
                    .valueType(ByteArrayDataType.INSTANCE));
            this.enrolledBy = store.openMap("enrolledBy", new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE)
                    .valueType(StringDataType.INSTANCE));
            this.mostRecent = store.openMap("mostRecent", new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE)
                    .valueType(StringDataType.INSTANCE));
            this.format = store.openMap("format", new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE)
                    .valueType(StringDataType.INSTANCE));
            store.commit();
            this.writer = new GroupCommitWriter(store, "the MEF CA's issued certificates " + file, MVStoreFiles.journalOf(file),
                    List.of(bySerial, enrolledBy, mostRecent, format), DiskSync.DIRECT);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    /**
     * Records a certificate durably with the MEF Client it was issued to and, for a certSubject, as that subject's most
     * recent one, unless its serial number is taken (a CA's serial numbers are unique, RFC 5280 4.1.2.2) or, for a
     * renewal, the certificate renewed is no longer the subject's most recent: checked and written in one step of the
     * writer, so two renewals with one certificate issue one certificate.
     *
     * @param subjectUri the certSubject's URI, or null (the MEF's own listener certificate)
     * @param renewing   the serial of the certificate this one renews, or null
     */
    Outcome record(BigInteger serial, byte[] der, String client, String subjectUri, BigInteger renewing) {
        String key = serial.toString(16);
        return writer.write(() -> {
            if (bySerial.containsKey(key)) return Outcome.SERIAL_TAKEN;
            if (renewing != null && !renewing.toString(16).equals(mostRecent.get(subjectUri))) return Outcome.SUPERSEDED;
            writer.put(enrolledBy, key, client);
            writer.put(bySerial, key, der);
            if (subjectUri != null) writer.put(mostRecent, subjectUri, key);
            return Outcome.RECORDED;
        });
    }

    /** The serial of the most recent certificate recorded for a certSubject URI. */
    Optional<BigInteger> mostRecent(String subjectUri) {
        return writer.read(() -> Optional.ofNullable(mostRecent.get(subjectUri)).map(hex -> new BigInteger(hex, 16)));
    }

    /** Whether {@link #mostRecent} covers every record; false for a store written before it existed. */
    boolean mostRecentIndexed() {
        return writer.read(() -> format.containsKey(INDEXED));
    }

    /** Sets the most recent certificate of each subject, worked out from the records by the CA, once. */
    void indexMostRecent(Map<String, BigInteger> bySubject) {
        writer.write(() -> {
            bySubject.forEach((uri, serial) -> writer.put(mostRecent, uri, serial.toString(16)));
            writer.put(format, INDEXED, "1");
            return null;
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
