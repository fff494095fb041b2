package org.glancej.images.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.glancej.db.Dialect;
import org.glancej.db.testing.DatabaseTestSupport;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL plans a list statement with its values on every run: the driver never prepares it on the server,
 * where after a few runs PostgreSQL would settle on one generic plan for any value (docs/database.md).
 */
class SqlStatementTest extends DatabaseTestSupport {
    private static final String LIST = "SELECT images.id FROM images WHERE images.size >= ? ORDER BY images.id";

    @Test
    void aListStatementRunManyTimesOnOneConnectionIsNeverPreparedOnTheServer() {
        assumeTrue(backend.dialect() == Dialect.POSTGRESQL, "PostgreSQL only");

        List<String> prepared = database.withConnection(c -> {
            for (int run = 0; run < 12; run++) {
                try (PreparedStatement statement = new SqlStatement(LIST, List.of(1000L + run))
                        .prepare(c, Dialect.POSTGRESQL); ResultSet rs = statement.executeQuery()) {
                    rs.next();
                }
            }
            // a plain statement of the same kind, for contrast: the driver prepares it from its fifth run
            for (int run = 0; run < 6; run++) {
                try (PreparedStatement statement = c.prepareStatement(LIST + " LIMIT 1")) {
                    statement.setLong(1, run);
                    statement.executeQuery().close();
                }
            }
            try (PreparedStatement statement = c.prepareStatement("SELECT statement FROM pg_prepared_statements");
                    ResultSet rs = statement.executeQuery()) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                return names;
            }
        });

        assertThat(prepared).anyMatch(sql -> sql.contains("LIMIT 1"))
                .noneMatch(sql -> sql.contains("ORDER BY images.id") && !sql.contains("LIMIT 1"));
    }
}
