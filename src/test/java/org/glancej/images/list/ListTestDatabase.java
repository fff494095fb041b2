package org.glancej.images.list;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A database with upstream's list tables, fresh for each {@link #open()}: SQLite in memory always, MariaDB
 * and PostgreSQL when {@code GLANCE_TEST_MYSQL_URL} / {@code GLANCE_TEST_POSTGRESQL_URL} name a server
 * (SQLAlchemy-style URLs, as {@code scripts/test-databases.sh} prints them).
 */
record ListTestDatabase(Dialect dialect, String serverUrl) {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** Every database the tests can reach; add a dialect here and every SQL test runs on it. */
    static List<ListTestDatabase> available() {
        List<ListTestDatabase> databases = new ArrayList<>();
        databases.add(new ListTestDatabase(Dialect.SQLITE, null));
        env("GLANCE_TEST_MYSQL_URL").forEach(url -> databases.add(new ListTestDatabase(Dialect.MYSQL, url)));
        env("GLANCE_TEST_POSTGRESQL_URL").forEach(url -> databases.add(new ListTestDatabase(Dialect.POSTGRESQL, url)));
        return databases;
    }

    private static List<String> env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? List.of() : List.of(value.strip());
    }

    @Override
    public String toString() {
        return dialect.name().toLowerCase();
    }

    /** A connection to a schema of its own holding upstream's (empty) tables; closing it drops the schema. */
    Session open() throws SQLException {
        String schema = "glancej_list_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        Session session = switch (dialect) {
            case SQLITE -> new Session(DriverManager.getConnection("jdbc:sqlite::memory:"), null);
            case MYSQL -> {
                Connection admin = connect("jdbc:mariadb://", "");
                try (Statement s = admin.createStatement()) {
                    s.execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4");
                }
                admin.close();
                yield new Session(connect("jdbc:mariadb://", "/" + schema), "DROP DATABASE " + schema);
            }
            case POSTGRESQL -> {
                Connection c = connect("jdbc:postgresql://", path());
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA " + schema);
                    s.execute("SET search_path TO " + schema);
                }
                yield new Session(c, "DROP SCHEMA " + schema + " CASCADE");
            }
        };
        try (Statement s = session.connection().createStatement()) {
            for (String ddl : schemaStatements()) {
                s.execute(ddl);
            }
        }
        return session;
    }

    record Session(Connection connection, String dropSql) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            try (Connection c = connection) {
                if (dropSql != null) {
                    try (Statement s = c.createStatement()) {
                        s.execute(dropSql);
                    }
                }
            }
        }
    }

    private Connection connect(String jdbcPrefix, String path) throws SQLException {
        URI uri = URI.create(serverUrl);
        String[] userInfo = uri.getUserInfo().split(":", 2);
        Properties properties = new Properties();
        properties.setProperty("user", userInfo[0]);
        properties.setProperty("password", userInfo.length > 1 ? userInfo[1] : "");
        return DriverManager.getConnection(jdbcPrefix + uri.getHost() + ":" + uri.getPort() + path, properties);
    }

    private String path() {
        return URI.create(serverUrl).getPath();
    }

    private List<String> schemaStatements() {
        String resource = "/images/list/schema-" + dialect.name().toLowerCase() + ".sql";
        try (InputStream in = ListTestDatabase.class.getResourceAsStream(resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> statements = new ArrayList<>();
            for (String statement : text.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    statements.add(statement.strip());
                }
            }
            return statements;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
