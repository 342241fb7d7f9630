package org.example.tef.impl.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.example.tef.spi.ClientRegistration;
import org.example.tef.spi.KeyRegistration;
import org.example.tef.spi.RegistrationStore;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded durable registration store: one H2 MVStore file.
 *
 * <h2>Durability and group commit</h2>
 * Auto-commit is disabled, so nothing reaches the file except through the single writer thread. A write method
 * turns its change into a mutation, queues it and waits (at most {@value #WRITE_TIMEOUT_SECONDS} s) for its future.
 * The writer takes everything queued at that moment (up to {@value #MAX_BATCH} mutations), applies it to the maps,
 * then calls {@link MVStore#commit()} once (which writes the new chunk to the file synchronously when, as here, no
 * background writer is configured) and {@link MVStore#sync()} once (which, for the file store, is
 * {@code FileChannel.force(true)}: an fsync of data and metadata). Only then are the futures of that batch
 * completed, so a method returns only after its change is on disk; concurrent writers share one commit and one
 * fsync. If applying, committing or syncing fails, the maps are rolled back to the version before the batch
 * ({@link MVStore#rollbackTo(long)}) and every writer of the batch gets a {@link DurabilityException}.
 *
 * <h2>Reads</h2>
 * Reads go straight to the MVStore maps, which are safe to read while the single writer changes them. A read may
 * see a change of the batch being written before that batch is synced (and, should the batch fail, a change that
 * is then rolled back); it never sees a half-applied record.
 *
 * <h2>Layout</h2>
 * Records are stored as compact bytes ({@link RecordCodec}); key registrations under their RelativeKeyID in lower
 * case (Locale.ROOT). Secondary indexes are maps of composite string keys to "" so that they stay B-trees of small
 * entries, however many registrations a client or an expiry second has:
 * <ul>
 * <li>{@code clientIndex}: clientId NUL registrationId</li>
 * <li>{@code clientExpiry}, {@code keyExpiry}: expiry second NUL id, where the second is offset by 10^17 and
 * zero-padded to 18 digits so that string order is time order for every {@link Instant} (also before 1970).</li>
 * </ul>
 * Nothing is mirrored in Java collections; the page cache is bounded ({@value #CACHE_MB} MB).
 * Key values are never logged.
 *
 * <h2>File size</h2>
 * An MVStore never overwrites a page: every commit writes the changed leaves (and their path to the root) as a new
 * chunk. With random RelativeKeyIDs nearly every write dirties its own leaf, so without care the file grows by
 * about 10 KB per write (3.3 GB after 300,000 writes in a trial). Three settings keep it near the live data:
 * pages are compressed (LZF); old chunks may be reused after {@value #RETENTION_MILLIS} ms instead of the default
 * 45 s; and the writer thread rewrites the live pages of sparse chunks about once a second
 * ({@link MVStore#compact(int, int)}), committing and syncing that too. The retention time exists for two reasons,
 * neither of which needs 45 s here: every commit is already forced to disk before a later one can reuse space,
 * and readers pin the version they read ({@link MVStore#registerVersionUsage()}), so a chunk they may still
 * traverse is not overwritten under them.
 */
public final class MVStoreRegistrationStore implements RegistrationStore {
    private static final Logger LOG = LoggerFactory.getLogger(MVStoreRegistrationStore.class);

    static final int WRITE_TIMEOUT_SECONDS = 30;
    static final int MAX_BATCH = 4096;
    static final int CACHE_MB = 64;
    static final int RETENTION_MILLIS = 1000;
    private static final long COMPACT_INTERVAL_NANOS = 1_000_000_000L;
    private static final int COMPACT_TARGET_FILL_RATE = 80;
    private static final int COMPACT_WRITE_BYTES = 4 << 20;
    private static final long CLOSE_WAIT_MILLIS = 60_000;
    private static final char SEP = '\u0000';
    private static final long SECOND_OFFSET = 100_000_000_000_000_000L; // 10^17 > |Instant.MIN.getEpochSecond()|

    private final Path file;
    private final MVStore store;
    private final MVMap<String, byte[]> clients;
    private final MVMap<String, byte[]> keys;
    private final MVMap<String, String> clientIndex;
    private final MVMap<String, String> clientExpiry;
    private final MVMap<String, String> keyExpiry;
    private final Consumer<MVStore> forceToDisk;

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Read lock: enqueueing a mutation; write lock: closing (so no mutation is queued behind the stop mark). */
    private final ReentrantReadWriteLock closing = new ReentrantReadWriteLock();
    private boolean closed; // guarded by closing
    private volatile boolean closedForReads;
    private final Thread writer;
    private final AtomicLong batchesCommitted = new AtomicLong();
    private final AtomicLong mutationsCommitted = new AtomicLong();
    private long lastCompaction = System.nanoTime(); // writer thread only
    /** How many registrations one round of {@link #removeExpired} removes at most; tests lower it. */
    volatile int expiryRound = 2000;

    public MVStoreRegistrationStore(Path file) {
        this(file, MVStore::sync);
    }

    /** @param forceToDisk what forces a commit to the disk; {@link MVStore#sync()} except in failure tests */
    MVStoreRegistrationStore(Path file, Consumer<MVStore> forceToDisk) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.forceToDisk = Objects.requireNonNull(forceToDisk, "forceToDisk");
        try {
            Files.createDirectories(this.file.getParent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the directory of the registration store " + this.file + ": " + e, e);
        }
        this.store = open(this.file);
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
        this.writer = new Thread(this::writeLoop, "registration-store-writer " + this.file.getFileName());
        writer.setDaemon(true);
        writer.start();
        LOG.info("registration store {}: {} client and {} key registrations", this.file, clients.sizeAsLong(), keys.sizeAsLong());
    }

    private static MVStore open(Path file) {
        try {
            MVStore opened = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().cacheSize(CACHE_MB)
                    .compress().open();
            opened.setRetentionTime(RETENTION_MILLIS);
            return opened;
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new IllegalStateException("the registration store " + file + " is in use (locked) by another"
                        + " process or another store in this process; stop that one or configure another file", e);
            }
            throw new IllegalStateException("cannot open the registration store " + file + " (unreadable, damaged, or"
                    + " not an MVStore file): " + e.getMessage(), e);
        }
    }

    private static MVMap.Builder<String, byte[]> bytesMap() {
        return new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE);
    }

    private static MVMap.Builder<String, String> indexMap() {
        return new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE);
    }

    // ---------------------------------------------------------------- writes (through the writer thread)

    @Override
    public void putClientRegistration(ClientRegistration registration) {
        Objects.requireNonNull(registration, "registration");
        String id = registration.registrationId();
        byte[] record = RecordCodec.encode(registration);
        write(() -> {
            byte[] old = clients.put(id, record);
            if (old != null) unindexClient(RecordCodec.decodeClient(old));
            clientIndex.put(registration.clientId() + SEP + id, "");
            clientExpiry.put(expiryKey(registration.expirationTime(), id), "");
            return null;
        });
    }

    @Override
    public boolean removeClientRegistration(String registrationId) {
        Objects.requireNonNull(registrationId, "registrationId");
        return (Boolean) write(() -> {
            byte[] old = clients.remove(registrationId);
            if (old == null) return false;
            unindexClient(RecordCodec.decodeClient(old));
            return true;
        });
    }

    @Override
    public void putKeyRegistration(KeyRegistration registration) {
        Objects.requireNonNull(registration, "registration");
        String canonical = InMemoryRegistrationStore.canonical(registration.relativeKeyId());
        byte[] record = RecordCodec.encode(registration);
        write(() -> {
            byte[] old = keys.put(canonical, record);
            if (old != null) keyExpiry.remove(expiryKey(RecordCodec.decodeKey(old).expirationTime(), canonical));
            keyExpiry.put(expiryKey(registration.expirationTime(), canonical), "");
            return null;
        });
    }

    @Override
    public boolean removeKeyRegistration(String relativeKeyId) {
        String canonical = InMemoryRegistrationStore.canonical(relativeKeyId);
        return (Boolean) write(() -> {
            byte[] old = keys.remove(canonical);
            if (old == null) return false;
            keyExpiry.remove(expiryKey(RecordCodec.decodeKey(old).expirationTime(), canonical));
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
            removed = (Integer) write(() -> removeExpiredRound(now, limit));
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
            if (data == null) { clientExpiry.remove(indexKey); continue; } // stale entry; should not happen
            ClientRegistration r = RecordCodec.decodeClient(data);
            if (!r.expiredAt(now)) continue; // the same second, a later nanosecond
            clients.remove(id);
            unindexClient(r);
            removed++;
        }
        for (Iterator<String> it = keyExpiry.keyIterator(null); it.hasNext() && removed < limit; ) {
            String indexKey = it.next();
            if (indexKey.compareTo(bound) >= 0) break;
            String canonical = indexKey.substring(indexKey.indexOf(SEP) + 1);
            byte[] data = keys.get(canonical);
            if (data == null) { keyExpiry.remove(indexKey); continue; }
            if (RecordCodec.decodeKey(data).expirationTime().isAfter(now)) continue;
            keys.remove(canonical);
            keyExpiry.remove(indexKey);
            removed++;
        }
        return removed;
    }

    private void unindexClient(ClientRegistration old) {
        clientIndex.remove(old.clientId() + SEP + old.registrationId());
        clientExpiry.remove(expiryKey(old.expirationTime(), old.registrationId()));
    }

    static String expiryKey(Instant expirationTime, String id) {
        return second(expirationTime.getEpochSecond()) + SEP + id;
    }

    private static String second(long epochSecond) {
        return String.format("%018d", epochSecond + SECOND_OFFSET);
    }

    // ---------------------------------------------------------------- reads (straight from the maps)

    @Override
    public Optional<ClientRegistration> clientRegistration(String registrationId) {
        Objects.requireNonNull(registrationId, "registrationId");
        byte[] data = read(() -> clients.get(registrationId));
        return data == null ? Optional.empty() : Optional.of(RecordCodec.decodeClient(data));
    }

    @Override
    public List<ClientRegistration> clientRegistrationsOf(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        String prefix = clientId + SEP;
        return read(() -> {
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
        String canonical = InMemoryRegistrationStore.canonical(relativeKeyId);
        byte[] data = read(() -> keys.get(canonical));
        return data == null ? Optional.empty() : Optional.of(RecordCodec.decodeKey(data));
    }

    @Override
    public long clientRegistrationCount() {
        return read(clients::sizeAsLong);
    }

    @Override
    public long keyRegistrationCount() {
        return read(keys::sizeAsLong);
    }

    @Override
    public String location() { return file.toString(); }

    /** How many batches were committed and forced to disk; for tests (group commit: fewer than the writes). */
    long batchesCommitted() { return batchesCommitted.get(); }

    /** How many mutations those batches held. */
    long mutationsCommitted() { return mutationsCommitted.get(); }

    /** Runs a read with its version pinned, so that no chunk it may traverse is reused meanwhile. */
    private <T> T read(Supplier<T> read) {
        if (closedForReads) throw new IllegalStateException("the registration store " + file + " is closed");
        MVStore.TxCounter pin = store.registerVersionUsage();
        try {
            return read.get();
        } finally {
            store.deregisterVersionUsage(pin);
        }
    }

    // ---------------------------------------------------------------- the writer

    /** A change to the maps, applied on the writer thread; returns the method's result. */
    private interface Mutation {
        Object apply();
    }

    private static final class Pending {
        final Mutation mutation;
        final CompletableFuture<Object> done = new CompletableFuture<>();

        Pending(Mutation mutation) { this.mutation = mutation; }
    }

    /** Queued by close(): the writer stops after the batch in front of it. */
    private static final Pending STOP = new Pending(() -> null);

    private Object write(Mutation mutation) {
        Pending pending = new Pending(mutation);
        closing.readLock().lock();
        try {
            if (closed) throw new IllegalStateException("the registration store " + file + " is closed");
            queue.add(pending);
        } finally {
            closing.readLock().unlock();
        }
        try {
            return pending.done.get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            // a new exception, so that the caller's stack is in it too
            throw new DurabilityException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new DurabilityException("durability failed: the registration store " + file + " did not confirm the"
                    + " write within " + WRITE_TIMEOUT_SECONDS + " s; it may or may not be stored", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DurabilityException("durability unknown: interrupted while waiting for the registration store "
                    + file + "; the write may or may not be stored", e);
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // nobody but close() ends this thread, and it does so with STOP
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            int stopAt = batch.indexOf(STOP);
            if (stopAt >= 0) {
                stop = true;
                for (Pending late : batch.subList(stopAt + 1, batch.size())) { // cannot happen: close() holds the lock
                    late.done.completeExceptionally(new IllegalStateException("the registration store " + file + " is closed"));
                }
                batch.subList(stopAt, batch.size()).clear();
            }
            if (!batch.isEmpty()) commitBatch(batch);
            batch.clear();
        }
    }

    private void commitBatch(List<Pending> batch) {
        Object[] results = new Object[batch.size()];
        long versionBefore = -1;
        try {
            versionBefore = store.getCurrentVersion();
            for (int i = 0; i < results.length; i++) results[i] = batch.get(i).mutation.apply();
            store.commit();
            forceToDisk.accept(store);
        } catch (Throwable t) {
            rollBack(versionBefore, t);
            DurabilityException failure = new DurabilityException("durability failed: " + batch.size() + " write(s) to the"
                    + " registration store " + file + " were not committed and forced to disk (" + t + "); they were"
                    + " rolled back", t);
            for (Pending p : batch) p.done.completeExceptionally(failure);
            return; // even after an Error: a dead writer would leave every later caller waiting for its timeout
        }
        batchesCommitted.incrementAndGet();
        mutationsCommitted.addAndGet(results.length);
        for (int i = 0; i < results.length; i++) batch.get(i).done.complete(results[i]);
        if (System.nanoTime() - lastCompaction >= COMPACT_INTERVAL_NANOS) compact();
    }

    /**
     * Rewrites the live pages of sparse chunks (no data changes, only where pages live), then commits and syncs
     * that, so that the old chunks become free once the retention time has passed. On the writer thread, after the
     * futures of a batch were completed, so that no writer waits for it.
     */
    private void compact() {
        lastCompaction = System.nanoTime();
        long versionBefore = -1;
        try {
            versionBefore = store.getCurrentVersion();
            if (store.compact(COMPACT_TARGET_FILL_RATE, COMPACT_WRITE_BYTES) || store.hasUnsavedChanges()) {
                store.commit();
                forceToDisk.accept(store);
            }
        } catch (RuntimeException e) {
            rollBack(versionBefore, e); // nothing a writer is waiting for; the data is unchanged either way
        }
    }

    private void rollBack(long versionBefore, Throwable cause) {
        LOG.error("registration store {}: a commit failed, rolling back to version {}: {}", file, versionBefore, cause.toString());
        if (store.isClosed() || versionBefore < 0) return; // MVStore closes itself on a fatal write error
        try {
            // rollbackTo, not rollback: the batch may already be committed when sync() fails
            store.rollbackTo(versionBefore);
        } catch (RuntimeException e) {
            LOG.error("registration store {}: the rollback failed too; closing the store", file, e);
            store.closeImmediately();
        }
    }

    // ---------------------------------------------------------------- close

    /** Lets the writer finish everything queued before, then closes the file. Writes afterwards throw. */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            queue.add(STOP);
        } finally {
            closing.writeLock().unlock();
        }
        boolean interrupted = false;
        try {
            writer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        closedForReads = true;
        if (writer.isAlive()) {
            LOG.error("registration store {}: the writer did not finish within {} ms; closing the file without it", file, CLOSE_WAIT_MILLIS);
            store.closeImmediately();
        } else if (!store.isClosed()) {
            store.close();
        }
        LOG.info("registration store {} closed", file);
        if (interrupted) Thread.currentThread().interrupt();
    }
}
