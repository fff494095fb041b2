package org.glancej.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.glancej.db.testing.FreshDatabase;
import org.glancej.db.testing.TestBackend;
import org.junit.jupiter.api.Test;
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
}
