package org.glancej.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glancej.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlanceManageCommandLineTest {
    @TempDir
    Path tempDir;

    @Test
    void withoutArgumentsItPrintsUpstreamsUsageAndExitsTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = GlanceManageMain.run(new String[0], search(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("glance-manage category action [<args>]\n");
    }

    @Test
    void unknownActionIsAUsageError() {
        assertThat(GlanceManageMain.run(new String[] {"db", "frobnicate"}, search(), quiet(), quiet())).isEqualTo(2);
    }

    @Test
    void badConnectionIsReportedOnOneLineWithoutThePassword() throws Exception {
        Path conf = Files.writeString(tempDir.resolve("bad.conf"), "[database]\nconnection = mysql://glance:hunter2@db:0/glance\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = GlanceManageMain.run(new String[] {"--config-file", conf.toString(), "db_sync"}, search(), quiet(),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("ERROR: invalid value for [database] connection = mysql://glance:***@db:0/glance: bad port '0'\n");
    }

    @Test
    void databaseOptionsWithoutEffectAreReportedAndGlanceApisAreLeftToIt() throws Exception {
        Path conf = Files.writeString(tempDir.resolve("glance.conf"), """
                [DEFAULT]
                debug = true
                delayed_delete = true
                [database]
                connection = sqlite:///%s/glance.sqlite
                max_overflow = 50
                conection_recycle_time = 60
                """.formatted(tempDir));
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.glancej.config.OptionAudit.class);
        var events = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        events.start();
        logger.addAppender(events);
        int status;
        try {
            status = GlanceManageMain.run(new String[] {"--config-file", conf.toString(), "db_sync"}, search(), quiet(),
                    quiet());
        } finally {
            logger.detachAppender(events);
        }

        assertThat(status).isZero();
        assertThat(events.list).extracting(e -> e.getFormattedMessage()).containsExactlyInAnyOrder(
                "[database] max_overflow: set but without effect in this service (options of oslo.db, which it does"
                        + " not use)",
                "[database] conection_recycle_time: unknown option, neither upstream Glance nor this service has it;"
                        + " ignored");
    }

    @Test
    void defaultsFollowOsloSearchOrderAndLaterFilesWin() throws Exception {
        Path home = Files.createDirectories(tempDir.resolve("home"));
        Path etc = Files.createDirectories(tempDir.resolve("etc"));
        Path userApi = Files.writeString(Files.createDirectories(home.resolve(".glance")).resolve("glance-api.conf"), "");
        Files.writeString(Files.createDirectories(etc.resolve("glance")).resolve("glance-api.conf"), "");
        Path manage = Files.writeString(etc.resolve("glance").resolve("glance-manage.conf"), "");
        Path common = Files.writeString(etc.resolve("glance.conf"), "");

        assertThat(new ConfigFiles(home, etc).resolve(List.of(), List.of()))
                .containsExactly(common, userApi, common, manage);
    }

    @Test
    void explicitFilesReplaceTheDefaultsAndDirectoriesAddTheirConfFiles() throws Exception {
        Path file = Files.writeString(tempDir.resolve("a.conf"), "");
        Path dir = Files.createDirectories(tempDir.resolve("conf.d"));
        Path second = Files.writeString(dir.resolve("20-db.conf"), "");
        Path first = Files.writeString(dir.resolve("10-base.conf"), "");
        Files.writeString(dir.resolve("README"), "");

        assertThat(search().resolve(List.of(file), List.of(dir))).containsExactly(file, first, second);
        assertThatThrownBy(() -> search().resolve(List.of(tempDir.resolve("missing.conf")), List.of()))
                .isInstanceOf(ConfigException.class);
    }

    private ConfigFiles search() {
        return new ConfigFiles(tempDir.resolve("nohome"), tempDir.resolve("noetc"));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
