package org.glancej.db.testing;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.glancej.db.Dialect;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * One database server the database tests run on. SQLite is always there; MariaDB and PostgreSQL when
 * {@code GLANCE_TEST_MYSQL_URL} / {@code GLANCE_TEST_POSTGRESQL_URL} (or the system properties
 * {@code glance.test.mysql.url} / {@code glance.test.postgresql.url}) name a database whose user may create
 * databases, as {@code scripts/test-databases.sh start} prints. With {@code GLANCE_TEST_REQUIRE_EXTERNAL_DBS=1}
 * a missing server fails the tests instead of skipping them.
 */
public record TestBackend(Dialect dialect, Optional<String> adminConnection) {

    public TestBackend {
        requireNonNull(dialect, "dialect is null");
        requireNonNull(adminConnection, "adminConnection is null");
    }

    /** All three backends, configured or not, so unconfigured ones show up as skipped. */
    public static Stream<TestBackend> all() {
        return Stream.of(
                new TestBackend(Dialect.SQLITE, Optional.of("sqlite://")),
                new TestBackend(Dialect.MYSQL, setting("glance.test.mysql.url", "GLANCE_TEST_MYSQL_URL")),
                new TestBackend(Dialect.POSTGRESQL, setting("glance.test.postgresql.url", "GLANCE_TEST_POSTGRESQL_URL")));
    }

    public static Stream<TestBackend> sqlite() {
        return all().filter(b -> b.dialect() == Dialect.SQLITE);
    }

    /** Skips the calling test (or fails it, when external databases are required) if this backend is absent. */
    public void assumeAvailable() {
        if (adminConnection.isPresent()) {
            return;
        }
        String message = dialect + " is not configured: run scripts/test-databases.sh start and export what it prints";
        if (externalRequired()) {
            Assertions.fail(message + " (GLANCE_TEST_REQUIRE_EXTERNAL_DBS is set)");
        }
        Assumptions.abort(message);
    }

    /** A new empty database: a file under {@code tempDir} for SQLite, a new database on the server otherwise. */
    public FreshDatabase create(Path tempDir) {
        assumeAvailable();
        return FreshDatabase.create(this, tempDir);
    }

    @Override
    public String toString() {
        return dialect.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean externalRequired() {
        String value = setting("glance.test.require.external.dbs", "GLANCE_TEST_REQUIRE_EXTERNAL_DBS").orElse("");
        return value.equals("1") || value.equalsIgnoreCase("true");
    }

    private static Optional<String> setting(String property, String env) {
        return Optional.ofNullable(System.getProperty(property))
                .or(() -> Optional.ofNullable(System.getenv(env)))
                .map(String::strip)
                .filter(s -> !s.isEmpty());
    }
}
