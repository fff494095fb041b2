package org.glancej.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.glancej.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {
    private static final Path CWD = Path.of("/srv/glance");

    private static DatabaseUrl parse(String url) {
        return DatabaseUrl.parse(url, CWD);
    }

    @Test
    void relativeSqlitePathResolvesAgainstWorkingDirectory() {
        DatabaseUrl url = parse("sqlite:///data/glance.sqlite");

        assertThat(url.dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:/srv/glance/data/glance.sqlite");
        assertThat(url.sqliteFile()).contains(Path.of("/srv/glance/data/glance.sqlite"));
        assertThat(url.user()).isNull();
        assertThat(url.inMemory()).isFalse();
    }

    @Test
    void fourSlashesMeanAnAbsoluteSqlitePath() {
        assertThat(parse("sqlite:////var/lib/glance/glance.sqlite").sqliteFile())
                .contains(Path.of("/var/lib/glance/glance.sqlite"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite://", "sqlite:///:memory:", "sqlite+pysqlite://"})
    void sqliteWithoutPathIsInMemory(String connection) {
        DatabaseUrl url = parse(connection);

        assertThat(url.inMemory()).isTrue();
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite::memory:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql+pymysql", "mysql", "mysql+mysqldb", "mariadb+pymysql", "mariadb"})
    void mysqlFlavoursUseTheMariaDbDriver(String scheme) {
        DatabaseUrl url = parse(scheme + "://glance:GLANCE_DBPASS@controller/glance?charset=utf8");

        assertThat(url.dialect()).isEqualTo(Dialect.MYSQL);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:mariadb://controller/glance");
        assertThat(url.user()).isEqualTo("glance");
        assertThat(url.password()).isEqualTo("GLANCE_DBPASS");
        assertThat(url.sqliteFile()).isEmpty();
    }

    @Test
    void mysqlPortAndUnixSocket() {
        assertThat(parse("mysql+pymysql://u:p@127.0.0.1:13306/glance").jdbcUrl())
                .isEqualTo("jdbc:mariadb://127.0.0.1:13306/glance");
        assertThat(parse("mysql+pymysql://u:p@localhost/glance?unix_socket=/run/mysqld/mysqld.sock&charset=utf8").jdbcUrl())
                .isEqualTo("jdbc:mariadb://localhost/glance?localSocket=/run/mysqld/mysqld.sock");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "postgresql+psycopg2", "postgres"})
    void postgresqlFlavours(String scheme) {
        DatabaseUrl url = parse(scheme + "://glance:secret@db.example.org:5433/glance");

        assertThat(url.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:5433/glance?stringtype=unspecified");
        assertThat(url.user()).isEqualTo("glance");
        assertThat(url.password()).isEqualTo("secret");
    }

    @Test
    void postgresqlSslOptionsCarryOverAndIpv6HostsKeepTheirBrackets() {
        assertThat(parse("postgresql://u:p@[::1]:5432/glance?sslmode=require").jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:5432/glance?stringtype=unspecified&sslmode=require");
    }

    @Test
    void userAndPasswordArePercentDecodedButPlusStaysAPlus() {
        DatabaseUrl url = parse("mysql+pymysql://gl%40nce:p%40ss%2Fw%3Ard+x@h/glance");

        assertThat(url.user()).isEqualTo("gl@nce");
        assertThat(url.password()).isEqualTo("p@ss/w:rd+x");
    }

    @Test
    void emptyPasswordAndMissingPasswordDiffer() {
        assertThat(parse("mysql://u:@h/d").password()).isEmpty();
        assertThat(parse("mysql://u@h/d").password()).isNull();
        assertThat(parse("mysql://h/d").user()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "glance", "/var/lib/glance/glance.sqlite", "oracle://u:p@h/db", "mysql+pymysql://u:p@h",
        "mysql+pymysql://u:p@h:notaport/glance", "mysql+pymysql://u:p@h:0/glance", "sqlite://somehost/x.db",
        "postgresql:///glance?host=/var/run/postgresql", "mysql://u:p%zz@h/glance", "mysql://u:p@h/gl ance"})
    void badUrlsNameTheOption(String connection) {
        assertThatThrownBy(() -> parse(connection))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid value for [database] connection");
    }

    @Test
    void errorsAndToStringNeverShowThePassword() {
        assertThatThrownBy(() -> parse("mysql+pymysql://glance:Sup3rS3cret@h:99999/glance"))
                .hasMessageNotContaining("Sup3rS3cret")
                .hasMessageContaining("mysql+pymysql://glance:***@h:99999/glance");
        assertThat(parse("mysql+pymysql://glance:Sup3rS3cret@h/glance").toString()).doesNotContain("Sup3rS3cret");
        assertThat(DatabaseUrl.redact("mysql://u:p@ss@word@h/db")).isEqualTo("mysql://u:***@h/db");
        assertThat(DatabaseUrl.redact("sqlite:///x.db")).isEqualTo("sqlite:///x.db");
    }

    @Test
    void sqliteFileIsEmptyForServers() {
        assertThat(parse("postgresql://u:p@h/glance").sqliteFile()).isEqualTo(Optional.empty());
    }
}
