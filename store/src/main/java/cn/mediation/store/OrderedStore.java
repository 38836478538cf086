package cn.mediation.store;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * An embedded engine seen as one ordered map of byte keys to byte values, with one transaction at a time (the
 * caller holds the store's write lock while it is open). Reads made by the thread that holds the open transaction
 * see its own writes; every other read sees the last commit.
 */
interface OrderedStore extends AutoCloseable {

    /** One key and its value. */
    record Entry(byte[] key, byte[] value) {
    }

    byte[] get(byte[] key);

    /** Up to {@code limit} entries with {@code from <= key < to} (to null: no upper bound), in key order. */
    List<Entry> scan(byte[] from, byte[] to, int limit);

    /** Writes within the open transaction. */
    void put(byte[] key, byte[] value);

    void delete(byte[] key);

    /**
     * Runs {@code work} in a transaction of the calling thread and commits it (to the operating system: a process
     * that dies afterwards loses nothing), or discards it if {@code work} throws something other than
     * {@code keepOn}'s errors; a call made inside the open transaction joins it.
     */
    <T> T inTransaction(Supplier<T> work, Class<? extends RuntimeException> keepOn);

    /** Makes every commit so far survive a power loss (an fsync of the engine's log). */
    void sync();

    /** A consistent copy of the store while it serves, in {@code target} (a folder that must not exist yet). */
    void backup(Path target);

    /** What the engine's files take on disk, in bytes. */
    long sizeOnDisk();

    /** The engine's name and version, for the log and health. */
    String describe();

    @Override
    void close();
}
