package org.example.tef.impl.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.example.tef.api.Identifiers;
import org.example.tef.spi.ClientRegistration;
import org.example.tef.spi.KeyRegistration;
import org.example.tef.spi.RegistrationStore;
import org.example.onem2m.mvstore.DiskSync;
import org.example.onem2m.mvstore.GroupCommitWriter;
import org.example.onem2m.mvstore.MVStoreFiles;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded durable registration store: one H2 MVStore file ({@link MVStoreFiles} opens it). This class is the
 * map layout and the queries; every change goes through a {@link GroupCommitWriter}, which makes it durable before
 * the method returns (concurrent writers share one commit and one fsync), and every read through the same writer's
 * {@link GroupCommitWriter#read}, which pins the version it reads.
 *
 * <h2>Layout</h2>
 * Records are stored as compact bytes ({@link RecordCodec}); client registrations under their registration ID, key
 * registrations under their RelativeKeyID case folded ({@link Identifiers#relativeIdLookupKey}, TS-0003 10.6).
 * Secondary indexes are maps of composite string keys to "" so that they stay B-trees of small entries, however
 * many registrations a client or an expiry second has:
 * <ul>
 * <li>{@code clientIndex}: clientId NUL registrationId</li>
 * <li>{@code clientExpiry}, {@code keyExpiry}: expiry second NUL id, where the second is offset by 10^17 and
 * zero-padded to 18 digits so that string order is time order for every {@link Instant} (also before 1970).</li>
 * </ul>
 * Nothing is mirrored in Java collections; the page cache is bounded ({@value MVStoreFiles#CACHE_MB} MB).
 * Key values are never logged.
 */
public final class MVStoreRegistrationStore implements RegistrationStore {
    private static final Logger LOG = LoggerFactory.getLogger(MVStoreRegistrationStore.class);

    private static final char SEP = '\u0000';
    private static final long SECOND_OFFSET = 100_000_000_000_000_000L; // 10^17 > |Instant.MIN.getEpochSecond()|

    private final Path file;
    private final MVMap<String, byte[]> clients;
    private final MVMap<String, byte[]> keys;
    private final MVMap<String, String> clientIndex;
    private final MVMap<String, String> clientExpiry;
    private final MVMap<String, String> keyExpiry;
    private final GroupCommitWriter writer;
    /** How many registrations one round of {@link #removeExpired} removes at most; tests lower it. */
    volatile int expiryRound = 2000;

    public MVStoreRegistrationStore(Path file) {
        this(file, DiskSync.DIRECT);
    }

    /** @param sync where written bytes are forced to the disk; {@link DiskSync#DIRECT} except in failure tests */
    MVStoreRegistrationStore(Path file, DiskSync sync) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        Objects.requireNonNull(sync, "sync");
        MVStore store = MVStoreFiles.open(this.file, "the registration store");
        try {
            this.clients = store.openMap("clientRegistrations", bytesMap());
            this.keys = store.openMap("keyRegistrations", bytesMap());
            this.clientIndex = store.openMap("clientIndex", indexMap());
            this.clientExpiry = store.openMap("clientExpiry", indexMap());
            this.keyExpiry = store.openMap("keyExpiry", indexMap());
            store.commit(); // the map definitions, so that a store that was only opened is a valid file
            store.sync();
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw new IllegalStateException("cannot read the registration store " + this.file + ": " + e.getMessage(), e);
        }
        try {
            // the order of the maps is the journal's: keep it
            this.writer = new GroupCommitWriter(store, "the registration store " + this.file, MVStoreFiles.journalOf(this.file),
                    List.of(clients, keys, clientIndex, clientExpiry, keyExpiry), sync);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
        LOG.info("registration store {}: {} client and {} key registrations", this.file, clients.sizeAsLong(), keys.sizeAsLong());
    }

    private static MVMap.Builder<String, byte[]> bytesMap() {
        return new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE);
    }

    private static MVMap.Builder<String, String> indexMap() {
        return new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE);
    }

    // ---------------------------------------------------------------- writes (on the writer thread)

    @Override
    public void putClientRegistration(ClientRegistration registration) {
        Objects.requireNonNull(registration, "registration");
        String id = registration.registrationId();
        byte[] record = RecordCodec.encode(registration);
        writer.write(() -> {
            byte[] old = writer.put(clients, id, record);
            if (old != null) unindexClient(RecordCodec.decodeClient(old));
            writer.put(clientIndex, registration.clientId() + SEP + id, "");
            writer.put(clientExpiry, expiryKey(registration.expirationTime(), id), "");
            return null;
        });
    }

    @Override
    public boolean removeClientRegistration(String registrationId) {
        Objects.requireNonNull(registrationId, "registrationId");
        return writer.write(() -> {
            byte[] old = writer.remove(clients, registrationId);
            if (old == null) return false;
            unindexClient(RecordCodec.decodeClient(old));
            return true;
        });
    }

    @Override
    public void putKeyRegistration(KeyRegistration registration) {
        Objects.requireNonNull(registration, "registration");
        String canonical = Identifiers.relativeIdLookupKey(registration.relativeKeyId());
        byte[] record = RecordCodec.encode(registration);
        writer.write(() -> {
            byte[] old = writer.put(keys, canonical, record);
            if (old != null) writer.remove(keyExpiry, expiryKey(RecordCodec.decodeKey(old).expirationTime(), canonical));
            writer.put(keyExpiry, expiryKey(registration.expirationTime(), canonical), "");
            return null;
        });
    }

    @Override
    public boolean removeKeyRegistration(String relativeKeyId) {
        String canonical = Identifiers.relativeIdLookupKey(relativeKeyId);
        return writer.write(() -> {
            byte[] old = writer.remove(keys, canonical);
            if (old == null) return false;
            writer.remove(keyExpiry, expiryKey(RecordCodec.decodeKey(old).expirationTime(), canonical));
            return true;
        });
    }

    /**
     * Removes in rounds of at most {@link #expiryRound} registrations, each round a write of its own (group-committed
     * and durable like any other), so that a mass expiry neither holds every dirty page in the heap until one huge
     * commit nor keeps other writers waiting behind it. The whole is therefore not atomic: after a failure the
     * rounds already done stay done, and the next call removes the rest.
     */
    @Override
    public int removeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        int limit = expiryRound;
        int total = 0;
        int removed;
        do {
            removed = writer.write(() -> removeExpiredRound(now, limit));
            total += removed;
        } while (removed == limit); // a full round: there may be more
        return total;
    }

    /** Writer thread: removes up to {@code limit} registrations expired at {@code now}, clients first. */
    private int removeExpiredRound(Instant now, int limit) {
        // every index key of a second <= now's sorts below this bound ("second" + NUL + id < "second" + \u0001)
        String bound = second(now.getEpochSecond()) + '\u0001';
        int removed = 0;
        // MVMap iterators walk a snapshot of the tree, so removing while iterating is safe
        for (Iterator<String> it = clientExpiry.keyIterator(null); it.hasNext() && removed < limit; ) {
            String indexKey = it.next();
            if (indexKey.compareTo(bound) >= 0) break;
            String id = indexKey.substring(indexKey.indexOf(SEP) + 1);
            byte[] data = clients.get(id);
            if (data == null) { writer.remove(clientExpiry, indexKey); continue; } // stale entry; should not happen
            ClientRegistration r = RecordCodec.decodeClient(data);
            if (!r.expiredAt(now)) continue; // the same second, a later nanosecond
            writer.remove(clients, id);
            unindexClient(r);
            removed++;
        }
        for (Iterator<String> it = keyExpiry.keyIterator(null); it.hasNext() && removed < limit; ) {
            String indexKey = it.next();
            if (indexKey.compareTo(bound) >= 0) break;
            String canonical = indexKey.substring(indexKey.indexOf(SEP) + 1);
            byte[] data = keys.get(canonical);
            if (data == null) { writer.remove(keyExpiry, indexKey); continue; }
            if (RecordCodec.decodeKey(data).expirationTime().isAfter(now)) continue;
            writer.remove(keys, canonical);
            writer.remove(keyExpiry, indexKey);
            removed++;
        }
        return removed;
    }

    private void unindexClient(ClientRegistration old) {
        writer.remove(clientIndex, old.clientId() + SEP + old.registrationId());
        writer.remove(clientExpiry, expiryKey(old.expirationTime(), old.registrationId()));
    }

    static String expiryKey(Instant expirationTime, String id) {
        return second(expirationTime.getEpochSecond()) + SEP + id;
    }

    private static String second(long epochSecond) {
        return String.format("%018d", epochSecond + SECOND_OFFSET);
    }

    // ---------------------------------------------------------------- reads (on the caller's thread)

    @Override
    public Optional<ClientRegistration> clientRegistration(String registrationId) {
        Objects.requireNonNull(registrationId, "registrationId");
        byte[] data = writer.read(() -> clients.get(registrationId));
        return data == null ? Optional.empty() : Optional.of(RecordCodec.decodeClient(data));
    }

    @Override
    public List<ClientRegistration> clientRegistrationsOf(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        String prefix = clientId + SEP;
        return writer.read(() -> {
            List<ClientRegistration> result = new ArrayList<>();
            for (Iterator<String> it = clientIndex.keyIterator(prefix); it.hasNext(); ) {
                String indexKey = it.next();
                if (!indexKey.startsWith(prefix)) break;
                byte[] data = clients.get(indexKey.substring(prefix.length()));
                if (data == null) continue; // removed since we read the index
                ClientRegistration r = RecordCodec.decodeClient(data);
                if (r.clientId().equals(clientId)) result.add(r);
            }
            return result;
        });
    }

    @Override
    public Optional<KeyRegistration> keyRegistration(String relativeKeyId) {
        String canonical = Identifiers.relativeIdLookupKey(relativeKeyId);
        byte[] data = writer.read(() -> keys.get(canonical));
        return data == null ? Optional.empty() : Optional.of(RecordCodec.decodeKey(data));
    }

    @Override
    public long clientRegistrationCount() {
        return writer.read(clients::sizeAsLong);
    }

    @Override
    public long keyRegistrationCount() {
        return writer.read(keys::sizeAsLong);
    }

    @Override
    public String location() { return file.toString(); }

    /** How many batches were committed and forced to disk; for tests (group commit: fewer than the writes). */
    long batchesCommitted() { return writer.batchesCommitted(); }

    /** How many mutations those batches held. */
    long mutationsCommitted() { return writer.mutationsCommitted(); }

    /** Lets the writer finish everything queued before, then closes the file. Writes and reads afterwards throw. */
    @Override
    public void close() {
        writer.close();
        LOG.info("registration store {} closed", file);
    }
}
