package org.glancej.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.glancej.db.testing.FreshDatabase;
import org.glancej.db.testing.SchemaDescription;
import org.glancej.db.testing.TestBackend;
import org.glancej.db.testing.UpstreamDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Our migration scripts against the schema upstream Glance's own db_sync produced (src/test/resources/db/upstream). */
@ParameterizedClass(name = "[{0}]")
@MethodSource("org.glancej.db.testing.TestBackend#all")
class UpstreamSchemaTest {
    @Parameter
    TestBackend backend;

    @TempDir
    Path tempDir;

    @Test
    void ourSchemaIsIdenticalToUpstreams() throws Exception {
        List<String> upstream = describeUpstream();
        List<String> ours;
        try (FreshDatabase fresh = backend.create(tempDir)) {
            try (Database database = fresh.open()) {
                assertThat(new SchemaMigrator(database).migrate()).isTrue();
            }
            try (Connection connection = fresh.connect()) {
                ours = SchemaDescription.describe(connection, fresh.dialect());
            }
        }

        // beside upstream's schema: our list indexes, MariaDB's two invisible columns, and nothing else
        assertThat(ours.stream().filter(l -> l.startsWith("index ") && l.contains(ExtraIndexes.PREFIX)))
                .hasSize(ExtraIndexes.names(backend.dialect()).size());
        assertThat(ours.stream().filter(l -> !l.startsWith("index ") && !l.startsWith("ddl ")
                && l.contains(ExtraIndexes.PREFIX)).map(l -> l.split(" ")[0] + " " + l.split(" ")[1]))
                .isEqualTo(backend.dialect() == Dialect.MYSQL
                        ? List.of("column image_properties." + ShortValueColumn.NAME,
                                "column images." + UpdatedBeforeCreatedColumn.NAME) : List.of());
        ours = withoutListIndexes(ours);
        List<String> missing = new ArrayList<>(upstream);
        missing.removeAll(ours);
        List<String> extra = new ArrayList<>(ours);
        extra.removeAll(upstream);
        assertThat(missing).as("schema elements upstream has and we lack").isEmpty();
        assertThat(extra).as("schema elements we have and upstream lacks").isEmpty();
        assertThat(ours).isEqualTo(upstream);
    }

    @Test
    void upstreamHeadHasThirteenTablesWith108ColumnsPlusAlembicVersion() throws Exception {
        List<String> upstream = describeUpstream();

        List<String> tables = upstream.stream().filter(l -> l.startsWith("table ")).toList();
        List<String> columns = upstream.stream()
                .filter(l -> l.startsWith("column ") && !l.startsWith("column alembic_version.")).toList();
        assertThat(tables).hasSize(14).anyMatch(l -> l.contains("alembic_version"));
        for (String table : SchemaMigrator.GLANCE_TABLES) {
            assertThat(tables).anyMatch(l -> l.matches("table \\[?" + table + "\\b.*"));
        }
        assertThat(columns).hasSize(108);
    }

    @Test
    void databaseMadeByUpstreamIsCurrentAndDbSyncAddsOnlyOurListIndexes() throws Exception {
        List<String> upstream = describeUpstream();
        try (FreshDatabase fresh = backend.create(tempDir)) {
            try (Connection connection = fresh.connect()) {
                UpstreamDump.load(connection, fresh.dialect());
            }
            try (Database database = fresh.open()) {
                SchemaMigrator migrator = new SchemaMigrator(database);
                assertThat(migrator.state().kind()).isEqualTo(SchemaState.Kind.CURRENT);
                assertThat(migrator.state().revisions()).containsExactly(AlembicRevisions.HEAD);
                assertThat(missingIndexes(database))
                        .hasSize(ExtraIndexes.names(fresh.dialect()).size());
                new SchemaCheck(database).ensureReady(); // runs without our list indexes (SQLite: adds them)
                assertThat(migrator.migrate()).isFalse();
                assertThat(missingIndexes(database)).isEmpty();
            }
            // db_sync added our indexes and changed nothing of upstream's
            try (Connection connection = fresh.connect()) {
                List<String> after = withoutListIndexes(SchemaDescription.describe(connection, fresh.dialect()));
                assertThat(after).isEqualTo(upstream);
            }
        }
    }

    private List<String> describeUpstream() throws Exception {
        try (FreshDatabase fresh = backend.create(tempDir); Connection connection = fresh.connect()) {
            UpstreamDump.load(connection, fresh.dialect());
            return SchemaDescription.describe(connection, fresh.dialect());
        }
    }

    /**
     * The description without our list indexes and MariaDB's invisible column of short values (which only they
     * use): their own lines, and their lines in MariaDB's table DDL.
     */
    private static List<String> withoutListIndexes(List<String> description) {
        return description.stream()
                .filter(l -> l.startsWith("ddl ") || !l.contains(ExtraIndexes.PREFIX))
                .map(l -> l.lines().filter(line -> !line.contains(ExtraIndexes.PREFIX))
                        .collect(java.util.stream.Collectors.joining("\n")))
                .toList();
    }

    private static List<String> missingIndexes(Database database) {
        return database.withConnection(c -> ExtraIndexes.missing(c, database.dialect()));
    }
}
