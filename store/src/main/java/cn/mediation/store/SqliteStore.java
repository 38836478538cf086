package cn.mediation.store;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The store on SQLite: one table {@code kv(k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID} in write-ahead-log mode. A
 * transaction is an SQLite transaction on the one writing connection; other threads read through connections of
 * their own, which see the last commit. Commits go to the operating system ({@code synchronous=NORMAL});
 * {@link #sync()} fsyncs the log file.
 */
final class SqliteStore implements OrderedStore {

    private final Path directory;
    private final Path file;
    private final Connection writer;
    private final ThreadLocal<Connection> readers;
    private final List<Connection> allReaders = new ArrayList<>();
    private final ThreadLocal<Boolean> open = new ThreadLocal<>();

    SqliteStore(Path directory) {
        this.directory = directory;
        this.file = directory.resolve("store.sqlite");
        try {
            Files.createDirectories(directory);
            this.writer = connect();
            try (Statement statement = writer.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS kv (k BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID");
            }
            writer.setAutoCommit(false);
        } catch (SQLException e) {
            throw new StoreException("Cannot open the store " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.readers = ThreadLocal.withInitial(() -> {
            try {
                Connection reader = connect();
                synchronized (allReaders) {
                    allReaders.add(reader);
                }
                return reader;
            } catch (SQLException e) {
                throw new StoreException("Cannot open a reader on " + file + ": " + e.getMessage(), e);
            }
        });
    }

    private Connection connect() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(30_000);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    private Connection connection() {
        return open.get() != null ? writer : readers.get();
    }

    @Override
    public byte[] get(byte[] key) {
        try (PreparedStatement select = connection().prepareStatement("SELECT v FROM kv WHERE k = ?")) {
            select.setBytes(1, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new StoreException("Read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Entry> scan(byte[] from, byte[] to, int limit) {
        String sql = to == null ? "SELECT k, v FROM kv WHERE k >= ? ORDER BY k LIMIT ?"
                                : "SELECT k, v FROM kv WHERE k >= ? AND k < ? ORDER BY k LIMIT ?";
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement select = connection().prepareStatement(sql)) {
            int at = 1;
            select.setBytes(at++, from);
            if (to != null) {
                select.setBytes(at++, to);
            }
            select.setInt(at, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getBytes(1), rows.getBytes(2)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Scan failed: " + e.getMessage(), e);
        }
        return entries;
    }

    private void requireTransaction() {
        if (open.get() == null) {
            throw new IllegalStateException("A write outside a transaction");
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        requireTransaction();
        try (PreparedStatement upsert = writer.prepareStatement("INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)")) {
            upsert.setBytes(1, key);
            upsert.setBytes(2, value);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(byte[] key) {
        requireTransaction();
        try (PreparedStatement delete = writer.prepareStatement("DELETE FROM kv WHERE k = ?")) {
            delete.setBytes(1, key);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T inTransaction(Supplier<T> work, Class<? extends RuntimeException> keepOn) {
        if (open.get() != null) {
            return work.get();
        }
        synchronized (writer) {
            open.set(Boolean.TRUE);
            try {
                T result = work.get();
                writer.commit();
                return result;
            } catch (RuntimeException e) {
                finish(keepOn.isInstance(e));
                throw e;
            } catch (SQLException e) {
                throw new StoreException("Commit failed: " + e.getMessage(), e);
            } finally {
                open.remove();
            }
        }
    }

    private void finish(boolean commit) {
        try {
            if (commit) {
                writer.commit();
            } else {
                writer.rollback();
            }
        } catch (SQLException e) {
            throw new StoreException("Commit failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void sync() {
        Path wal = directory.resolve("store.sqlite-wal");
        try (FileChannel channel = FileChannel.open(wal, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (java.nio.file.NoSuchFileException e) {
            // checkpointed and removed: the database file holds it, fsynced by the checkpoint
        } catch (IOException e) {
            throw new StoreException("Sync failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void backup(Path target) {
        try {
            Files.createDirectories(target);
            try (Statement statement = readers.get().createStatement()) {
                statement.execute("VACUUM INTO '" + target.resolve("store.sqlite").toString().replace("'", "''") + "'");
            }
        } catch (SQLException | IOException e) {
            throw new StoreException("Backup to " + target + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long sizeOnDisk() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.getFileName().toString().startsWith("store.sqlite"))
                        .mapToLong(path -> path.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String describe() {
        try {
            return "SQLite " + writer.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return "SQLite";
        }
    }

    @Override
    public void close() {
        try {
            synchronized (allReaders) {
                for (Connection reader : allReaders) {
                    reader.close();
                }
            }
            writer.close();
        } catch (SQLException e) {
            throw new StoreException("Close failed: " + e.getMessage(), e);
        }
    }
}
