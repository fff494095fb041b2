package org.glancej.api;

import java.nio.file.Files;
import java.nio.file.Path;
import org.glancej.db.Database;
import org.glancej.db.SchemaMigrator;
import org.glancej.db.testing.FreshDatabase;
import org.glancej.db.testing.TestBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Base class of API tests that must give the same answers on every database: each test class runs once per
 * {@link TestBackend}, against the whole service serving a freshly created and migrated database of that kind.
 * Unconfigured servers are skipped (or fail, see {@link TestBackend}).
 */
@ParameterizedClass(name = "[{0}]")
@MethodSource("org.glancej.db.testing.TestBackend#all")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EveryDatabaseApiTestSupport {
    @Parameter
    protected TestBackend backend;

    protected ApiServerExtension server;
    protected ApiCalls api;
    /** The database the server serves, for a test to put rows in as another writer would. */
    protected FreshDatabase fresh;
    private Path tempDir;

    @BeforeParameterizedClassInvocation
    final void startServer() throws Exception {
        if (backend.adminConnection().isEmpty()) {
            return; // each test then reports the backend as skipped (or failed when required)
        }
        tempDir = Files.createTempDirectory("glancej-apidb");
        fresh = backend.create(tempDir);
        try (Database database = fresh.open()) {
            new SchemaMigrator(database).migrate();
        }
        server = new ApiServerExtension(extraConfig()).onDatabase(fresh.connection());
        server.start();
        api = new ApiCalls(server);
    }

    /** Configuration added to the test server's, as {@link ApiServerExtension#ApiServerExtension(String)} takes it. */
    protected String extraConfig() {
        return "";
    }

    @BeforeEach
    final void requireBackend() {
        backend.assumeAvailable();
    }

    @AfterParameterizedClassInvocation
    final void stopServer() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
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
