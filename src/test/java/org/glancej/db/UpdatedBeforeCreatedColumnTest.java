package org.glancej.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glancej.db.testing.FreshDatabase;
import org.glancej.db.testing.TestBackend;
import org.glancej.db.testing.UpstreamDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MariaDB's invisible column of the images updated before they were created, on a database upstream made:
 * db_sync adds it and its index, it follows every write, and upstream's way of using {@code images} does not
 * see it.
 */
@ParameterizedClass(name = "[{0}]")
@MethodSource("org.glancej.db.testing.TestBackend#all")
class UpdatedBeforeCreatedColumnTest {
    @Parameter
    TestBackend backend;

    @TempDir
    Path tempDir;

    @Test
    void dbSyncAddsAColumnHoldingOnlyUpdatesBeforeCreationThatUpstreamDoesNotSee() throws Exception {
        assumeTrue(backend.dialect() == Dialect.MYSQL, "MariaDB/MySQL only");
        try (FreshDatabase fresh = backend.create(tempDir)) {
            int upstreamColumns;
            try (Connection c = fresh.connect()) {
                UpstreamDump.load(c, fresh.dialect());
                assertThat(UpdatedBeforeCreatedColumn.exists(c)).isFalse();
                upstreamColumns = columnCount(c);
            }
            try (Database database = fresh.open()) {
                assertThat(new SchemaMigrator(database).migrate()).isFalse();
                List<String> missing = database.withConnection(c -> ExtraIndexes.missing(c, Dialect.MYSQL));
                assertThat(missing).isEmpty();
            }
            try (Connection c = fresh.connect(); Statement s = c.createStatement()) {
                assertThat(UpdatedBeforeCreatedColumn.COLUMN.current(c)).isTrue();
                assertThat(columnCount(c)).isEqualTo(upstreamColumns);
                s.execute("INSERT INTO images (id, created_at, updated_at, deleted, status, visibility, os_hidden,"
                        + " min_disk, min_ram) VALUES ('later', '2024-01-02 00:00:00', '2024-01-03 00:00:00', 0,"
                        + " 'active', 'public', 0, 0, 0)");
                // a positional insert lists upstream's columns, and only them
                s.execute("INSERT INTO images VALUES (" + String.join(", ", positional(c)) + ")");
                assertThat(strings(c, "SELECT CONCAT(id, '=', COALESCE(" + UpdatedBeforeCreatedColumn.NAME
                        + ", 'null')) FROM images ORDER BY id"))
                        .containsExactly("later=null", "skewed=2024-01-01 00:00:00");
                // it follows an update, as a partial index would
                s.execute("UPDATE images SET updated_at = '2024-01-05 00:00:00' WHERE id = 'skewed'");
                s.execute("UPDATE images SET updated_at = '2024-01-01 12:00:00' WHERE id = 'later'");
                assertThat(strings(c, "SELECT id FROM images WHERE " + UpdatedBeforeCreatedColumn.NAME
                        + " < '2024-01-02 00:00:00'")).containsExactly("later");
            }
        }
    }

    /** A value for each column {@code SELECT *} shows, in its order: an image updated before its creation. */
    private static List<String> positional(Connection c) throws java.sql.SQLException {
        Map<String, String> known = Map.of("id", "'skewed'", "status", "'active'", "visibility", "'public'",
                "created_at", "'2024-01-02 00:00:00'", "updated_at", "'2024-01-01 00:00:00'");
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT * FROM images")) {
            ResultSetMetaData columns = rows.getMetaData();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                String name = columns.getColumnName(i);
                values.add(known.getOrDefault(name, columns.isNullable(i) == ResultSetMetaData.columnNoNulls
                        ? "0" : "NULL"));
            }
        }
        return values;
    }

    private static int columnCount(Connection c) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT * FROM images")) {
            return rows.getMetaData().getColumnCount();
        }
    }

    private static List<String> strings(Connection c, String sql) throws java.sql.SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
