package org.example.onem2m.mvstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an open applies: the records of every journal file beside the store that the store file does not hold yet, in
 * generation order. The files are the two slots {@code x.journal} and {@code x.journal.2} (a checkpoint beside the
 * writer switches appends from one to the other and keeps the first until it is on disk); which holds what is in their
 * headers' generations, not their names.
 *
 * <p>Each checkpoint records in the store the generation of the journal that follows it: files of an earlier generation
 * are in the store (a stop before they were replaced, or a journal restored from an older backup) and are not applied
 * (named at INFO); files of that
 * generation and the next are applied, in order, and no generation between may be missing. A file with records of a
 * later generation, or any records beside a store that never had a journal, goes with another store file (a store
 * restored without its journals): applying it would put its writes on a base they were not made on, so the open is
 * refused and nothing applied.
 */
final class JournalRecovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteAheadJournal.class);

    private final String name;
    private final Path journal;
    private final List<JournalFile> files = new ArrayList<>();

    private JournalRecovery(String name, Path journal) {
        this.name = name;
        this.journal = journal;
    }

    /** The journal files of {@code journal} that exist and are not empty, read (a damaged header is thrown). */
    static JournalRecovery of(String name, Path journal, List<? extends MVMap<?, ?>> maps, DiskSync sync) throws IOException {
        JournalRecovery recovery = new JournalRecovery(name, journal);
        try {
            for (Path p : List.of(journal, WriteAheadJournal.otherSlot(journal))) {
                if (Files.exists(p) && Files.size(p) > 0) recovery.files.add(new JournalFile(p, maps, sync, 0));
            }
        } catch (IOException | RuntimeException e) {
            recovery.close();
            throw e;
        }
        recovery.files.sort(Comparator.comparingLong(JournalFile::generation));
        return recovery;
    }

    /**
     * Checks the files against the generation the store recorded ({@code expected}, null when it never had a journal),
     * applies those it lacks in order, and returns the generation for the journal after the open's checkpoint: above
     * every file's.
     */
    long apply(Long expected) throws IOException {
        List<JournalFile> toApply = new ArrayList<>();
        List<JournalFile> inTheStore = new ArrayList<>();
        long highest = expected == null ? 0 : expected;
        for (JournalFile f : files) {
            highest = Math.max(highest, f.generation());
            if (!f.holdsBytesAfterHeader()) continue;
            if (expected == null || f.generation() > expected + 1) throw unpaired(f, expected);
            (f.generation() >= expected ? toApply : inTheStore).add(f);
        }
        if (!toApply.isEmpty()) {
            long last = toApply.get(toApply.size() - 1).generation();
            for (long g = expected; g <= last; g++) {
                long wanted = g;
                long present = files.stream().filter(f -> f.generation() == wanted).count();
                if (present != 1) {
                    throw new IllegalStateException("the journals of " + name + " " + (present == 0 ? "lack" : "repeat") + " generation "
                            + g + " (the store was checkpointed for generation " + expected + "; journals up to " + last + " hold writes)."
                            + " Nothing was applied. Restore the store file and its journals from the same backup");
                }
            }
        }
        int records = 0;
        List<Path> applied = new ArrayList<>();
        for (JournalFile f : toApply) {
            records += f.replay();
            applied.add(f.path().getFileName());
        }
        if (records > 0) LOG.info("{}: applied {} record(s) of acknowledged writes from {}", name, records, applied);
        for (JournalFile f : inTheStore) {
            LOG.info("{}: {} (generation {}) is older than the store's last checkpoint (generation {}): its writes are in the"
                    + " store; not applied", name, f.path(), f.generation(), expected);
        }
        return highest + 1;
    }

    private IllegalStateException unpaired(JournalFile file, Long expected) {
        return new IllegalStateException("the journal " + file.path() + " (generation " + file.generation() + ") does not go with " + name
                + (expected == null ? " (which was never checkpointed with a journal)" : " (checkpointed for generation "
                + expected + ")") + ": one of the files was restored or copied without the other. Nothing was"
                + " applied. Restore the store file and its journals (" + journal.getFileName() + " and " + WriteAheadJournal.otherSlot(journal).getFileName() + ")"
                + " from the same backup; or, to open the store as it is, move the journals away (their writes are then lost)");
    }

    @Override
    public void close() {
        for (JournalFile f : files) {
            try {
                f.close();
            } catch (IOException e) {
                // only read
            }
        }
    }
}
