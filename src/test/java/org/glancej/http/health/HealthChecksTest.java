package org.glancej.http.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.glancej.http.health.HealthChecks.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class HealthChecksTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreUpstreamsStockPasteFilter() {
        HealthcheckConfig config = HealthcheckConfig.from(ConfigFile.empty());

        assertThat(config.path()).isEqualTo("/healthcheck");
        assertThat(config.backends()).containsExactly("disable_by_file");
        assertThat(config.disableByFilePath()).contains(Path.of("/etc/glance/healthcheck_disable"));
    }

    @Test
    void theDisableFileIsLookedForOnEveryCall() throws Exception {
        Path file = dir.resolve("disable");
        HealthChecks checks = new HealthChecks(HealthcheckConfig.from(ConfigFile.parse(
                "[healthcheck]\ndisable_by_file_path = " + file + "\n")));

        assertThat(checks.run(9292)).containsExactly(new Result(true, "OK"));
        Files.createFile(file);
        assertThat(checks.run(9292)).containsExactly(new Result(false, "DISABLED BY FILE"));
        assertThat(HealthChecks.healthy(checks.run(9292))).isFalse();
        Files.delete(file);
        assertThat(HealthChecks.healthy(checks.run(9292))).isTrue();
    }

    @Test
    void filesPerPortDisableOnlyTheirPort() throws Exception {
        Path file = dir.resolve("disable-9292");
        Files.createFile(file);
        HealthChecks checks = new HealthChecks(HealthcheckConfig.from(ConfigFile.parse("""
                [healthcheck]
                backends = disable_by_file, disable_by_files_ports
                disable_by_file_path = %s/absent
                disable_by_file_paths = 9292:%s, 9393:%s/absent
                """.formatted(dir, file, dir))));

        assertThat(checks.run(9292)).containsExactly(new Result(true, "OK"), new Result(false, "DISABLED BY FILE"));
        assertThat(checks.run(9393)).containsExactly(new Result(true, "OK"), new Result(true, "OK"));
        assertThat(checks.run(80)).containsExactly(new Result(true, "OK"), new Result(true, "OK"));
    }

    @Test
    void noBackendsIsHealthyWithNoReasons() {
        HealthChecks checks = new HealthChecks(HealthcheckConfig.from(ConfigFile.parse("[healthcheck]\nbackends =\n")));

        assertThat(checks.run(9292)).isEmpty();
        assertThat(HealthChecks.healthy(checks.run(9292))).isTrue();
    }

    @Test
    void detailedModeIsNotImplementedAndSaysSoWhenSet() {
        Logger logger = (Logger) LoggerFactory.getLogger(HealthcheckConfig.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            HealthcheckConfig.from(ConfigFile.parse("[healthcheck]\ndetailed = false\n"));
            assertThat(logs.list).isEmpty();
            HealthcheckConfig.from(ConfigFile.parse("[healthcheck]\ndetailed = true\n"));
            assertThat(logs.list).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains("[healthcheck] detailed", "not implemented");
            });
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void badValuesStopStartupNamingTheOption() {
        assertThatThrownBy(() -> HealthcheckConfig.from(ConfigFile.parse("[healthcheck]\nbackends = disable_by_fiel\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("backends");
        assertThatThrownBy(() -> HealthcheckConfig.from(ConfigFile.parse(
                "[healthcheck]\ndisable_by_file_paths = /no/port\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("disable_by_file_paths");
    }
}
