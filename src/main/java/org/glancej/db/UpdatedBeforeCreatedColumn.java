package org.glancej.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * MariaDB/MySQL's stand-in for the partial index {@link ExtraIndexes#UPDATED_BEFORE_CREATED} of PostgreSQL and
 * SQLite ({@link VirtualColumn}): a column of {@code images} holding {@code updated_at} when it is before
 * {@code created_at} (none unless clocks disagreed), else null, indexed with {@code created_at, id}. An
 * {@code updated_at=lt:T} list newest first finds there the images created since T and updated before it, where
 * it range-scanned {@code glancej_images_updated_at}: every image updated before T, half a million at 1M images
 * for a T in the middle (60 ms; from this index 0.3 ms).
 */
public final class UpdatedBeforeCreatedColumn {
    /** The column's name (upstream never names anything {@code glancej_...}). */
    public static final String NAME = ExtraIndexes.PREFIX + "updated_before_created";

    static final VirtualColumn COLUMN = new VirtualColumn("images", NAME, "DATETIME",
            "if(`updated_at` < `created_at`,`updated_at`,NULL)", null, ExtraIndexes.UPDATED_BEFORE_CREATED);

    private UpdatedBeforeCreatedColumn() {}

    /** Whether {@code images} has the column (in any definition): list queries may name it. */
    public static boolean exists(Connection connection) throws SQLException {
        return COLUMN.exists(connection);
    }
}
