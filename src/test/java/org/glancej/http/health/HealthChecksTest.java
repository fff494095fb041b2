package org.glancej.http.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.glancej.http.health.HealthChecks.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void badValuesStopStartupNamingTheOption() {
        assertThatThrownBy(() -> HealthcheckConfig.from(ConfigFile.parse("[healthcheck]\nbackends = disable_by_fiel\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("backends");
        assertThatThrownBy(() -> HealthcheckConfig.from(ConfigFile.parse(
                "[healthcheck]\ndisable_by_file_paths = /no/port\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("disable_by_file_paths");
    }
}
