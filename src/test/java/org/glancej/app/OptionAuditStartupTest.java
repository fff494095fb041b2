package org.glancej.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glancej.config.ConfigFile;
import org.glancej.config.OptionAudit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Starting the service on Debian's packaged glance-api.conf, layered with an operator's file. */
class OptionAuditStartupTest {

    static Path debianSample() throws Exception {
        return Path.of(OptionAuditStartupTest.class.getResource("/config/debian-glance-api.conf").toURI());
    }

    @Test
    void startupOnDebiansSampleWarnsAboutEachOptionWithoutEffect(@TempDir Path dir) throws Exception {
        Path operator = Files.writeString(dir.resolve("glance-api.conf"), """
                [DEFAULT]
                bind_host = 127.0.0.1
                bind_port = 0
                location_strategy = store_type
                debug = true
                bind_prot = 9293
                [database]
                connection = sqlite:///%1$s/glance.sqlite
                [glance_store]
                filesystem_store_datadir = %1$s/images
                swift_store_user = glance
                [oslo_messaging_rabbit]
                rabbit_ha_queues = true
                """.formatted(dir));
        ConfigFile conf = ConfigFile.load(List.of(debianSample(), operator));

        Logger logger = (Logger) LoggerFactory.getLogger(OptionAudit.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(events);
        try {
            GlanceApplication.start(conf).close();
        } finally {
            logger.detachAppender(events);
            logger.setLevel(level);
        }

        assertThat(messages(events, Level.WARN)).containsExactlyInAnyOrder(
                "[DEFAULT] location_strategy is set but has no effect in this service (not implemented)",
                "[DEFAULT] debug: set but without effect in this service (options of oslo.log, which it does not use)",
                "[DEFAULT] bind_prot: unknown option, neither upstream Glance nor this service has it; ignored",
                "[keystone_authtoken] region_name: set but without effect in this service (options of"
                        + " keystonemiddleware.auth_token, which it does not use)",
                "[oslo_concurrency] lock_path: set but without effect in this service (options of oslo.concurrency,"
                        + " which it does not use)",
                "[oslo_messaging_rabbit] rabbit_ha_queues: set but without effect in this service (options of"
                        + " oslo.messaging, which it does not use)");
        assertThat(messages(events, Level.INFO)).containsExactly(
                "[glance_store] swift_store_user: ignored, as upstream does (options of [swift] stores, which this"
                        + " section does not configure)");
    }

    @Test
    void aRefusedOptionStopsGlanceApiWithOneLineOnStderr(@TempDir Path dir) throws Exception {
        Path operator = Files.writeString(dir.resolve("glance-api.conf"), """
                [DEFAULT]
                bind_host = 127.0.0.1
                bind_port = 0
                delayed_delete = true
                [database]
                connection = sqlite:///%1$s/glance.sqlite
                [glance_store]
                filesystem_store_datadir = %1$s/images
                """.formatted(dir));

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new GlanceApiMain()).execute(
                    "--config-file", debianSample().toString(), "--config-file", operator.toString());
        } finally {
            System.setErr(original);
        }

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("glance-api:")))
                .containsExactly("glance-api: refusing to start: [DEFAULT] delayed_delete is set, which this service"
                        + " does not implement: delayed deletion (pending_delete, glance-scrubber) is not available;"
                        + " deleted images' data would be removed at once instead of kept");
        assertThat(Files.exists(dir.resolve("glance.sqlite"))).as("stopped before opening the database").isFalse();
    }

    private static List<String> messages(ListAppender<ILoggingEvent> events, Level level) {
        return events.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
