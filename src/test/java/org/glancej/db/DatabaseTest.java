package org.glancej.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.glancej.db.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path tempDir;

    @Test
    void sqliteFileGetsItsDirectoryWalBusyTimeoutAndForeignKeys() {
        Path file = tempDir.resolve("nested/dir/glance.sqlite");
        try (Database database = Database.open(DatabaseConfig.forConnection("sqlite:///" + file))) {
            assertThat(database.dialect()).isEqualTo(Dialect.SQLITE);
            assertThat(pragma(database, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(database, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(database, "busy_timeout")).isEqualTo("30000");
        }
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void inMemorySqliteIsOneDatabaseForTheLifeOfThePool() {
        try (Database database = Database.open(DatabaseConfig.forConnection("sqlite://"))) {
            assertThat(new SchemaMigrator(database).migrate()).isTrue();
            assertThat(new SchemaMigrator(database).state().kind()).isEqualTo(SchemaState.Kind.CURRENT);
        }
    }

    @Test
    void unreachableServerFailsFastWithoutShowingThePassword() {
        DatabaseConfig base = DatabaseConfig.forConnection("mysql+pymysql://glance:Sup3rS3cret@127.0.0.1:1/glance");
        DatabaseConfig config = new DatabaseConfig(base.url(), 2, Duration.ofSeconds(2), Duration.ofHours(1), "TRADITIONAL");

        assertThatThrownBy(() -> Database.open(config))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("cannot connect to the database jdbc:mariadb://127.0.0.1:1/glance")
                .hasMessageNotContaining("Sup3rS3cret");
    }

    @Test
    void mysqlSessionsUseUpstreamsTraditionalSqlMode() {
        String url = mysqlUrl();
        try (Database database = Database.open(DatabaseConfig.forConnection(url))) {
            assertThat(query(database, "SELECT @@SESSION.sql_mode")).contains("STRICT_TRANS_TABLES", "STRICT_ALL_TABLES");
        }
    }

    @Test
    void mysqlOverUnixSocket() {
        String url = mysqlUrl();
        String socket = System.getenv("GLANCE_TEST_MYSQL_SOCKET");
        assumeTrue(socket != null, "GLANCE_TEST_MYSQL_SOCKET not set");
        // same credentials and database, but localhost and the socket instead of host:port
        String viaSocket = url.replaceFirst("@[^/]+/", "@localhost/").replaceFirst("\\?.*$", "") + "?unix_socket=" + socket;
        try (Database database = Database.open(DatabaseConfig.forConnection(viaSocket))) {
            assertThat(query(database, "SELECT @@socket")).isEqualTo(socket);
        }
    }

    private static String mysqlUrl() {
        TestBackend mysql = TestBackend.all().filter(b -> b.dialect() == Dialect.MYSQL).findFirst().orElseThrow();
        mysql.assumeAvailable();
        return mysql.adminConnection().orElseThrow();
    }

    private static String pragma(Database database, String name) {
        return query(database, "PRAGMA " + name);
    }

    private static String query(Database database, String sql) {
        return database.withConnection(connection -> single(connection, sql));
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
