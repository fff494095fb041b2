package org.glancej.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

/**
 * MariaDB/MySQL's stand-in for PostgreSQL's partial index of short property values: an invisible virtual
 * column of {@code image_properties} holding the value when it is at most {@link ExtraIndexes#SHORT_PROPERTY_VALUE}
 * characters (else null), which {@link ExtraIndexes#SHORT_PROPERTY_VALUES} indexes whole. A {@code TEXT} value
 * can only be indexed by a prefix, and a prefix never answers a filter from the index alone. MySQL 8 builds its
 * functional indexes the same way. {@code INVISIBLE} keeps it out of {@code SELECT *}, and an insert names
 * its columns or lists the visible ones only, so upstream's reads and writes do not see it; {@code VIRTUAL}
 * stores nothing in the row (the index holds the values), and adding it changes only the table's metadata.
 * It compares as {@code value} does: the same character set and collation.
 */
public final class ShortValueColumn {
    /** The column's name (upstream never names anything {@code glancej_...}). */
    public static final String NAME = ExtraIndexes.PREFIX + "short_value";

    /** The expression as MariaDB shows it in {@code information_schema.columns.generation_expression}. */
    private static final String EXPRESSION = "if(char_length(`value`) <= " + ExtraIndexes.SHORT_PROPERTY_VALUE
            + ",`value`,NULL)";

    private ShortValueColumn() {}

    /** Whether {@code image_properties} has the column (in any definition): list queries may name it. */
    public static boolean exists(Connection connection) throws SQLException {
        return expression(connection).isPresent();
    }

    /** Whether the column exists with this release's expression. */
    static boolean current(Connection connection) throws SQLException {
        return expression(connection).map(ShortValueColumn::normalized).filter(normalized(EXPRESSION)::equals)
                .isPresent();
    }

    /**
     * Adds the column, first dropping one of another definition and its index. Adding a virtual
     * column is a change of metadata only ({@code ALGORITHM=INSTANT}); the index is built afterwards.
     */
    static void ensure(Connection connection) throws SQLException {
        if (current(connection)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            if (exists(connection)) {
                // dropping a column only takes it out of an index: the index goes first
                statement.execute("ALTER TABLE image_properties DROP INDEX IF EXISTS "
                        + ExtraIndexes.SHORT_PROPERTY_VALUES);
                statement.execute("ALTER TABLE image_properties DROP COLUMN " + NAME);
            }
            statement.execute("ALTER TABLE image_properties ADD COLUMN " + NAME + " VARCHAR("
                    + ExtraIndexes.SHORT_PROPERTY_VALUE + ")" + valueCollation(connection) + " AS (" + EXPRESSION
                    + ") VIRTUAL INVISIBLE");
        }
    }

    /** The character set and collation of {@code image_properties.value}, for the column to compare alike. */
    private static String valueCollation(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT character_set_name, collation_name"
                + " FROM information_schema.columns WHERE table_schema = DATABASE()"
                + " AND table_name = 'image_properties' AND column_name = 'value'");
                ResultSet rows = statement.executeQuery()) {
            if (!rows.next() || rows.getString(1) == null) {
                return "";
            }
            return " CHARACTER SET " + rows.getString(1) + " COLLATE " + rows.getString(2);
        }
    }

    private static Optional<String> expression(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT generation_expression"
                + " FROM information_schema.columns WHERE table_schema = DATABASE()"
                + " AND table_name = 'image_properties' AND column_name = ?")) {
            statement.setString(1, NAME);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(String.valueOf(rows.getString(1))) : Optional.empty();
            }
        }
    }

    private static String normalized(String expression) {
        // MySQL 8 shows more parentheses than MariaDB
        return expression.replaceAll("[`() ]", "").toLowerCase(Locale.ROOT);
    }
}
