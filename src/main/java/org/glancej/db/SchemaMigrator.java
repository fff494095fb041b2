package org.glancej.db;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to upstream's head schema, recording progress only where upstream does: in
 * {@code alembic_version}. A history table of our own (Flyway's, say) would be a table upstream Glance does
 * not have and its tools ignore. An empty database gets the whole head schema; a current one is left alone;
 * anything else is refused with an explanation. Runs hold a server lock, so concurrent starts are safe. A
 * current or newly created schema also gets the missing {@link ExtraIndexes}.
 */
public final class SchemaMigrator {
    /** The 13 tables of upstream's head schema, besides {@code alembic_version}. */
    public static final List<String> GLANCE_TABLES = List.of(
            "images", "image_properties", "image_locations", "image_members", "image_tags",
            "tasks", "task_info",
            "metadef_namespaces", "metadef_resource_types", "metadef_namespace_resource_types",
            "metadef_objects", "metadef_properties", "metadef_tags");

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final String LOCK_NAME = "glance_schema_migration";
    private static final long PG_LOCK_KEY = 0x676c616e6365L; // "glance"

    private final Database database;

    public SchemaMigrator(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    public SchemaState state() {
        return database.withConnection(connection -> readState(connection, database.dialect()));
    }

    /**
     * Creates the head schema in an empty database and returns true, or returns false when it is already at
     * head. Throws {@link SchemaException} for any other state, changing nothing.
     */
    public boolean migrate() {
        if (database.dialect() == Dialect.MYSQL) {
            // MySQL commits DDL implicitly, so a transaction cannot guard the run: a named lock does
            return database.withConnection(connection -> {
                execute(connection, "SELECT GET_LOCK('" + LOCK_NAME + "', 300)");
                try {
                    return migrateOn(connection);
                } finally {
                    execute(connection, "SELECT RELEASE_LOCK('" + LOCK_NAME + "')");
                }
            });
        }
        // PostgreSQL and SQLite run DDL transactionally: all of the schema or none of it
        return database.inTransaction(connection -> {
            if (database.dialect() == Dialect.POSTGRESQL) {
                execute(connection, "SELECT pg_advisory_xact_lock(" + PG_LOCK_KEY + ")");
            }
            return migrateOn(connection);
        });
    }

    private boolean migrateOn(Connection connection) throws SQLException {
        SchemaState state = readState(connection, database.dialect());
        boolean created = switch (state.kind()) {
            case CURRENT -> false;
            case EMPTY -> {
                createHead(connection);
                yield true;
            }
            default -> throw new SchemaException(state, "cannot migrate: " + state.describe());
        };
        // also on a database upstream made: ours beside upstream's schema, which they leave as it is
        for (String index : ExtraIndexes.ensure(connection, database.dialect())) {
            LOG.info("created list index {}", index);
        }
        return created;
    }

    private void createHead(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : SqlScript.load(database.dialect(), AlembicRevisions.HEAD)) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO alembic_version (version_num) VALUES (?)")) {
            insert.setString(1, AlembicRevisions.HEAD);
            insert.executeUpdate();
        }
    }

    static SchemaState readState(Connection connection, Dialect dialect) throws SQLException {
        Set<String> tables = tableNames(connection, dialect);
        List<String> revisions = new ArrayList<>();
        if (tables.contains("alembic_version")) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT version_num FROM alembic_version")) {
                while (rows.next()) {
                    revisions.add(rows.getString(1));
                }
            }
        }
        return SchemaState.of(revisions, GLANCE_TABLES.stream().anyMatch(tables::contains));
    }

    /** Tables of the connection's own database (MySQL, SQLite) or current schema (PostgreSQL), lower case. */
    static Set<String> tableNames(Connection connection, Dialect dialect) throws SQLException {
        String schema = dialect == Dialect.POSTGRESQL ? connection.getSchema() : null;
        Set<String> names = new HashSet<>();
        try (ResultSet rows = connection.getMetaData().getTables(connection.getCatalog(), schema, "%",
                new String[] {"TABLE"})) {
            while (rows.next()) {
                names.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
