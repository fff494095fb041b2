package org.glancej.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

/**
 * MariaDB/MySQL's stand-in for a partial or functional index of PostgreSQL and SQLite: an invisible virtual
 * column, indexed by {@code index}. MySQL 8 builds its functional indexes the same way. {@code INVISIBLE} keeps
 * it out of {@code SELECT *}, and an insert names its columns or lists the visible ones only, so upstream's
 * reads and writes do not see it; {@code VIRTUAL} stores nothing in the row (the index holds the values), and
 * adding it changes only the table's metadata ({@code ALGORITHM=INSTANT}).
 *
 * @param expression as MariaDB shows it in {@code information_schema.columns.generation_expression}
 * @param collationOf the column whose character set and collation it takes, to compare alike; null for none
 */
record VirtualColumn(String table, String name, String type, String expression, String collationOf, String index) {

    /** Whether the table has the column (in any definition): queries may name it. */
    boolean exists(Connection connection) throws SQLException {
        return storedExpression(connection).isPresent();
    }

    /** Whether the column exists with this release's expression. */
    boolean current(Connection connection) throws SQLException {
        return storedExpression(connection).map(VirtualColumn::normalized)
                .filter(normalized(expression)::equals).isPresent();
    }

    /** Adds the column, first dropping one of another definition and its index (the index is built afterwards). */
    void ensure(Connection connection) throws SQLException {
        if (current(connection)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            if (exists(connection)) {
                // dropping a column only takes it out of an index: the index goes first
                statement.execute("ALTER TABLE " + table + " DROP INDEX IF EXISTS " + index);
                statement.execute("ALTER TABLE " + table + " DROP COLUMN " + name);
            }
            statement.execute("ALTER TABLE " + table + " ADD COLUMN " + name + " " + type + collation(connection)
                    + " AS (" + expression + ") VIRTUAL INVISIBLE");
        }
    }

    private String collation(Connection connection) throws SQLException {
        return collationOf == null ? "" : columnFact(connection, collationOf,
                "CONCAT(' CHARACTER SET ', character_set_name, ' COLLATE ', collation_name)").orElse("");
    }

    private Optional<String> storedExpression(Connection connection) throws SQLException {
        // a plain column of that name reads as "": present, of another definition, so replaced
        return columnFact(connection, name, "COALESCE(generation_expression, '')");
    }

    /** {@code expression} over a column's row of {@code information_schema.columns}; empty when null or absent. */
    private Optional<String> columnFact(Connection connection, String column, String expression)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + expression
                + " FROM information_schema.columns WHERE table_schema = DATABASE()"
                + " AND table_name = ? AND column_name = ?")) {
            statement.setString(1, table);
            statement.setString(2, column);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private static String normalized(String expression) {
        // MySQL 8 shows more parentheses than MariaDB
        return expression.replaceAll("[`() ]", "").toLowerCase(Locale.ROOT);
    }
}
