package org.glancej.db;

import java.util.Map;
import java.util.StringJoiner;

/** Builds JDBC URLs from the parts of a SQLAlchemy URL, mapping the query options whose meaning carries over. */
final class JdbcUrls {
    private JdbcUrls() {}

    // pymysql options; charset needs no mapping because the MariaDB driver always talks utf8mb4
    static String mysql(String connection, String host, int port, String database, Map<String, String> query) {
        StringJoiner params = new StringJoiner("&", "?", "").setEmptyValue("");
        String socket = query.get("unix_socket");
        if (socket != null && !socket.isEmpty()) {
            params.add("localSocket=" + plain(connection, socket));
        }
        return "jdbc:mariadb://" + hostPort(host, port) + "/" + plain(connection, database) + params;
    }

    // libpq options; stringtype=unspecified lets plain string parameters bind to enum columns (visibility)
    static String postgresql(String connection, String host, int port, String database, Map<String, String> query) {
        if (query.containsKey("host") || (host != null && host.startsWith("/"))) {
            throw DatabaseUrl.invalid(connection, "PostgreSQL over a unix socket is not supported: use host:port");
        }
        StringJoiner params = new StringJoiner("&", "?", "");
        params.add("stringtype=unspecified");
        for (String option : new String[] {"sslmode", "sslrootcert", "sslcert", "sslkey"}) {
            if (query.containsKey(option)) {
                params.add(option + "=" + plain(connection, query.get(option)));
            }
        }
        if (query.containsKey("connect_timeout")) {
            params.add("connectTimeout=" + plain(connection, query.get("connect_timeout")));
        }
        if (query.containsKey("application_name")) {
            params.add("ApplicationName=" + plain(connection, query.get("application_name")));
        }
        return "jdbc:postgresql://" + hostPort(host, port) + "/" + plain(connection, database) + params;
    }

    private static String hostPort(String host, int port) {
        String h = host == null || host.isEmpty() ? "localhost" : host;
        return port < 0 ? h : h + ":" + port;
    }

    // the drivers do not percent-decode, so characters that would change the JDBC URL's shape are refused
    private static String plain(String connection, String value) {
        if (value.chars().anyMatch(c -> c == '&' || c == '?' || c == '#' || c == '=' || Character.isWhitespace(c))) {
            throw DatabaseUrl.invalid(connection, "unsupported character in '" + value + "'");
        }
        return value;
    }
}
