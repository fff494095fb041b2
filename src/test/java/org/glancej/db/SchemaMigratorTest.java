package org.glancej.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.glancej.db.testing.FreshDatabase;
import org.glancej.db.testing.SchemaDescription;
import org.glancej.db.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "[{0}]")
@MethodSource("org.glancej.db.testing.TestBackend#all")
class SchemaMigratorTest {
    @Parameter
    TestBackend backend;

    @TempDir
    Path tempDir;

    @Test
    void emptyDatabaseGetsHeadSchemaAndUpstreamsRevisionAndNoOtherTable() throws Exception {
        try (FreshDatabase fresh = backend.create(tempDir); Database database = fresh.open()) {
            SchemaMigrator migrator = new SchemaMigrator(database);
            assertThat(migrator.state().kind()).isEqualTo(SchemaState.Kind.EMPTY);

            assertThat(migrator.migrate()).isTrue();

            assertThat(migrator.state()).isEqualTo(new SchemaState(SchemaState.Kind.CURRENT, List.of("wallaby_contract01")));
            List<String> expected = new ArrayList<>(SchemaMigrator.GLANCE_TABLES);
            expected.add("alembic_version");
            Set<String> tables = database.withConnection(c -> SchemaMigrator.tableNames(c, database.dialect()));
            assertThat(tables).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void listIndexesAreCreatedWithTheSchemaAndRecreatedWhenDropped() throws Exception {
        try (FreshDatabase fresh = backend.create(tempDir); Database database = fresh.open()) {
            SchemaMigrator migrator = new SchemaMigrator(database);
            migrator.migrate();
            assertThat(missingIndexes(database)).isEmpty();
            String dropped = ExtraIndexes.ALL.getFirst().name();
            database.withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP INDEX " + dropped + (database.dialect() == Dialect.MYSQL ? " ON images" : ""));
                }
                return null;
            });
            assertThat(missingIndexes(database)).containsExactly(dropped);

            assertThat(migrator.migrate()).isFalse();

            assertThat(missingIndexes(database)).isEmpty();
        }
    }

    @Test
    void postgresqlSortIndexesOfEarlierReleasesAreReplaced() throws Exception {
        try (FreshDatabase fresh = backend.create(tempDir); Database database = fresh.open()) {
            if (database.dialect() != Dialect.POSTGRESQL) {
                return; // only PostgreSQL had them indexed NULLS FIRST
            }
            SchemaMigrator migrator = new SchemaMigrator(database);
            migrator.migrate();
            database.withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP INDEX glancej_images_size");
                    s.execute("CREATE INDEX glancej_images_size ON images (size NULLS FIRST, created_at, id)");
                }
                return null;
            });
            assertThat(missingIndexes(database)).containsExactly("glancej_images_size");

            assertThat(migrator.migrate()).isFalse();

            assertThat(missingIndexes(database)).isEmpty();
            String definition = database.withConnection(c -> {
                try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(
                        "SELECT indexdef FROM pg_indexes WHERE indexname = 'glancej_images_size'")) {
                    rows.next();
                    return rows.getString(1);
                }
            });
            assertThat(definition).endsWith("(size, created_at, id)");
        }
    }

    @Test
    void sortIndexesWithoutTheMemberColumnsAreReplacedOnMariadbAndSqlite() throws Exception {
        try (FreshDatabase fresh = backend.create(tempDir); Database database = fresh.open()) {
            Dialect dialect = database.dialect();
            if (dialect == Dialect.POSTGRESQL) {
                return; // PostgreSQL's sort indexes hold the key and the tie-breakers only
            }
            SchemaMigrator migrator = new SchemaMigrator(database);
            migrator.migrate();
            database.withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    if (dialect == Dialect.MYSQL) {
                        s.execute("ALTER TABLE images DROP INDEX glancej_images_status,"
                                + " ADD INDEX glancej_images_status (status, created_at, id)");
                    } else {
                        s.execute("DROP INDEX glancej_images_status");
                        s.execute("CREATE INDEX glancej_images_status ON images (status, created_at, id)");
                    }
                }
                return null;
            });
            assertThat(missingIndexes(database)).containsExactly("glancej_images_status");

            assertThat(migrator.migrate()).isFalse();

            assertThat(missingIndexes(database)).isEmpty();
            String columns = database.withConnection(c -> {
                try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(dialect == Dialect.MYSQL
                        ? "SELECT GROUP_CONCAT(column_name ORDER BY seq_in_index) FROM information_schema.statistics"
                                + " WHERE table_schema = DATABASE() AND index_name = 'glancej_images_status'"
                        : "SELECT group_concat(name) FROM (SELECT name FROM pragma_index_info('glancej_images_status')"
                                + " ORDER BY seqno)")) {
                    rows.next();
                    return rows.getString(1);
                }
            });
            // MariaDB's also hold the formats (ExtraIndexes.FORMATS)
            assertThat(columns).isEqualTo("status,created_at,id,visibility,owner,deleted,os_hidden"
                    + (dialect == Dialect.MYSQL ? ",disk_format,container_format" : ""));
        }
    }

    @Test
    void secondRunChangesNothing() throws Exception {
        try (FreshDatabase fresh = backend.create(tempDir); Database database = fresh.open()) {
            SchemaMigrator migrator = new SchemaMigrator(database);
            migrator.migrate();
            List<String> before = describe(fresh);

            assertThat(migrator.migrate()).isFalse();
            assertThat(new SchemaMigrator(database).migrate()).isFalse();

            assertThat(describe(fresh)).isEqualTo(before);
            assertThat(migrator.state().revisions()).containsExactly(AlembicRevisions.HEAD);
        }
    }

    @Test
    void olderUpstreamRevisionIsRefusedWithAdvice() throws Exception {
        assertRefused("rocky_contract02", SchemaState.Kind.OLDER, "older than wallaby_contract01");
    }

    @Test
    void newerUpstreamRevisionIsRefused() throws Exception {
        assertRefused("2024_1_contract01", SchemaState.Kind.NEWER, "later upstream Glance release");
    }

    @Test
    void unknownRevisionIsRefused() throws Exception {
        assertRefused("bogus", SchemaState.Kind.UNKNOWN, "unknown schema revision(s) bogus");
    }

    @Test
    void glanceTablesWithoutRevisionAreRefused() throws Exception {
        assertRefused(null, SchemaState.Kind.UNVERSIONED, "no alembic_version revision");
    }

    @Test
    void concurrentRunsCreateTheSchemaExactlyOnce() throws Exception {
        try (FreshDatabase fresh = backend.create(tempDir);
                Database first = fresh.open();
                Database second = fresh.open()) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Boolean>> results = pool.invokeAll(List.<Callable<Boolean>>of(
                        () -> new SchemaMigrator(first).migrate(),
                        () -> new SchemaMigrator(second).migrate()));
                List<Boolean> created = new ArrayList<>();
                for (Future<Boolean> result : results) {
                    created.add(result.get());
                }
                assertThat(created).containsExactlyInAnyOrder(true, false);
            } finally {
                pool.shutdown();
            }
            assertThat(new SchemaMigrator(first).state().revisions()).containsExactly(AlembicRevisions.HEAD);
        }
    }

    /** Migrates, rewrites alembic_version to {@code revision} (none if null), and expects a refusal. */
    private void assertRefused(String revision, SchemaState.Kind kind, String message) throws Exception {
        try (FreshDatabase fresh = backend.create(tempDir); Database database = fresh.open()) {
            SchemaMigrator migrator = new SchemaMigrator(database);
            migrator.migrate();
            try (Connection c = fresh.connect(); Statement statement = c.createStatement()) {
                statement.executeUpdate("DELETE FROM alembic_version");
                if (revision != null) {
                    statement.executeUpdate("INSERT INTO alembic_version (version_num) VALUES ('" + revision + "')");
                }
            }
            List<String> before = describe(fresh);

            assertThatThrownBy(migrator::migrate)
                    .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.state().kind()).isEqualTo(kind))
                    .hasMessageContaining(message);

            assertThat(describe(fresh)).isEqualTo(before);
            assertThat(revisions(fresh)).isEqualTo(revision == null ? List.of() : List.of(revision));
        }
    }

    private static List<String> describe(FreshDatabase fresh) throws Exception {
        try (Connection c = fresh.connect()) {
            return SchemaDescription.describe(c, fresh.dialect());
        }
    }

    private static List<String> revisions(FreshDatabase fresh) throws Exception {
        List<String> revisions = new ArrayList<>();
        try (Connection c = fresh.connect(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT version_num FROM alembic_version")) {
            while (rows.next()) {
                revisions.add(rows.getString(1));
            }
        }
        return revisions;
    }

    private static List<String> missingIndexes(Database database) {
        return database.withConnection(c -> ExtraIndexes.missing(c, database.dialect()));
    }
}
