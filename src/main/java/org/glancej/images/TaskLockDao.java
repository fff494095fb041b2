package org.glancej.images;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.glancej.common.GlanceException;
import org.glancej.db.Dialect;
import org.glancej.db.Jdbc;

/**
 * Upstream's lock for operations that run on an image in the background (import, location import): the
 * property {@code os_glance_import_task} names the task holding it. Taking it is atomic on every database: the
 * row is revived only if deleted, and a second live row is refused by the (image_id, name) unique index.
 */
public final class TaskLockDao {
    public static final String LOCK_PROPERTY = "os_glance_import_task";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final ImageRows rows;

    public TaskLockDao(DataSource dataSource, Dialect dialect) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.rows = new ImageRows(dialect);
    }

    /** Takes the lock for {@code taskId}; 409 as upstream when another operation holds it. */
    public void take(String imageId, String taskId, Instant now) {
        try {
            Jdbc.inTransaction(dataSource, c -> {
                // the row found by a plain read and revived by id: an UPDATE by image and name that matches no row
                // locks the index gap where it would go on MariaDB, and two imports whose ids fall in one gap
                // then deadlock on their INSERTs
                Long row;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id FROM image_properties WHERE image_id = ? AND name = ?")) {
                    ps.setString(1, imageId);
                    ps.setString(2, LOCK_PROPERTY);
                    try (ResultSet rs = ps.executeQuery()) {
                        row = rs.next() ? rs.getLong(1) : null;
                    }
                }
                if (row != null) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE image_properties SET value = ?,"
                            + " updated_at = ?, deleted = ?, deleted_at = NULL WHERE id = ? AND deleted = ?")) {
                        ps.setString(1, taskId);
                        dialect.setTimestamp(ps, 2, now);
                        ps.setBoolean(3, false);
                        ps.setLong(4, row);
                        ps.setBoolean(5, true);
                        if (ps.executeUpdate() == 1) {
                            return null;
                        }
                    }
                }
                // no row, or a live one: the unique index refuses a second live row, as a conflict below
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_properties (image_id, name, value,"
                        + " created_at, updated_at, deleted_at, deleted) VALUES (?, ?, ?, ?, NULL, NULL, ?)")) {
                    ps.setString(1, imageId);
                    ps.setString(2, LOCK_PROPERTY);
                    ps.setString(3, taskId);
                    dialect.setTimestamp(ps, 4, now);
                    ps.setBoolean(5, false);
                    ps.executeUpdate();
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SQLException sql && Jdbc.isDuplicateKey(sql)) {
                throw GlanceException.conflict("New operation on image '" + imageId
                        + "' is not permitted as prior operation is still in progress");
            }
            throw e;
        }
    }

    /** Gives the lock back if {@code taskId} still holds it; false if it did not (another took it meanwhile). */
    public boolean release(String imageId, String taskId, Instant now) {
        return Jdbc.inTransaction(dataSource,
                c -> rows.softDeleteProperties(c, imageId, List.of(LOCK_PROPERTY), taskId, now) == 1);
    }
}
