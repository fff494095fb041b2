package org.glancej.db.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.glancej.db.Database;
import org.glancej.db.DatabaseConfig;
import org.glancej.db.DatabaseUrl;
import org.glancej.db.Dialect;

/** An empty database made for one test class or test, dropped again by {@link #close()}. */
public final class FreshDatabase implements AutoCloseable {
    private final TestBackend backend;
    private final String connection;
    private final String name;

    private FreshDatabase(TestBackend backend, String connection, String name) {
        this.backend = backend;
        this.connection = connection;
        this.name = name;
    }

    static FreshDatabase create(TestBackend backend, Path tempDir) {
        String name = "glancej_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (backend.dialect() == Dialect.SQLITE) {
            Path file = tempDir.resolve(name + ".sqlite").toAbsolutePath();
            return new FreshDatabase(backend, "sqlite:///" + file, name);
        }
        String createSql = backend.dialect() == Dialect.MYSQL
                ? "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci"
                : "CREATE DATABASE " + name;
        FreshDatabase fresh = new FreshDatabase(backend, replaceDatabase(backend.adminConnection().orElseThrow(), name), name);
        fresh.admin(createSql);
        return fresh;
    }

    /** The SQLAlchemy URL of this database, as it would appear in {@code [database] connection}. */
    public String connection() {
        return connection;
    }

    public Dialect dialect() {
        return backend.dialect();
    }

    /** A small pool: tests open many short-lived databases and rarely need more than a few connections. */
    public DatabaseConfig config() {
        DatabaseConfig defaults = DatabaseConfig.forConnection(connection);
        return new DatabaseConfig(defaults.url(), 4, defaults.poolTimeout(), defaults.connectionRecycleTime(),
                defaults.mysqlSqlMode());
    }

    public Database open() {
        return Database.open(config());
    }

    /** A plain JDBC connection outside any pool, for loading dumps and inspecting. */
    public Connection connect() throws SQLException {
        DatabaseUrl url = config().url();
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }

    @Override
    public void close() throws Exception {
        if (backend.dialect() == Dialect.SQLITE) {
            Path file = config().url().sqliteFile().orElseThrow();
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
            return;
        }
        admin(backend.dialect() == Dialect.MYSQL
                ? "DROP DATABASE IF EXISTS " + name
                : "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void admin(String sql) {
        DatabaseUrl admin = DatabaseUrl.parse(backend.adminConnection().orElseThrow(), Path.of(""));
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + backend + ": " + e.getMessage(), e);
        }
    }

    // scheme://user:pw@host:port/<database>?query
    private static String replaceDatabase(String url, String database) {
        return url.replaceFirst("^([\\w+]+://[^/]*/)[^?]*", "$1" + database);
    }

    @Override
    public String toString() {
        return backend + ":" + name;
    }
}
