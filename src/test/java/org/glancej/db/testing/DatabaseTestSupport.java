package org.glancej.db.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import org.glancej.db.Database;
import org.glancej.db.SchemaMigrator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Base class of the DAO tests: every test class extending it runs once per {@link TestBackend}, against its
 * own freshly created and migrated database, with all Glance tables emptied before each test.
 * Unconfigured servers are skipped (or fail, see {@link TestBackend}).
 */
@ParameterizedClass(name = "[{0}]")
@MethodSource("org.glancej.db.testing.TestBackend#all")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseTestSupport {
    // children before parents, so the foreign keys hold while emptying
    private static final List<String> DELETE_ORDER = List.of(
            "image_properties", "image_locations", "image_members", "image_tags", "task_info", "tasks",
            "metadef_namespace_resource_types", "metadef_objects", "metadef_properties", "metadef_tags",
            "metadef_resource_types", "metadef_namespaces", "images");

    @Parameter
    protected TestBackend backend;

    protected Database database;
    private FreshDatabase fresh;
    private Path tempDir;

    @BeforeParameterizedClassInvocation
    final void createDatabase() throws Exception {
        if (backend.adminConnection().isEmpty()) {
            return; // each test then reports the backend as skipped (or failed when required)
        }
        tempDir = Files.createTempDirectory("glancej-dbtest");
        fresh = backend.create(tempDir);
        database = fresh.open();
        new SchemaMigrator(database).migrate();
    }

    @BeforeEach
    final void emptyTables() {
        backend.assumeAvailable();
        database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String table : DELETE_ORDER) {
                    statement.executeUpdate("DELETE FROM " + table);
                }
            }
            return null;
        });
    }

    @AfterParameterizedClassInvocation
    final void dropDatabase() throws Exception {
        if (database != null) {
            database.close();
            database = null;
        }
        if (fresh != null) {
            fresh.close();
            fresh = null;
        }
        if (tempDir != null) {
            Files.deleteIfExists(tempDir);
            tempDir = null;
        }
    }

}
