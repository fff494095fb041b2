package org.glancej.images.list;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The databases upstream Glance runs on, and the one place that decides how a timestamp travels
 * between Java and each of them: upstream (SQLAlchemy {@code DateTime}) keeps naive UTC datetimes,
 * which SQLite stores as text {@code YYYY-MM-DD HH:MM:SS.ffffff} and MySQL/PostgreSQL as native
 * datetime/timestamp columns.
 */
public enum Dialect {
    SQLITE, MYSQL, POSTGRESQL;

    private static final DateTimeFormatter SQLITE_TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    /** The JDBC parameter ({@code setObject}) that compares correctly with a stored timestamp column. */
    public Object timestampParameter(LocalDateTime utc) {
        return this == SQLITE ? SQLITE_TIMESTAMP.format(utc) : utc;
    }

    /**
     * Reads a timestamp column as a value that {@link #timestampParameter} would produce for it, ready to
     * be bound again: on SQLite the stored text itself, so that comparisons stay byte-for-byte exact.
     */
    public Object readTimestamp(ResultSet rs, int column) throws SQLException {
        return this == SQLITE ? rs.getString(column) : rs.getObject(column, LocalDateTime.class);
    }

    /** The images table as the page query reads it. */
    String imagesTable() {
        return this == MYSQL ? "images IGNORE INDEX (ix_images_deleted, os_hidden_image_idx)" : "images";
    }

    /**
     * Whether a row of {@code tableWhere} ("table WHERE ...", correlated with {@code images}) exists.
     * MariaDB and PostgreSQL may first read the child table whole (MariaDB: semi-join or materialized IN;
     * PostgreSQL: a hashed subplan for the membership test inside an OR): the better plan when every
     * image is read and sorted anyway, but when the page walks an index ({@code indexOrdered}) a scalar
     * count, probed per image through the (image_id, ...) index, stops with the page (at 10k images:
     * 2-10x faster, and independent of the child table's size). SQLite always probes per image.
     */
    String exists(boolean indexOrdered, String tableWhere) {
        return this != SQLITE && indexOrdered
                ? "(SELECT COUNT(*) FROM " + tableWhere + ") > 0"
                : "EXISTS (SELECT 1 FROM " + tableWhere + ")";
    }

    /** SQL boolean literal; all three accept {@code TRUE}/{@code FALSE} (SQLite since 3.23). */
    String bool(boolean value) {
        return value ? "TRUE" : "FALSE";
    }

    /**
     * A reference to a low-cardinality column that should not drive index selection. SQLite has no
     * statistics unless ANALYZE ran, and then prefers an index on {@code deleted} or {@code os_hidden}
     * (nearly every row) over walking the sort index, or over the (image_id, ...) index of a tag, property
     * or member subquery (10x to 1000x slower at 10k images); a unary plus keeps those indexes out of the plan.
     */
    String unindexed(String column) {
        return this == SQLITE ? "+" + column : column;
    }
}
