package cn.mediation.store;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The store on RocksDB: a log-structured merge tree with a write-ahead log, recovering to the last commit after a
 * crash. A transaction is a {@link WriteBatchWithIndex} (reads of the writing thread look through it) written in one
 * atomic write; the log goes to the operating system at every commit and is fsynced by {@link #sync()}. Blocks are
 * LZ4-compressed, the bottom level with ZSTD.
 */
final class RocksStore implements OrderedStore {

    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final Options options;
    private final LRUCache cache;
    private final RocksDB db;
    private final WriteOptions writeOptions = new WriteOptions().setSync(false);
    private final ThreadLocal<WriteBatchWithIndex> open = new ThreadLocal<>();

    RocksStore(Path directory) {
        this.directory = directory;
        this.cache = new LRUCache(64L << 20);
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setFilterPolicy(new BloomFilter(10))
                .setBlockSize(16 << 10);
        this.options = new Options()
                .setCreateIfMissing(true)
                .setParanoidChecks(true)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
                .setTableFormatConfig(table)
                .setWriteBufferSize(32L << 20)
                .setMaxBackgroundJobs(2)
                .setKeepLogFileNum(3)
                .setMaxLogFileSize(1L << 20)
                // a log longer than this makes the engine write its memtables out, so a start replays little
                .setMaxTotalWalSize(64L << 20)
                .setRecycleLogFileNum(0);
        try {
            Files.createDirectories(directory);
            this.db = RocksDB.open(options, directory.toString());
        } catch (RocksDBException e) {
            options.close();
            throw new StoreException("Cannot open the store in " + directory + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] get(byte[] key) {
        try {
            WriteBatchWithIndex batch = open.get();
            if (batch != null) {
                try (ReadOptions read = new ReadOptions()) {
                    return batch.getFromBatchAndDB(db, read, key);
                }
            }
            return db.get(key);
        } catch (RocksDBException e) {
            throw new StoreException("Read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Entry> scan(byte[] from, byte[] to, int limit) {
        List<Entry> entries = new ArrayList<>(Math.min(limit, 256));
        WriteBatchWithIndex batch = open.get();
        try (ReadOptions read = new ReadOptions()) {
            // an iterator over the batch owns its base iterator: it alone is closed
            try (RocksIterator cursor = batch == null ? db.newIterator(read)
                                                      : batch.newIteratorWithBase(db.newIterator(read))) {
                for (cursor.seek(from); cursor.isValid() && entries.size() < limit; cursor.next()) {
                    byte[] key = cursor.key();
                    if (to != null && java.util.Arrays.compareUnsigned(key, to) >= 0) {
                        break;
                    }
                    entries.add(new Entry(key, cursor.value()));
                }
                cursor.status();
            }
        } catch (RocksDBException e) {
            throw new StoreException("Scan failed: " + e.getMessage(), e);
        }
        return entries;
    }

    private WriteBatchWithIndex batch() {
        WriteBatchWithIndex batch = open.get();
        if (batch == null) {
            throw new IllegalStateException("A write outside a transaction");
        }
        return batch;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        try {
            batch().put(key, value);
        } catch (RocksDBException e) {
            throw new StoreException("Write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(byte[] key) {
        try {
            batch().delete(key);
        } catch (RocksDBException e) {
            throw new StoreException("Write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T inTransaction(Supplier<T> work, Class<? extends RuntimeException> keepOn) {
        if (open.get() != null) {
            return work.get();
        }
        try (WriteBatchWithIndex batch = new WriteBatchWithIndex(true)) {
            open.set(batch);
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                if (keepOn.isInstance(e)) {
                    commit(batch);
                }
                throw e;
            } finally {
                open.remove();
            }
            commit(batch);
            return result;
        }
    }

    private void commit(WriteBatchWithIndex batch) {
        if (batch.count() == 0) {
            return;
        }
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new StoreException("Commit failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void sync() {
        try {
            db.flushWal(true);
        } catch (RocksDBException e) {
            throw new StoreException("Sync failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void backup(Path target) {
        try (Checkpoint checkpoint = Checkpoint.create(db)) {
            db.flushWal(true);
            checkpoint.createCheckpoint(target.toString());
        } catch (RocksDBException e) {
            throw new StoreException("Backup to " + target + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long sizeOnDisk() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String describe() {
        return "RocksDB " + RocksDB.rocksdbVersion();
    }

    @Override
    public void close() {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flushWal(true);
            // the memtables to compressed tables: the next start replays no log, and the log's files go
            db.flush(flush);
            db.closeE();
        } catch (RocksDBException e) {
            throw new StoreException("Close failed: " + e.getMessage(), e);
        } finally {
            writeOptions.close();
            options.close();
            cache.close();
        }
    }
}
