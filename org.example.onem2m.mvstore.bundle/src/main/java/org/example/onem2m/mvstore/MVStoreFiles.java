package org.example.onem2m.mvstore;

import java.io.IOException;
import java.nio.file.Path;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens an MVStore file the way a {@link GroupCommitWriter} needs it (a new file and its new directories only their
 * owner's: stores hold keys): no commit of H2's own, neither by unsaved memory nor, in practice, by time (nothing
 * reaches the file but the writer's checkpoints: a commit in the middle of a batch would store half of it), though
 * with H2's serialisation executors ({@link #SERIALISE_IN_BACKGROUND}), a bounded page cache, compressed pages, and a
 * short chunk retention time; and names its journal.
 *
 * <h2>File size</h2>
 * An MVStore never overwrites a page: every commit writes the changed leaves (and their path to the root) as a new
 * chunk. With random keys nearly every write dirties its own leaf, so without care the file grows by about 10 KB
 * per write (3.3 GB after 300,000 writes in a trial). Three settings keep it near the live data: pages are
 * compressed (LZF); old chunks may be reused after {@value #RETENTION_MILLIS} ms instead of the default 45 s; and
 * the writer compacts sparse chunks at its checkpoints. The retention time exists for two reasons, neither of
 * which needs 45 s here: every checkpoint is forced to disk before a later one can reuse space, and readers
 * pin the version they read, so a chunk they may still traverse is not overwritten under them.
 */
@ProviderType
public final class MVStoreFiles {
    /** The page cache of one file, in MB. */
    public static final int CACHE_MB = 64;
    /** How long an old chunk is kept before its space may be reused. */
    public static final int RETENTION_MILLIS = 1000;
    /**
     * H2's commit delay, in ms: the longest there is (24.8 days). H2 serialises and writes a {@link MVStore#tryCommit()}
     * on executors of its own only while its background writer exists, which needs a delay above 0; a checkpoint beside
     * the writer relies on that ({@link Checkpoints}). The background writer's own commit comes only when nothing was
     * committed for the whole delay, and the writer commits at least daily; its housekeeping (compaction) is off
     * ({@code autoCompactFillRate} 0): the store's checkpoints compact.
     */
    static final int SERIALISE_IN_BACKGROUND = Integer.MAX_VALUE;

    private MVStoreFiles() {}

    /**
     * The journal of the store {@code file}: beside it, {@code x.mv.db} -> {@code x.journal}. Both are the store: a
     * copy of one without the other may lack acknowledged writes. The journal's second slot, {@code x.journal.2}, is
     * part of the store too: a checkpoint written beside the writer switches appends between the two.
     *
     * @since 1.1
     */
    public static Path journalOf(Path file) {
        String name = file.getFileName().toString();
        String base = name.endsWith(".mv.db") ? name.substring(0, name.length() - ".mv.db".length()) : name;
        return file.resolveSibling(base + ".journal");
    }

    /**
     * Opens (or creates, with its directories) {@code file}.
     *
     * @param what how messages name it, e.g. "the registration store"
     * @throws IllegalStateException with a message naming the file: its directory cannot be created, it is locked by
     *         another store, or it is not a readable MVStore file
     */
    public static MVStore open(Path file, String what) {
        try {
            OwnerOnly.createDirectories(file.toAbsolutePath().getParent());
            OwnerOnly.createFile(file); // MVStore would create it with the umask's permissions; it may hold keys
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the directory of " + what + " " + file + ": " + e, e);
        }
        try {
            MVStore opened = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().autoCommitBufferSize(0)
                    .autoCompactFillRate(0).cacheSize(CACHE_MB)
                    .compress().open();
            opened.setRetentionTime(RETENTION_MILLIS);
            opened.setAutoCommitDelay(SERIALISE_IN_BACKGROUND);
            return opened;
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new IllegalStateException(what + " " + file + " is in use (locked) by another"
                        + " process or another store in this process; stop that one or configure another file", e);
            }
            throw new IllegalStateException("cannot open " + what + " " + file + " (unreadable, damaged, or"
                    + " not an MVStore file): " + e.getMessage(), e);
        }
    }
}
