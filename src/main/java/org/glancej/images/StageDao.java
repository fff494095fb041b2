package org.glancej.images;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.glancej.db.Dialect;
import org.glancej.db.Jdbc;

/**
 * Staged data as the database knows it: the {@link UploadMarkers} of an {@code uploading} image while its data
 * arrives ({@link UploadDao} begins and releases the stage as any upload), and what a complete stage recorded
 * until its data is imported.
 */
public final class StageDao {
    private final DataSource dataSource;
    private final Dialect dialect;
    private final UploadDao uploads;
    private final ImageRows rows;

    /**
     * What the database knows of an image's upload or stage: bytes received by the process receiving it
     * ({@code owner} null when none is), the size announced for it, and the total a resumable stage announced.
     */
    public record StageRecord(String owner, long received, Long expected, Long total) {}

    public StageDao(DataSource dataSource, Dialect dialect, UploadDao uploads) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.uploads = requireNonNull(uploads, "uploads is null");
        this.rows = new ImageRows(dialect);
    }

    /** The stage markers of an image: who receives its data now, how much arrived, the announced total. */
    public StageRecord stage(String imageId) {
        return Jdbc.withConnection(dataSource, c -> {
            Map<String, String> markers = properties(c, imageId, List.of(UploadMarkers.OWNER, UploadMarkers.RECEIVED,
                    UploadMarkers.STAGE_TOTAL, UploadMarkers.EXPECTED));
            Long received = number(markers.get(UploadMarkers.RECEIVED));
            return new StageRecord(markers.get(UploadMarkers.OWNER), received == null ? 0 : received,
                    number(markers.get(UploadMarkers.EXPECTED)), number(markers.get(UploadMarkers.STAGE_TOTAL)));
        });
    }

    /**
     * Ends a stage whose data is complete, if {@code owner} still holds it: the upload markers go, the image
     * stays {@code uploading} with its size, the staged data's hashes and, when given, {@code os_glance_stage_host};
     * false when the owner no longer holds it (the image deleted, or recovered).
     */
    public boolean completeStage(String imageId, String owner, long size, String md5, String hash, String stageHost,
            Instant now) {
        return Jdbc.inTransaction(dataSource, c -> {
            if (!uploads.removeMarkers(c, imageId, owner, now)) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE images SET size = ?, updated_at = ?"
                    + " WHERE id = ? AND status = ? AND deleted = ?")) {
                ps.setLong(1, size);
                dialect.setTimestamp(ps, 2, now);
                ps.setString(3, imageId);
                ps.setString(4, ImageStatus.UPLOADING.wire());
                ps.setBoolean(5, false);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            rows.putProperty(c, imageId, UploadMarkers.STAGED_MD5, md5, now);
            rows.putProperty(c, imageId, UploadMarkers.STAGED_HASH, hash, now);
            if (stageHost != null) {
                rows.putProperty(c, imageId, "os_glance_stage_host", stageHost, now);
            }
            rows.softDeleteProperties(c, imageId, List.of(UploadMarkers.STAGE_TOTAL), null, now);
            return true;
        });
    }

    /**
     * The digests a complete stage recorded ({@link UploadMarkers#STAGED_MD5}, {@link UploadMarkers#STAGED_HASH} as
     * {@code algorithm:hex}), by marker name; empty when the stage recorded none.
     */
    public Map<String, String> stagedDigests(String imageId) {
        return Jdbc.withConnection(dataSource,
                c -> properties(c, imageId, List.of(UploadMarkers.STAGED_MD5, UploadMarkers.STAGED_HASH)));
    }

    /**
     * Forgets what a finished stage recorded ({@link UploadMarkers#STAGE}: announced total, staged hashes) once
     * the staged data is imported: the image's own checksums take over.
     */
    public void endStage(String imageId, Instant now) {
        Jdbc.inTransaction(dataSource, c -> {
            rows.softDeleteProperties(c, imageId, UploadMarkers.STAGE, null, now);
            return null;
        });
    }

    /** The image's live properties of these names, by name. */
    private static Map<String, String> properties(Connection c, String imageId, List<String> names)
            throws SQLException {
        Map<String, String> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, value FROM image_properties WHERE image_id = ?"
                + " AND deleted = ? AND name IN (" + String.join(", ", Collections.nCopies(names.size(), "?"))
                + ")")) {
            ps.setString(1, imageId);
            ps.setBoolean(2, false);
            for (int i = 0; i < names.size(); i++) {
                ps.setString(3 + i, names.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return found;
    }

    private static Long number(String value) {
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
