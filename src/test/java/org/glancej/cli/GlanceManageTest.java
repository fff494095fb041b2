package org.glancej.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.glancej.db.testing.FreshDatabase;
import org.glancej.db.testing.TestBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** glance-manage end to end on each database, output compared with what upstream prints. */
@ParameterizedClass(name = "[{0}]")
@MethodSource("org.glancej.db.testing.TestBackend#all")
class GlanceManageTest {
    private static final String LEGACY_MESSAGE = "Database is either not under migration control or under legacy"
            + " migration control, please run \"glance-manage db sync\" to place the database under alembic"
            + " migration control.\n";

    @Parameter
    TestBackend backend;

    @TempDir
    Path tempDir;

    private Path configFile;
    private FreshDatabase fresh;

    record Result(int status, String out, String err) {}

    @BeforeEach
    void writeConfig() throws Exception {
        fresh = backend.create(tempDir);
        configFile = tempDir.resolve("glance-api.conf");
        Files.writeString(configFile, "[DEFAULT]\nbind_port = 9292\n\n[database]\nconnection = " + fresh.connection() + "\n");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (fresh != null) {
            fresh.close();
        }
    }

    @Test
    void dbSyncCreatesTheSchemaThenReportsItUpToDate() {
        assertThat(manage("db", "version")).isEqualTo(new Result(0, LEGACY_MESSAGE, ""));

        assertThat(manage("db_sync")).isEqualTo(new Result(0,
                "Upgraded database to: wallaby_contract01, current revision(s): wallaby_contract01\n"
                        + "Database is synced successfully.\n", ""));
        assertThat(manage("db", "sync")).isEqualTo(new Result(0, "Database is up to date. No migrations needed.\n", ""));
        assertThat(manage("db_sync")).isEqualTo(new Result(0, "Database is up to date. No migrations needed.\n", ""));

        assertThat(manage("db", "version")).isEqualTo(new Result(0, "wallaby_contract01\n", ""));
        assertThat(manage("db_version")).isEqualTo(new Result(0, "wallaby_contract01\n", ""));
    }

    @Test
    void dbUpgradeReportsTheRevisionEvenWhenNothingChanged() {
        Result expected = new Result(0, "Upgraded database, current revision(s): wallaby_contract01\n", "");
        assertThat(manage("db", "upgrade")).isEqualTo(expected);
        assertThat(manage("db", "upgrade")).isEqualTo(expected);
        assertThat(manage("db_upgrade")).isEqualTo(expected);
        assertThat(manage("db", "upgrade", "--version", "wallaby_contract01")).isEqualTo(new Result(0,
                "Upgraded database to: wallaby_contract01, current revision(s): wallaby_contract01\n", ""));
    }

    @Test
    void rollingUpgradeStepsGiveUpstreamsAnswersAndExitStatuses() {
        String upToDate = "Database is up to date. No migrations needed.\n";
        assertThat(manage("db", "check")).isEqualTo(new Result(3,
                "Your database is not up to date. Your first step is to run `glance-manage db expand`.\n", ""));
        assertThat(manage("db", "migrate")).isEqualTo(new Result(1, "", "Data migration did not run. Data migration"
                + " cannot be run before database expansion. Run database expansion first using \"glance-manage db"
                + " expand\"\n"));
        assertThat(manage("db_contract")).isEqualTo(new Result(1, "", "Database contraction did not run. Database"
                + " contraction cannot be run before database expansion. Run database expansion first using"
                + " \"glance-manage db expand\"\n"));
        assertThat(manage("db", "version")).isEqualTo(new Result(0, LEGACY_MESSAGE, ""));

        assertThat(manage("db", "expand")).isEqualTo(new Result(0,
                "Upgraded database to: wallaby_contract01, current revision(s): wallaby_contract01\n", ""));

        assertThat(manage("db", "migrate")).isEqualTo(new Result(0, upToDate, ""));
        assertThat(manage("db", "contract")).isEqualTo(new Result(0, upToDate, ""));
        assertThat(manage("db_expand")).isEqualTo(new Result(0, upToDate, ""));
        assertThat(manage("db_migrate")).isEqualTo(new Result(0, upToDate, ""));
        assertThat(manage("db", "check")).isEqualTo(new Result(0, "Database is up to date. No upgrades needed.\n", ""));
        assertThat(manage("db_check")).isEqualTo(new Result(0, "Database is up to date. No upgrades needed.\n", ""));
        assertThat(manage("db", "version")).isEqualTo(new Result(0, "wallaby_contract01\n", ""));
    }

    @Test
    void checkOfASchemaNoStepUpgradesIsAnError() throws Exception {
        manage("db_sync");
        try (Connection c = fresh.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE alembic_version SET version_num = 'train_contract01'");
        }

        Result result = manage("db", "check");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).startsWith("ERROR: the database schema is at upstream Glance revision train_contract01");
        assertThat(manage("db", "expand").status()).isEqualTo(1);
    }

    @Test
    void upgradeToAnythingButTheHeadIsRefused() {
        Result result = manage("db", "upgrade", "--version", "rocky_contract02");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).startsWith("ERROR: cannot upgrade to revision rocky_contract02");
    }

    @Test
    void olderRevisionIsAnErrorWithAdvice() throws Exception {
        manage("db_sync");
        try (Connection c = fresh.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE alembic_version SET version_num = 'train_contract01'");
        }

        Result result = manage("db", "sync");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("ERROR: cannot migrate: the database schema is at upstream Glance"
                + " revision train_contract01, older than wallaby_contract01");
        assertThat(manage("db", "version")).isEqualTo(new Result(0, "train_contract01\n", ""));
    }

    @Test
    void configFileOptionMayFollowTheCommand() {
        Result result = GlanceManageMainRunner.run(tempDir, "db", "sync", "--config-file", configFile.toString());

        assertThat(result.status()).isZero();
        assertThat(result.out()).endsWith("Database is synced successfully.\n");
    }

    private Result manage(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config-file";
        all[1] = configFile.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return GlanceManageMainRunner.run(tempDir, all);
    }

    /** Runs the CLI in-process with no default config files visible. */
    static final class GlanceManageMainRunner {
        static Result run(Path emptyDir, String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = GlanceManageMain.run(args, new ConfigFiles(emptyDir.resolve("home"), emptyDir.resolve("etc")),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
