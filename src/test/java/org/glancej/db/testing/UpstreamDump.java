package org.glancej.db.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.glancej.db.Dialect;

/** Replays a schema dump made from upstream Glance (src/test/resources/db/upstream) into a database. */
public final class UpstreamDump {
    private UpstreamDump() {}

    public static void load(Connection connection, Dialect dialect) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(text(dialect))) {
                statement.execute(sql);
            }
            if (dialect == Dialect.POSTGRESQL) {
                statement.execute("RESET search_path"); // pg_dump empties it for the rest of the session
            }
        }
    }

    static String text(Dialect dialect) throws IOException {
        try (InputStream in = UpstreamDump.class.getResourceAsStream("/db/upstream/" + dialect.resourceName() + ".sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // dumps end statements with ';' at the end of a line; psql meta-commands (\restrict) are not SQL
    static List<String> statements(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("--") || line.startsWith("\\") || line.isBlank()) {
                continue;
            }
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                statements.add(current.toString().strip().replaceAll(";$", ""));
                current.setLength(0);
            }
        }
        return statements;
    }
}
