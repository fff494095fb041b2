package org.glancej.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.glancej.db.Database;
import org.glancej.db.SchemaMigrator;
import org.glancej.db.testing.FreshDatabase;
import org.glancej.db.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream's own glance-manage, where installed (Debian's glance-common), must take a database we created
 * for one it made itself. Skipped on machines without it.
 */
@ParameterizedClass(name = "[{0}]")
@MethodSource("org.glancej.db.testing.TestBackend#all")
class UpstreamToolsTest {
    private static final Path UPSTREAM = Path.of("/usr/bin/glance-manage");

    @Parameter
    TestBackend backend;

    @TempDir
    Path tempDir;

    @Test
    void upstreamGlanceManageSeesOurSchemaAsCurrent() throws Exception {
        assumeTrue(Files.isExecutable(UPSTREAM), "upstream glance-manage is not installed");
        try (FreshDatabase fresh = backend.create(tempDir)) {
            try (Database database = fresh.open()) {
                new SchemaMigrator(database).migrate();
            }
            Path conf = Files.writeString(tempDir.resolve("upstream.conf"),
                    "[database]\nconnection = " + fresh.connection() + "\n");

            assertThat(upstream(conf, "db", "version")).isEqualTo("wallaby_contract01\n");
            assertThat(upstream(conf, "db_sync")).isEqualTo("Database is up to date. No migrations needed.\n");
        }
    }

    private String upstream(Path conf, String... args) throws Exception {
        String[] command = new String[args.length + 3];
        command[0] = UPSTREAM.toString();
        command[1] = "--config-file";
        command[2] = conf.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("exit status of glance-manage %s", String.join(" ", args)).isZero();
        return out;
    }
}
