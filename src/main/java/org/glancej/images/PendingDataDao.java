package org.glancej.images;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.glancej.db.Dialect;
import org.glancej.db.Jdbc;

/**
 * Data waiting to be removed from a store, recorded as upstream's delayed delete records it: an
 * {@code image_locations} row, soft-deleted, with status {@code pending_delete}. A row becomes {@code deleted}
 * once its data is gone. Rows of images whose own status is {@code pending_delete} belong to upstream's
 * scrubber (its delayed delete) and are never touched here; ours hang off images that are {@code deleted}, or
 * still live when only a failed upload's partial data is to go.
 */
public final class PendingDataDao {
    private static final String PENDING = "pending_delete";

    private final DataSource dataSource;
    private final Dialect dialect;

    public PendingDataDao(DataSource dataSource, Dialect dialect) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    /** One location whose data is to be removed. */
    public record PendingData(long rowId, String imageId, String url) {}

    /** Records, inside the caller's transaction, that the data at {@code url} is to be removed. */
    public void record(Connection c, String imageId, String url, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_locations (image_id, value, created_at,"
                + " updated_at, deleted_at, deleted, meta_data, status) VALUES (?, ?, ?, NULL, ?, ?, ?, ?)")) {
            ps.setString(1, imageId);
            ps.setString(2, url);
            dialect.setTimestamp(ps, 3, now);
            dialect.setTimestamp(ps, 4, now);
            ps.setBoolean(5, true);
            ps.setString(6, "{}");
            ps.setString(7, PENDING);
            ps.executeUpdate();
        }
    }

    public void record(String imageId, String url, Instant now) {
        Jdbc.inTransaction(dataSource, c -> {
            record(c, imageId, url, now);
            return null;
        });
    }

    /** Our pending removals, oldest first; only those of one image when {@code imageId} is given. */
    public List<PendingData> pending(Optional<String> imageId) {
        return Jdbc.withConnection(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT l.id, l.image_id, l.value FROM image_locations l"
                    + " JOIN images i ON i.id = l.image_id WHERE l.deleted = ? AND l.status = ?"
                    + " AND i.status <> ?" + (imageId.isPresent() ? " AND l.image_id = ?" : "") + " ORDER BY l.id")) {
                ps.setBoolean(1, true);
                ps.setString(2, PENDING);
                ps.setString(3, PENDING);
                if (imageId.isPresent()) {
                    ps.setString(4, imageId.get());
                }
                List<PendingData> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new PendingData(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    }
                }
                return found;
            }
        });
    }

    /**
     * Takes a pending removal for this process by marking it done first (one process wins); {@link #release}
     * puts it back if the removal then fails.
     */
    public boolean claim(long rowId, Instant now) {
        return setStatus(rowId, PENDING, "deleted", now);
    }

    public void release(long rowId, Instant now) {
        setStatus(rowId, "deleted", PENDING, now);
    }

    /**
     * Whether live data still uses this URL: an image location, or an upload in flight writing there (a file
     * store names data by image id, so a new upload of the same image reuses the path).
     */
    public boolean isInUse(String url) {
        return Jdbc.withConnection(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM image_locations WHERE value = ? AND deleted = ?"
                    + " UNION ALL SELECT 1 FROM image_properties WHERE name = ? AND value = ? AND deleted = ?")) {
                ps.setString(1, url);
                ps.setBoolean(2, false);
                ps.setString(3, UploadMarkers.LOCATION);
                ps.setString(4, url);
                ps.setBoolean(5, false);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private boolean setStatus(long rowId, String from, String to, Instant now) {
        return Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE image_locations SET status = ?, updated_at = ? WHERE id = ? AND status = ? AND deleted = ?")) {
                ps.setString(1, to);
                dialect.setTimestamp(ps, 2, now);
                ps.setLong(3, rowId);
                ps.setString(4, from);
                ps.setBoolean(5, true);
                return ps.executeUpdate() == 1;
            }
        });
    }
}
