package org.glancej.images.list;

import java.sql.Connection;
import java.sql.SQLException;
import org.glancej.db.Dialect;
import org.glancej.db.ShortValueColumn;
import org.glancej.db.UpdatedBeforeCreatedColumn;

/**
 * MariaDB/MySQL: which of the invisible columns {@code db_sync} adds the database has, so that list queries
 * name only those (a database upstream made has neither; a query naming one would fail there).
 *
 * @param shortValue {@code image_properties} has {@link ShortValueColumn}
 * @param updatedBeforeCreated {@code images} has {@link UpdatedBeforeCreatedColumn}
 */
public record ListColumns(boolean shortValue, boolean updatedBeforeCreated) {
    /** Neither column: the SQL every database understands. */
    public static final ListColumns NONE = new ListColumns(false, false);

    /** The columns this database has: on other databases than MariaDB/MySQL none. */
    public static ListColumns of(Connection connection, Dialect dialect) throws SQLException {
        if (dialect != Dialect.MYSQL) {
            return NONE;
        }
        return new ListColumns(ShortValueColumn.exists(connection), UpdatedBeforeCreatedColumn.exists(connection));
    }

    /** Whether one of the columns could serve this query: a property filter, or {@code updated_at=lt:/lte:}. */
    static boolean couldServe(ImageListQuery query) {
        return query.filters().stream().anyMatch(filter -> filter instanceof ListFilter.HasProperty
                || filter instanceof ListFilter.TimestampCompare compare && compare.column() == ImageColumn.UPDATED_AT
                        && (compare.operator() == ListFilter.Operator.LT
                                || compare.operator() == ListFilter.Operator.LTE));
    }

    boolean all() {
        return shortValue && updatedBeforeCreated;
    }
}
