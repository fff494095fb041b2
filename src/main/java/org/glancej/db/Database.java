package org.glancej.db;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * The connection pool for one database. Feature DAOs take a {@code Database} and use {@link #dataSource()}
 * with {@link Jdbc}, and {@link #dialect()} for the few encodings that differ between servers.
 */
public final class Database implements AutoCloseable {
    // long enough to queue behind any single write transaction instead of failing with SQLITE_BUSY
    private static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;

    private final DatabaseUrl url;
    private final ConnectionPool pool;

    private Database(DatabaseUrl url, ConnectionPool pool) {
        this.url = url;
        this.pool = pool;
    }

    /** Opens the pool and checks that a connection can be made; the schema is not touched. */
    public static Database open(DatabaseConfig config) {
        requireNonNull(config, "config is null");
        DatabaseUrl url = config.url();
        url.sqliteFile().ifPresent(Database::createEmptyFile);
        try {
            return new Database(url, new ConnectionPool(new HikariDataSource(hikariConfig(config)), url.sqliteFile()));
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new DatabaseException("cannot connect to the database " + url.jdbcUrl() + ": " + cause.getMessage(), e);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public Dialect dialect() {
        return url.dialect();
    }

    public DatabaseUrl url() {
        return url;
    }

    public <T> T withConnection(Jdbc.SqlWork<T> work) {
        return Jdbc.withConnection(pool, work);
    }

    public <T> T inTransaction(Jdbc.SqlWork<T> work) {
        return Jdbc.inTransaction(pool, work);
    }

    @Override
    public void close() {
        pool.close();
    }

    private static HikariConfig hikariConfig(DatabaseConfig config) {
        DatabaseUrl url = config.url();
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("glance-db");
        hikari.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            hikari.setUsername(url.user());
        }
        if (url.password() != null) {
            hikari.setPassword(url.password());
        }
        hikari.setMaximumPoolSize(config.maxPoolSize());
        hikari.setConnectionTimeout(config.poolTimeout().toMillis());
        hikari.setMaxLifetime(Math.max(config.connectionRecycleTime().toMillis(), 30_000));
        switch (url.dialect()) {
            case SQLITE -> configureSqlite(hikari, url);
            case MYSQL -> hikari.setConnectionInitSql("SET SESSION sql_mode = '" + config.mysqlSqlMode().replace("'", "") + "'");
            case POSTGRESQL -> { }
        }
        return hikari;
    }

    private static void configureSqlite(HikariConfig hikari, DatabaseUrl url) {
        // read by the SQLite driver when it opens each connection
        hikari.addDataSourceProperty("journal_mode", "WAL");
        hikari.addDataSourceProperty("synchronous", "NORMAL");
        hikari.addDataSourceProperty("busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MS));
        // MariaDB and PostgreSQL enforce the foreign keys, so the embedded database does too
        hikari.addDataSourceProperty("foreign_keys", "true");
        // write transactions take the lock up front; readers in autocommit never wait (WAL)
        hikari.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        // a connection never creates the file: a missing database is unavailable, not silently a new empty one
        hikari.addDataSourceProperty("open_mode",
                String.valueOf(SQLiteOpenMode.READWRITE.flag | SQLiteOpenMode.OPEN_URI.flag));
        if (url.inMemory()) {
            // every connection to :memory: is a different database: keep exactly one, forever
            hikari.setMaximumPoolSize(1);
            hikari.setMinimumIdle(1);
            hikari.setMaxLifetime(0);
            hikari.setIdleTimeout(0);
        }
    }

    /** SQLite reads an empty file as an empty database; the schema is created later, as on the servers. */
    private static void createEmptyFile(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // created meanwhile by another process
        } catch (IOException e) {
            throw new DatabaseException("cannot create the SQLite database " + file + ": " + e, e);
        }
    }
}
