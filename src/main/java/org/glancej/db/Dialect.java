package org.glancej.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * The three database servers upstream Glance supports, with the few value encodings that differ between
 * them. Timestamps are naive UTC everywhere, as upstream stores them.
 */
public enum Dialect {
    SQLITE("sqlite"),
    MYSQL("mysql"),
    POSTGRESQL("postgresql");

    // SQLAlchemy keeps SQLite DATETIME as text with six fractional digits; upstream can only read that form
    private static final DateTimeFormatter SQLITE_WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter SQLITE_READ = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ ]['T']HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private final String resourceName;

    Dialect(String resourceName) {
        this.resourceName = resourceName;
    }

    /** Directory under {@code db/} holding this dialect's migration scripts. */
    public String resourceName() {
        return resourceName;
    }

    /** Binds a timestamp column value (DATETIME / timestamp without time zone), {@code null} allowed. */
    public void setTimestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setObject(index, null);
        } else if (this == SQLITE) {
            statement.setString(index, SQLITE_WRITE.format(LocalDateTime.ofInstant(value, ZoneOffset.UTC)));
        } else {
            statement.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    /** Reads a timestamp column written by us or by upstream; {@code null} for SQL NULL. */
    public Instant getTimestamp(ResultSet rows, String column) throws SQLException {
        if (this == SQLITE) {
            String text = rows.getString(column);
            return text == null ? null : LocalDateTime.parse(text, SQLITE_READ).toInstant(ZoneOffset.UTC);
        }
        LocalDateTime value = rows.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
