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
import org.glancej.config.ImportConfigFile;
import org.glancej.config.OptionAudit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** glance-image-import.conf found beside glance-api.conf, as upstream finds it, and checked at startup. */
class ImportPluginsStartupTest {
    private static Path apiConf(Path dir) throws Exception {
        return Files.writeString(dir.resolve("glance-api.conf"), """
                [DEFAULT]
                bind_host = 127.0.0.1
                bind_port = 0
                [database]
                connection = sqlite:///%1$s/glance.sqlite
                [glance_store]
                filesystem_store_datadir = %1$s/images
                """.formatted(dir));
    }

    @Test
    void anUnknownPluginStopsGlanceApiNamingIt(@TempDir Path dir) throws Exception {
        Path api = apiConf(dir);
        Files.writeString(dir.resolve("glance-image-import.conf"), """
                [image_import_opts]
                image_import_plugins = ['no_op', 'fred_mertz']
                """);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new GlanceApiMain()).execute("--config-file", api.toString());
        } finally {
            System.setErr(original);
        }

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("glance-api:")))
                .containsExactly("glance-api: [image_import_opts] image_import_plugins names unknown import plugin"
                        + " fred_mertz (available: image_conversion, image_decompression, inject_image_metadata,"
                        + " no_op)");
        assertThat(Files.exists(dir.resolve("glance.sqlite"))).as("stopped before opening the database").isFalse();
    }

    @Test
    void configuredPluginsAreReadWithoutAuditWarningsAndLoggedInOrder(@TempDir Path dir) throws Exception {
        Path api = apiConf(dir);
        Files.writeString(dir.resolve("glance-image-import.conf"), """
                [image_import_opts]
                image_import_plugins = ['image_decompression', 'inject_image_metadata', 'image_conversion']
                [image_conversion]
                output_format = raw
                [inject_metadata_properties]
                ignore_user_roles = admin
                inject = hw_machine_type:q35
                """);
        ConfigFile conf = ConfigFile.load(ImportConfigFile.withImportConfig(List.of(api)));

        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Logger audit = (Logger) LoggerFactory.getLogger(OptionAudit.class);
        Logger app = (Logger) LoggerFactory.getLogger(GlanceApplication.class);
        Level auditLevel = audit.getLevel();
        Level appLevel = app.getLevel();
        audit.setLevel(Level.INFO);
        app.setLevel(Level.INFO);
        audit.addAppender(events);
        app.addAppender(events);
        try {
            GlanceApplication.start(conf).close();
        } finally {
            audit.detachAppender(events);
            app.detachAppender(events);
            audit.setLevel(auditLevel);
            app.setLevel(appLevel);
        }

        List<String> messages = events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages).contains("import plugins, in order: image_decompression, inject_image_metadata,"
                + " image_conversion");
        assertThat(events.list.stream().filter(e -> e.getLoggerName().equals(OptionAudit.class.getName())))
                .as("audit findings").isEmpty();
    }
}
