package org.example.mef.impl.commands;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.example.onem2m.mvstore.DiskSync;
import org.example.onem2m.mvstore.GroupCommitWriter;
import org.example.onem2m.mvstore.MVStoreFiles;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable command store: one H2 MVStore file opened by {@link MVStoreFiles}, every change through a
 * {@link GroupCommitWriter} (durable before the method returns; concurrent writers share one fsync), every read
 * through {@link GroupCommitWriter#read}, as tef's registration store does.
 *
 * <h2>Layout</h2>
 * <ul>
 * <li>{@code commands}: registrationId NUL number (19 digits, zero-padded, so that string order is number order)
 * to the command as {@link CommandRecords} text;</li>
 * <li>{@code lastNumbers}: registrationId to the last number it assigned, so that a removed command's cmdID is not
 * assigned again.</li>
 * </ul>
 * Nothing is mirrored in Java collections.
 */
public final class MVStoreCommandStore implements CommandStore {
    private static final Logger LOG = LoggerFactory.getLogger(MVStoreCommandStore.class);
    private static final char SEP = '\u0000';

    private final Path file;
    private final MVMap<String, String> commands;
    private final MVMap<String, String> lastNumbers;
    private final GroupCommitWriter writer;

    public MVStoreCommandStore(Path file) {
        this(file, DiskSync.DIRECT);
    }

    /** @param sync where written bytes are forced to the disk; {@link DiskSync#DIRECT} except in failure tests */
    MVStoreCommandStore(Path file, DiskSync sync) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        Objects.requireNonNull(sync, "sync");
        MVStore store = MVStoreFiles.open(this.file, "the MEF Client Command store");
        try {
            this.commands = store.openMap("commands", stringMap());
            this.lastNumbers = store.openMap("lastNumbers", stringMap());
            store.commit(); // the map definitions, so that a store that was only opened is a valid file
            store.sync();
            // the order of the maps is the journal's: keep it
            this.writer = new GroupCommitWriter(store, "the MEF Client Command store " + this.file, MVStoreFiles.journalOf(this.file),
                    List.of(commands, lastNumbers), sync);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw new IllegalStateException("cannot open the MEF Client Command store " + this.file + ": " + e.getMessage(), e);
        }
        LOG.info("MEF Client Command store {}: {} commands", this.file, commands.sizeAsLong());
    }

    private static MVMap.Builder<String, String> stringMap() {
        return new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE);
    }

    // ---------------------------------------------------------------- writes (on the writer thread)

    @Override
    public Command add(String registrationId, CommandDescription description, Instant enqueuedAt) {
        String prefix = prefix(registrationId);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        // the mutation runs on the writer thread, where a throw would fail every write of its batch: nothing in it can
        // throw for the caller's values (number >= 1, non-null description and time)
        return writer.write(() -> {
            String last = lastNumbers.get(registrationId);
            long number = last == null ? 1 : Long.parseLong(last) + 1;
            Command c = Command.queued(number, description, enqueuedAt);
            writer.put(lastNumbers, registrationId, Long.toString(number));
            writer.put(commands, key(prefix, number), CommandRecords.encode(c));
            return c;
        });
    }

    @Override
    public boolean put(String registrationId, Command command) {
        String key = key(prefix(registrationId), command.number());
        String record = CommandRecords.encode(command);
        return writer.write(() -> {
            if (!commands.containsKey(key)) return false;
            writer.put(commands, key, record);
            return true;
        });
    }

    @Override
    public boolean remove(String registrationId, long number) {
        String key = key(prefix(registrationId), number);
        return writer.write(() -> writer.remove(commands, key) != null);
    }

    @Override
    public int removeAll(String registrationId) {
        String prefix = prefix(registrationId);
        return writer.write(() -> {
            int removed = 0;
            // MVMap iterators walk a snapshot, so removing while iterating is safe
            for (Iterator<String> it = commands.keyIterator(prefix); it.hasNext(); ) {
                String key = it.next();
                if (!key.startsWith(prefix)) break;
                writer.remove(commands, key);
                removed++;
            }
            writer.remove(lastNumbers, registrationId);
            return removed;
        });
    }

    // ---------------------------------------------------------------- reads (on the caller's thread)

    @Override
    public Optional<Command> get(String registrationId, long number) {
        String key = key(prefix(registrationId), number);
        String record = writer.read(() -> commands.get(key));
        return record == null ? Optional.empty() : Optional.of(CommandRecords.decode(record));
    }

    @Override
    public List<Command> list(String registrationId) {
        String prefix = prefix(registrationId);
        List<String> records = writer.read(() -> {
            List<String> found = new ArrayList<>();
            for (Iterator<String> it = commands.keyIterator(prefix); it.hasNext(); ) {
                String key = it.next();
                if (!key.startsWith(prefix)) break;
                found.add(commands.get(key));
            }
            return found;
        });
        List<Command> result = new ArrayList<>(records.size());
        for (String r : records) result.add(CommandRecords.decode(r));
        return result;
    }

    /** The registrations with a numbering: every registration that ever had a command keeps one until {@link #removeAll}. */
    @Override
    public java.util.Set<String> registrationIds() {
        return writer.read(() -> new java.util.HashSet<>(lastNumbers.keySet()));
    }

    @Override
    public String location() { return file.toString(); }

    /** Lets the writer finish everything queued before, then closes the file. */
    @Override
    public void close() {
        writer.close();
        LOG.info("MEF Client Command store {} closed", file);
    }

    private static String prefix(String registrationId) {
        Objects.requireNonNull(registrationId, "registrationId");
        if (registrationId.indexOf(SEP) >= 0) throw new IllegalArgumentException("a registration ID holds no NUL character");
        return registrationId + SEP;
    }

    private static String key(String prefix, long number) {
        if (number < 0) throw new IllegalArgumentException("a command number is not negative: " + number);
        return prefix + String.format("%019d", number);
    }
}
