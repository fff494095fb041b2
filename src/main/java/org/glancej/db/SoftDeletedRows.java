package org.glancej.db;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Removes rows soft-deleted before a given time, as upstream's {@code glance-manage db purge} and
 * {@code db purge_images_table} do: oldest first, at most {@code maxRows} per table (-1: all). Where upstream
 * would fail on a foreign key or lose track of data, rows are left instead: a location whose data still waits
 * for removal ({@code pending_delete}), a task whose details remain, an image another table still names.
 */
public final class SoftDeletedRows {
    /** What one table gave up. */
    public record Purged(String table, int rows) {}

    /** Upstream's order: the image tables' children, then tasks (after their details); never images. */
    private static final List<Table> TABLES = List.of(
            new Table("image_properties", ""),
            new Table("image_tags", ""),
            // data still to be removed from a store: its row is how the removal is found again
            new Table("image_locations", " AND (status IS NULL OR status <> 'pending_delete')"),
            new Table("image_members", ""),
            new Table("tasks", " AND NOT EXISTS (SELECT 1 FROM task_info ti WHERE ti.task_id = t.id)"));
    /** An image (alias {@code t}) that rows of another table still name. */
    private static final String IMAGE_REFERENCED = "(EXISTS (SELECT 1 FROM image_properties c WHERE c.image_id = t.id)"
            + " OR EXISTS (SELECT 1 FROM image_tags c WHERE c.image_id = t.id)"
            + " OR EXISTS (SELECT 1 FROM image_locations c WHERE c.image_id = t.id)"
            + " OR EXISTS (SELECT 1 FROM image_members c WHERE c.image_id = t.id))";
    private static final int BATCH = 500;

    private final Database database;

    public SoftDeletedRows(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    /** {@code db purge}: task details of old deleted tasks, then each table's old deleted rows. */
    public List<Purged> purge(Instant before, int maxRows) {
        List<Purged> purged = new ArrayList<>();
        purged.add(database.inTransaction(c -> {
            List<Object> tasks = oldest(c, "tasks", "", before, maxRows);
            return new Purged("task_info", deleteWhereIn(c, "task_info", "task_id", tasks));
        }));
        for (Table table : TABLES) {
            purged.add(database.inTransaction(c -> new Purged(table.name(),
                    deleteWhereIn(c, table.name(), "id", oldest(c, table.name(), table.condition(), before, maxRows)))));
        }
        return purged;
    }

    /** {@code db purge_images_table}: old deleted images that no other row names. */
    public Purged purgeImages(Instant before, int maxRows) {
        return database.inTransaction(c -> new Purged("images",
                deleteWhereIn(c, "images", "id", oldest(c, "images", " AND NOT " + IMAGE_REFERENCED, before, maxRows))));
    }

    /** Old deleted images still named by another table's rows: left by {@link #purgeImages}. */
    public int imagesStillReferenced(Instant before) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM images t WHERE t.deleted_at < ?"
                    + " AND " + IMAGE_REFERENCED)) {
                database.dialect().setTimestamp(ps, 1, before);
                try (ResultSet rows = ps.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    private List<Object> oldest(Connection c, String table, String condition, Instant before, int maxRows)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT t.id FROM " + table + " t WHERE t.deleted_at < ?"
                + condition + " ORDER BY t.deleted_at, t.id")) {
            database.dialect().setTimestamp(ps, 1, before);
            if (maxRows >= 0) {
                if (maxRows == 0) {
                    return Collections.emptyList();
                }
                ps.setMaxRows(maxRows);
            }
            List<Object> ids = new ArrayList<>();
            try (ResultSet rows = ps.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1));
                }
            }
            return ids;
        }
    }

    private static int deleteWhereIn(Connection c, String table, String column, List<Object> values)
            throws SQLException {
        int deleted = 0;
        for (int from = 0; from < values.size(); from += BATCH) {
            List<Object> batch = values.subList(from, Math.min(values.size(), from + BATCH));
            String marks = String.join(", ", Collections.nCopies(batch.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + column + " IN ("
                    + marks + ")")) {
                for (int i = 0; i < batch.size(); i++) {
                    ps.setObject(i + 1, batch.get(i));
                }
                deleted += ps.executeUpdate();
            }
        }
        return deleted;
    }

    private record Table(String name, String condition) {}
}
