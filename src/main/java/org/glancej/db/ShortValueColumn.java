package org.glancej.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * MariaDB/MySQL's stand-in for PostgreSQL's partial index of short property values ({@link VirtualColumn}): a
 * column of {@code image_properties} holding the value when it is at most {@link ExtraIndexes#SHORT_PROPERTY_VALUE}
 * characters (else null), which {@link ExtraIndexes#SHORT_PROPERTY_VALUES} indexes whole. A {@code TEXT} value
 * can only be indexed by a prefix, and a prefix never answers a filter from the index alone. It compares as
 * {@code value} does: the same character set and collation.
 */
public final class ShortValueColumn {
    /** The column's name (upstream never names anything {@code glancej_...}). */
    public static final String NAME = ExtraIndexes.PREFIX + "short_value";

    static final VirtualColumn COLUMN = new VirtualColumn("image_properties", NAME,
            "VARCHAR(" + ExtraIndexes.SHORT_PROPERTY_VALUE + ")",
            "if(char_length(`value`) <= " + ExtraIndexes.SHORT_PROPERTY_VALUE + ",`value`,NULL)", "value",
            ExtraIndexes.SHORT_PROPERTY_VALUES);

    private ShortValueColumn() {}

    /** Whether {@code image_properties} has the column (in any definition): list queries may name it. */
    public static boolean exists(Connection connection) throws SQLException {
        return COLUMN.exists(connection);
    }

    /** Whether the column exists with this release's expression. */
    static boolean current(Connection connection) throws SQLException {
        return COLUMN.current(connection);
    }
}
