package org.glancej.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.glancej.db.testing.FreshDatabase;
import org.glancej.db.testing.TestBackend;
import org.glancej.db.testing.UpstreamDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MariaDB's invisible virtual column of short property values, on a database upstream made: db_sync adds it
 * and its index, and upstream's way of reading and writing {@code image_properties} does not see it.
 */
@ParameterizedClass(name = "[{0}]")
@MethodSource("org.glancej.db.testing.TestBackend#all")
class ShortValueColumnTest {
    private static final String NOW = "'2024-01-01 00:00:00'";

    @Parameter
    TestBackend backend;

    @TempDir
    Path tempDir;

    @Test
    void dbSyncAddsAColumnThatUpstreamsReadsAndWritesDoNotSee() throws Exception {
        assumeTrue(backend.dialect() == Dialect.MYSQL, "MariaDB/MySQL only");
        try (FreshDatabase fresh = backend.create(tempDir)) {
            try (Connection c = fresh.connect()) {
                UpstreamDump.load(c, fresh.dialect());
                assertThat(ShortValueColumn.exists(c)).isFalse();
            }
            try (Database database = fresh.open()) {
                assertThat(new SchemaMigrator(database).migrate()).isFalse();
            }
            try (Connection c = fresh.connect(); Statement s = c.createStatement()) {
                assertThat(ShortValueColumn.current(c)).isTrue();
                s.execute("INSERT INTO images (id, created_at, deleted, status, visibility, os_hidden, min_disk,"
                        + " min_ram) VALUES ('i1', " + NOW + ", 0, 'active', 'public', 0, 0, 0)");
                // upstream's ORM names the visible columns; a positional insert lists them all, and only them
                s.execute("INSERT INTO image_properties (image_id, name, value, created_at, updated_at,"
                        + " deleted_at, deleted) VALUES ('i1', 'short', 'Ubuntu', " + NOW + ", NULL, NULL, 0)");
                s.execute("INSERT INTO image_properties VALUES (NULL, 'i1', 'long', REPEAT('x', 65535), " + NOW
                        + ", NULL, NULL, 0)");
                s.execute("INSERT INTO image_properties (image_id, name, value, created_at, deleted)"
                        + " VALUES ('i1', 'edge', REPEAT('\u20ac', 101), " + NOW + ", 0)");
                s.execute("UPDATE image_properties SET value = REPEAT('\u20ac', 100) WHERE name = 'edge'");
                try (ResultSet rows = s.executeQuery("SELECT * FROM image_properties ORDER BY id")) {
                    assertThat(rows.getMetaData().getColumnCount()).isEqualTo(8);
                }
                assertThat(strings(c, "SELECT CONCAT(name, '=', COALESCE(CHAR_LENGTH(" + ShortValueColumn.NAME
                        + "), 'null')) FROM image_properties ORDER BY id"))
                        .containsExactly("short=6", "long=null", "edge=100");
                // compared as the value is: the same collation (letter case and accents ignored)
                assertThat(strings(c, "SELECT CONCAT(character_set_name, ' ', collation_name)"
                        + " FROM information_schema.columns WHERE table_schema = DATABASE()"
                        + " AND table_name = 'image_properties' AND column_name IN ('value', '"
                        + ShortValueColumn.NAME + "')")).hasSize(2).allMatch(strings(c,
                        "SELECT CONCAT(character_set_name, ' ', collation_name) FROM information_schema.columns"
                                + " WHERE table_schema = DATABASE() AND table_name = 'image_properties'"
                                + " AND column_name = 'value'").getFirst()::equals);
                assertThat(strings(c, "SELECT name FROM image_properties WHERE " + ShortValueColumn.NAME
                        + " = 'ubuntu'")).containsExactly("short");
            }
        }
    }

    @Test
    void aColumnOfAnotherDefinitionIsReplacedAndItsIndexRebuilt() throws Exception {
        assumeTrue(backend.dialect() == Dialect.MYSQL, "MariaDB/MySQL only");
        try (FreshDatabase fresh = backend.create(tempDir); Database database = fresh.open()) {
            SchemaMigrator migrator = new SchemaMigrator(database);
            migrator.migrate();
            database.withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE image_properties DROP INDEX " + ExtraIndexes.SHORT_PROPERTY_VALUES);
                    s.execute("ALTER TABLE image_properties DROP COLUMN " + ShortValueColumn.NAME);
                    s.execute("ALTER TABLE image_properties ADD COLUMN " + ShortValueColumn.NAME
                            + " VARCHAR(50) AS (IF(CHAR_LENGTH(value) <= 50, value, NULL)) VIRTUAL INVISIBLE");
                    s.execute("CREATE INDEX " + ExtraIndexes.SHORT_PROPERTY_VALUES + " ON image_properties (name, "
                            + ShortValueColumn.NAME + ", image_id, deleted)");
                }
                return null;
            });
            assertThat(missing(database)).containsExactly(ExtraIndexes.SHORT_PROPERTY_VALUES);

            assertThat(migrator.migrate()).isFalse();

            assertThat(missing(database)).isEmpty();
            boolean current = database.withConnection(ShortValueColumn::current);
            assertThat(current).isTrue();
            List<String> type = database.withConnection(c -> strings(c, "SELECT column_type"
                    + " FROM information_schema.columns WHERE table_schema = DATABASE()"
                    + " AND column_name = '" + ShortValueColumn.NAME + "'"));
            assertThat(type).containsExactly("varchar(100)");
            // idempotent: nothing left to add
            List<String> added = database.withConnection(c -> ExtraIndexes.ensure(c, Dialect.MYSQL));
            assertThat(added).isEmpty();
        }
    }

    private static List<String> missing(Database database) {
        return database.withConnection(c -> ExtraIndexes.missing(c, database.dialect()));
    }

    private static List<String> strings(Connection c, String sql) throws java.sql.SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
