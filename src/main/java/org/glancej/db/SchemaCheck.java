package org.glancej.db;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's start-up check. The embedded SQLite database is created or brought to head on first start; an
 * external MariaDB/MySQL or PostgreSQL database is the operator's to migrate, so one that is not at head
 * stops the service with instructions instead of being changed behind their back.
 */
public final class SchemaCheck {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaCheck.class);
    private final Database database;

    public SchemaCheck(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    /** Returns when the schema is at head; throws {@link SchemaException} naming the fix otherwise. */
    public void ensureReady() {
        SchemaMigrator migrator = new SchemaMigrator(database);
        if (database.dialect() == Dialect.SQLITE) {
            migrator.migrate();
            return;
        }
        SchemaState state = migrator.state();
        if (state.kind() != SchemaState.Kind.CURRENT) {
            throw new SchemaException(state, "the database schema is not current: " + state.describe()
                    + hint(state) + " (database: " + database.url().jdbcUrl() + ")");
        }
        // a database upstream made works as it is; lists of many images are slow without these
        List<String> missing = database.withConnection(c -> ExtraIndexes.missing(c, database.dialect()));
        if (!missing.isEmpty()) {
            LOG.warn("the database lacks this service's list indexes {}: lists of many images are slower;"
                    + " run 'glance-manage db_sync' to add them", missing);
        }
    }

    private static String hint(SchemaState state) {
        return switch (state.kind()) {
            case EMPTY -> ". Run 'glance-manage db_sync' to create it";
            case UNVERSIONED -> "";
            default -> ". Run 'glance-manage db_sync' once the database is at a revision it supports";
        };
    }
}
