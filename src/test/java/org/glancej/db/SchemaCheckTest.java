package org.glancej.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.glancej.db.testing.FreshDatabase;
import org.glancej.db.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "[{0}]")
@MethodSource("org.glancej.db.testing.TestBackend#all")
class SchemaCheckTest {
    @Parameter
    TestBackend backend;

    @TempDir
    Path tempDir;

    @Test
    void emptyDatabaseIsCreatedWhenEmbeddedAndRefusedWhenExternal() throws Exception {
        try (FreshDatabase fresh = backend.create(tempDir); Database database = fresh.open()) {
            SchemaCheck check = new SchemaCheck(database);
            if (fresh.dialect() == Dialect.SQLITE) {
                check.ensureReady();
                assertThat(new SchemaMigrator(database).state().kind()).isEqualTo(SchemaState.Kind.CURRENT);
            } else {
                assertThatThrownBy(check::ensureReady)
                        .isInstanceOf(SchemaException.class)
                        .hasMessageContaining("has no Glance schema yet")
                        .hasMessageContaining("Run 'glance-manage db_sync'")
                        .hasMessageNotContaining("glance-test-pw");
                assertThat(new SchemaMigrator(database).state().kind()).isEqualTo(SchemaState.Kind.EMPTY);
            }
        }
    }

    @Test
    void currentSchemaPasses() throws Exception {
        try (FreshDatabase fresh = backend.create(tempDir); Database database = fresh.open()) {
            new SchemaMigrator(database).migrate();

            new SchemaCheck(database).ensureReady();
        }
    }

    @Test
    void missingListIndexesAreAWarningNamingDbSyncNotARefusal() throws Exception {
        try (FreshDatabase fresh = backend.create(tempDir); Database database = fresh.open()) {
            new SchemaMigrator(database).migrate();
            String dropped = ExtraIndexes.ALL.getFirst().name();
            try (Connection c = fresh.connect(); Statement s = c.createStatement()) {
                s.execute("DROP INDEX " + dropped + (database.dialect() == Dialect.MYSQL ? " ON images" : ""));
            }
            Logger logger = (Logger) LoggerFactory.getLogger(SchemaCheck.class);
            ListAppender<ILoggingEvent> logs = new ListAppender<>();
            logs.start();
            logger.addAppender(logs);
            try {
                new SchemaCheck(database).ensureReady();
            } finally {
                logger.detachAppender(logs);
            }
            if (database.dialect() == Dialect.SQLITE) {
                // the embedded database is migrated in place at start, indexes included
                assertThat(logs.list).isEmpty();
                assertThat(missingIndexes(database)).isEmpty();
            } else {
                assertThat(logs.list).singleElement().satisfies(e -> {
                    assertThat(e.getLevel()).isEqualTo(Level.WARN);
                    assertThat(e.getFormattedMessage()).contains(dropped, "glance-manage db_sync");
                });
            }
        }
    }

    @Test
    void olderSchemaIsRefusedEverywhere() throws Exception {
        try (FreshDatabase fresh = backend.create(tempDir); Database database = fresh.open()) {
            new SchemaMigrator(database).migrate();
            try (Connection c = fresh.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE alembic_version SET version_num = 'ussuri_contract01'");
            }

            assertThatThrownBy(new SchemaCheck(database)::ensureReady)
                    .isInstanceOf(SchemaException.class)
                    .hasMessageContaining("ussuri_contract01")
                    .hasMessageContaining("db_sync");
        }
    }

    private static List<String> missingIndexes(Database database) {
        return database.withConnection(c -> ExtraIndexes.missing(c, database.dialect()));
    }
}
