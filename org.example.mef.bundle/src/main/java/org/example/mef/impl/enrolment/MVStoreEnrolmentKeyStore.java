package org.example.mef.impl.enrolment;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.example.onem2m.mvstore.DiskSync;
import org.example.onem2m.mvstore.GroupCommitWriter;
import org.example.onem2m.mvstore.MVStoreFiles;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;

/**
 * Enrolment Keys in an H2 MVStore file through the shared {@link GroupCommitWriter}: a put is journaled and forced to
 * disk before it returns, and concurrent handshakes share one sync.
 */
public final class MVStoreEnrolmentKeyStore implements EnrolmentKeyStore {
    private final Path file;
    private final MVStore store;
    private final MVMap<String, String> keys;
    private final GroupCommitWriter writer;

    public MVStoreEnrolmentKeyStore(Path file) {
        this.file = file.toAbsolutePath();
        this.store = MVStoreFiles.open(this.file, "the enrolment key store");
        try {
            this.keys = store.openMap("enrolmentKeys", new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE)
                    .valueType(StringDataType.INSTANCE));
            store.commit();
            this.writer = new GroupCommitWriter(store, "the enrolment key store " + this.file, MVStoreFiles.journalOf(this.file),
                    List.of(keys), DiskSync.DIRECT);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    @Override
    public void put(EnrolmentRecord record) {
        String key = EnrolmentRecordCodec.lookupKey(record.keId());
        String value = EnrolmentRecordCodec.encode(record);
        writer.write(() -> writer.put(keys, key, value));
    }

    @Override
    public Optional<EnrolmentRecord> byKeId(String keId) {
        String key;
        try {
            key = EnrolmentRecordCodec.lookupKey(keId);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        return writer.read(() -> Optional.ofNullable(keys.get(key)).map(EnrolmentRecordCodec::decode));
    }

    @Override
    public int removeExpired(Instant now) {
        List<String> expired = writer.read(() -> {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, String> e : keys.entrySet()) if (!EnrolmentRecordCodec.decode(e.getValue()).liveAt(now)) out.add(e.getKey());
            return out;
        });
        if (expired.isEmpty()) return 0;
        return writer.write(() -> {
            int removed = 0;
            for (String k : expired) if (writer.remove(keys, k) != null) removed++;
            return removed;
        });
    }

    @Override
    public long count() { return writer.read(keys::sizeAsLong); }

    @Override
    public String location() { return file.toString(); }

    @Override
    public void close() { writer.close(); }
}
