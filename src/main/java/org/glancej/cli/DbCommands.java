package org.glancej.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.glancej.db.AlembicRevisions;
import org.glancej.db.Database;
import org.glancej.db.DatabaseConfig;
import org.glancej.db.SchemaMigrator;
import org.glancej.db.SchemaState;
import org.glancej.db.SoftDeletedRows;

/** The {@code db} actions, printing what upstream's glance-manage prints so scripts that read it keep working. */
final class DbCommands {
    private final Supplier<DatabaseConfig> config;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    DbCommands(Supplier<DatabaseConfig> config, PrintStream out, PrintStream err, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** {@code db sync}: upstream runs expand, migrate and contract; we create the head schema in one step. */
    int sync() {
        try (Database database = open()) {
            if (new SchemaMigrator(database).migrate()) {
                out.println("Upgraded database to: " + AlembicRevisions.HEAD + ", current revision(s): " + AlembicRevisions.HEAD);
                out.println("Database is synced successfully.");
            } else {
                out.println("Database is up to date. No migrations needed.");
            }
            return 0;
        }
    }

    /** {@code db upgrade [--version V]}: only the head (alembic's "heads") can be a target. */
    int upgrade(String version) {
        boolean heads = version == null || version.equals("heads") || version.equals("head");
        if (!heads && !version.equals(AlembicRevisions.HEAD)) {
            throw new IllegalArgumentException("cannot upgrade to revision " + version + ": only "
                    + AlembicRevisions.HEAD + " (heads) is supported");
        }
        try (Database database = open()) {
            SchemaMigrator migrator = new SchemaMigrator(database);
            migrator.migrate();
            String current = String.join(", ", migrator.state().revisions());
            out.println(heads
                    ? "Upgraded database, current revision(s): " + current
                    : "Upgraded database to: " + version + ", current revision(s): " + current);
            return 0;
        }
    }

    /** {@code db version}: the revision(s) in alembic_version, one per line. */
    int version() {
        try (Database database = open()) {
            SchemaState state = new SchemaMigrator(database).state();
            if (state.revisions().isEmpty()) {
                out.println("Database is either not under migration control or under legacy migration control,"
                        + " please run \"glance-manage db sync\" to place the database under alembic migration control.");
            } else {
                state.revisions().forEach(out::println);
            }
            return 0;
        }
    }

    /**
     * {@code db expand}, the first step of upstream's rolling upgrade. This service's schema comes in one step, so
     * an empty database gets the whole head schema here and {@code migrate} and {@code contract} then have nothing
     * left to do; at the head, as upstream, nothing to do (our list indexes are still added, as by sync). Other
     * states are refused as by sync.
     */
    int expand() {
        try (Database database = open()) {
            boolean created = new SchemaMigrator(database).migrate();
            out.println(created
                    ? "Upgraded database to: " + AlembicRevisions.HEAD + ", current revision(s): " + AlembicRevisions.HEAD
                    : "Database is up to date. No migrations needed.");
            return 0;
        }
    }

    /** {@code db migrate}: upstream's answers, at the head or before its expansion. */
    int migrateData() {
        return afterExpansion("Data migration did not run. Data migration cannot be run before database expansion."
                + " Run database expansion first using \"glance-manage db expand\"");
    }

    /** {@code db contract}: upstream's answers, at the head or before its expansion. */
    int contract() {
        return afterExpansion("Database contraction did not run. Database contraction cannot be run before"
                + " database expansion. Run database expansion first using \"glance-manage db expand\"");
    }

    private int afterExpansion(String notExpanded) {
        try (Database database = open()) {
            if (new SchemaMigrator(database).state().kind() == SchemaState.Kind.CURRENT) {
                out.println("Database is up to date. No migrations needed.");
                return 0;
            }
            err.println(notExpanded);
            return 1;
        }
    }

    /** {@code db check}: upstream's exit statuses (0 up to date, 3 expand needed); a state no step fixes is 1. */
    int check() {
        try (Database database = open()) {
            SchemaState state = new SchemaMigrator(database).state();
            switch (state.kind()) {
                case CURRENT -> {
                    out.println("Database is up to date. No upgrades needed.");
                    return 0;
                }
                case EMPTY -> {
                    out.println("Your database is not up to date. Your first step is to run `glance-manage db expand`.");
                    return 3;
                }
                default -> {
                    err.println("ERROR: " + state.describe());
                    return 1;
                }
            }
        }
    }

    /**
     * {@code db purge} and {@code db purge_images_table}: upstream's checks and messages for the arguments, then
     * one line per table purged (upstream logs the same lines).
     */
    int purge(long ageInDays, long maxRows, boolean imagesOnly) {
        Instant now = clock.instant();
        String refused = purgeArgumentsRefused(ageInDays, maxRows, now);
        if (refused != null) {
            err.println(refused);
            return 1;
        }
        Instant before = now.minus(Duration.ofDays(ageInDays));
        try (Database database = open()) {
            SoftDeletedRows rows = new SoftDeletedRows(database);
            List<SoftDeletedRows.Purged> purged = imagesOnly ? List.of(rows.purgeImages(before, (int) maxRows))
                    : rows.purge(before, (int) maxRows);
            for (SoftDeletedRows.Purged table : purged) {
                out.println("Purging deleted rows older than " + ageInDays + " day(s) from table " + table.table());
                out.println("Deleted " + table.rows() + " row(s) from table " + table.table());
            }
            if (imagesOnly) {
                int left = rows.imagesStillReferenced(before);
                if (left > 0) {
                    out.println("Left " + left + " deleted image(s) that other rows still name: run 'glance-manage"
                            + " db purge' first");
                }
            }
            return 0;
        }
    }

    /** Upstream's refusals, in its order, or null. */
    static String purgeArgumentsRefused(long ageInDays, long maxRows, Instant now) {
        if (ageInDays < 0) {
            return "Must supply a non-negative value for age.";
        }
        if (ageInDays >= now.getEpochSecond() / 86_400.0) {
            return "Maximal age is count of days since epoch.";
        }
        if (maxRows < -1) {
            return "Minimal rows limit is -1.";
        }
        if (maxRows > Integer.MAX_VALUE) {
            return "'max_rows' value out of range, must not exceed " + Integer.MAX_VALUE + ".";
        }
        return null;
    }

    private Database open() {
        DatabaseConfig c = config.get();
        // one command, one connection at a time
        return Database.open(new DatabaseConfig(c.url(), 2, c.poolTimeout(), c.connectionRecycleTime(), c.mysqlSqlMode()));
    }
}
