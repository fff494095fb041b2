package org.glancej.db;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.slf4j.LoggerFactory;

/**
 * The pool as DAOs see it. {@link Jdbc} hands back through {@link #discard} the connections it cannot trust.
 * For an SQLite file, every borrow first checks that the file is still the one the pool's connections have
 * open: SQLite keeps writing to a deleted file, which would lose every later change, so a missing file makes
 * the database unavailable, and a different file there (restored from a backup) retires the old connections.
 */
final class ConnectionPool implements DataSource {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);

    private static final Object MISSING = new Object();

    private final HikariDataSource pool;
    private final Optional<Path> sqliteFile;
    private final AtomicReference<Object> openedFile = new AtomicReference<>();

    ConnectionPool(HikariDataSource pool, Optional<Path> sqliteFile) {
        this.pool = requireNonNull(pool, "pool is null");
        this.sqliteFile = requireNonNull(sqliteFile, "sqliteFile is null");
        if (sqliteFile.isPresent()) {
            openedFile.set(fileKey(sqliteFile.get()));
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (sqliteFile.isPresent()) {
            checkFile(sqliteFile.get());
        }
        return pool.getConnection();
    }

    /**
     * A connection when one lies idle in the pool, else empty at once: never waits, and never opens a new one.
     * For a request that already holds a connection and wants a second to read beside it: waiting there could
     * queue it behind requests doing the same, and with every connection held by one of them, none would get one.
     */
    Optional<Connection> borrowIfFree() throws SQLException {
        if (sqliteFile.isPresent()) {
            checkFile(sqliteFile.get());
        }
        if (!(pool.getHikariPoolMXBean() instanceof HikariPool hikari) || hikari.getIdleConnections() == 0) {
            return Optional.empty();
        }
        try {
            // a zero timeout takes an idle connection or fails at once (another borrower was quicker)
            return Optional.of(hikari.getConnection(0));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** Closes {@code connection} for good instead of returning it to the pool. */
    void discard(Connection connection) {
        pool.evictConnection(connection);
    }

    void close() {
        pool.close();
    }

    private void checkFile(Path file) throws SQLException {
        Object key = fileKey(file);
        if (key == MISSING) {
            throw new SQLiteException("the database file " + file + " is missing or cannot be read",
                    SQLiteErrorCode.SQLITE_CANTOPEN);
        }
        Object opened = openedFile.get();
        if (!Objects.equals(key, opened) && openedFile.compareAndSet(opened, key)) {
            LOG.warn("the database file {} was replaced: reopening its connections", file);
            pool.getHikariPoolMXBean().softEvictConnections();
        }
    }

    // identifies the file itself (device and inode), not its name; null where the file system has no such key
    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return MISSING;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's credentials come from [database] connection");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
