package org.glancej.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    @Test
    void databaseServersKeepASmallDefaultPool() {
        DatabaseConfig config = DatabaseConfig.from(
                ConfigFile.parse("[database]\nconnection = mysql+pymysql://glance:pw@db/glance\n"));

        assertThat(config.maxPoolSize()).isEqualTo(10);
    }

    @Test
    void withoutConnectionTheEmbeddedSqliteFileUnderDataIsUsed() {
        DatabaseConfig config = DatabaseConfig.from(ConfigFile.empty());

        assertThat(config.url().dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(config.url().sqliteFile()).contains(Path.of("data/glance.sqlite").toAbsolutePath());
        assertThat(config.maxPoolSize()).isEqualTo(64);
        assertThat(config.poolTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.connectionRecycleTime()).isEqualTo(Duration.ofHours(1));
        assertThat(config.mysqlSqlMode()).isEqualTo("TRADITIONAL");
    }

    @Test
    void osloDbOptionNamesAreRead() {
        DatabaseConfig config = DatabaseConfig.from(ConfigFile.parse("""
                [database]
                connection = mysql+pymysql://glance:pw@controller/glance
                max_pool_size = 3
                pool_timeout = 12
                connection_recycle_time = 600
                mysql_sql_mode = ANSI
                """));

        assertThat(config.url().jdbcUrl()).isEqualTo("jdbc:mariadb://controller/glance");
        assertThat(config.maxPoolSize()).isEqualTo(3);
        assertThat(config.poolTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(config.connectionRecycleTime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.mysqlSqlMode()).isEqualTo("ANSI");
    }

    @Test
    void deprecatedSpellingOfConnectionIsStillRead() {
        DatabaseConfig config = DatabaseConfig.from(ConfigFile.parse("""
                [DEFAULT]
                sql_connection = postgresql://glance:pw@db/glance
                """));

        assertThat(config.url().dialect()).isEqualTo(Dialect.POSTGRESQL);
    }

    @Test
    void badValuesAreConfigErrorsAndThePasswordStaysHidden() {
        assertThatThrownBy(() -> DatabaseConfig.from(ConfigFile.parse("[database]\nconnection = db2://u:hunter2@h/x\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseConfig.from(ConfigFile.parse("[database]\nmax_pool_size = 0\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("max_pool_size");
        assertThat(DatabaseConfig.forConnection("mysql://u:hunter2@h/x").toString()).doesNotContain("hunter2");
    }
}
