package org.glancej.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.function.Supplier;
import org.glancej.db.AlembicRevisions;
import org.glancej.db.Database;
import org.glancej.db.DatabaseConfig;
import org.glancej.db.SchemaMigrator;
import org.glancej.db.SchemaState;

/** The {@code db} actions, printing what upstream's glance-manage prints so scripts that read it keep working. */
final class DbCommands {
    private final Supplier<DatabaseConfig> config;
    private final PrintStream out;

    DbCommands(Supplier<DatabaseConfig> config, PrintStream out) {
        this.config = requireNonNull(config, "config is null");
        this.out = requireNonNull(out, "out is null");
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

    private Database open() {
        DatabaseConfig c = config.get();
        // one command, one connection at a time
        return Database.open(new DatabaseConfig(c.url(), 2, c.poolTimeout(), c.connectionRecycleTime(), c.mysqlSqlMode()));
    }
}
