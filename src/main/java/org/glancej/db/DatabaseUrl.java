package org.glancej.db;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glancej.config.ConfigException;

/**
 * A SQLAlchemy URL from {@code [database] connection}, translated for JDBC. {@code password} may be null;
 * {@code sqliteFile} is empty for server databases and for in-memory SQLite ({@code sqlite://}).
 */
public record DatabaseUrl(Dialect dialect, String jdbcUrl, String user, String password, Optional<Path> sqliteFile) {

    // dialect[+driver]://[user[:password]@][host|[ipv6]][:port][/database][?query], as SQLAlchemy splits it
    private static final Pattern URL = Pattern.compile(
            "(?<name>[\\w+]+)://"
                    + "(?:(?<user>[^:/]*)(?::(?<password>[^@]*))?@)?"
                    + "(?:(?:\\[(?<ipv6>[^/?]+)]|(?<host>[^/:?]+))?(?::(?<port>[^/?]*))?)?"
                    + "(?:/(?<database>[^?]*))?"
                    + "(?:\\?(?<query>.*))?",
            Pattern.DOTALL);

    public DatabaseUrl {
        requireNonNull(dialect, "dialect is null");
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(sqliteFile, "sqliteFile is null");
    }

    public boolean inMemory() {
        return dialect == Dialect.SQLITE && sqliteFile.isEmpty();
    }

    /** Parses {@code connection}; relative SQLite paths resolve against {@code workingDirectory}. */
    public static DatabaseUrl parse(String connection, Path workingDirectory) {
        requireNonNull(connection, "connection is null");
        Matcher m = URL.matcher(connection.strip());
        if (!m.matches()) {
            throw invalid(connection, "not a URL of the form dialect+driver://user:password@host:port/database");
        }
        String name = m.group("name");
        String backend = name.contains("+") ? name.substring(0, name.indexOf('+')) : name;
        Map<String, String> query = query(connection, m.group("query"));
        String host = m.group("ipv6") != null ? "[" + m.group("ipv6") + "]" : m.group("host");
        String database = m.group("database") == null ? null : decode(connection, m.group("database"));
        String user = m.group("user") == null ? null : decode(connection, m.group("user"));
        String password = m.group("password") == null ? null : decode(connection, m.group("password"));
        int port = port(connection, m.group("port"));
        return switch (backend) {
            case "sqlite" -> sqlite(connection, host, database, workingDirectory);
            case "mysql", "mariadb" -> new DatabaseUrl(Dialect.MYSQL,
                    JdbcUrls.mysql(connection, host, port, required(connection, database), query), user, password, Optional.empty());
            case "postgresql", "postgres" -> new DatabaseUrl(Dialect.POSTGRESQL,
                    JdbcUrls.postgresql(connection, host, port, required(connection, database), query),
                    user, password, Optional.empty());
            default -> throw invalid(connection, "unsupported database '" + name
                    + "' (supported: sqlite, mysql+pymysql, postgresql+psycopg2)");
        };
    }

    private static DatabaseUrl sqlite(String connection, String host, String database, Path workingDirectory) {
        if (host != null) {
            throw invalid(connection, "a SQLite URL has no host: use sqlite:///relative.db or sqlite:////absolute.db");
        }
        if (database == null || database.isEmpty() || database.equals(":memory:")) {
            return new DatabaseUrl(Dialect.SQLITE, "jdbc:sqlite::memory:", null, null, Optional.empty());
        }
        Path file = workingDirectory.resolve(database).toAbsolutePath().normalize();
        return new DatabaseUrl(Dialect.SQLITE, "jdbc:sqlite:" + file, null, null, Optional.of(file));
    }

    private static String required(String connection, String database) {
        if (database == null || database.isEmpty()) {
            throw invalid(connection, "no database name after the host");
        }
        return database;
    }

    private static int port(String connection, String port) {
        if (port == null || port.isEmpty()) {
            return -1;
        }
        try {
            int value = Integer.parseInt(port);
            if (value > 0 && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(connection, "bad port '" + port + "'");
    }

    private static Map<String, String> query(String connection, String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(connection, eq < 0 ? pair : pair.substring(0, eq));
                params.put(key, eq < 0 ? "" : decode(connection, pair.substring(eq + 1)));
            }
        }
        return params;
    }

    private static String decode(String connection, String text) {
        try {
            return PercentDecoder.decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid(connection, e.getMessage());
        }
    }

    static ConfigException invalid(String connection, String why) {
        return new ConfigException("invalid value for [database] connection = " + redact(connection) + ": " + why);
    }

    /** The URL with any password replaced, safe for logs and error messages. */
    public static String redact(String connection) {
        int start = connection.indexOf("://");
        int at = connection.lastIndexOf('@');
        if (start < 0 || at < start) {
            return connection;
        }
        int colon = connection.indexOf(':', start + 3);
        if (colon < 0 || colon > at) {
            return connection;
        }
        // everything between the user's colon and the last '@' may be password: hide all of it
        return connection.substring(0, colon + 1) + "***" + connection.substring(at);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + dialect + " " + jdbcUrl + (user == null ? "" : " user=" + user) + "]";
    }
}
