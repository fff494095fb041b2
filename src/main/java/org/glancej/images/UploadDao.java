package org.glancej.images;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.glancej.db.Dialect;
import org.glancej.db.Jdbc;

/**
 * Uploads in flight as the database knows them: the {@link UploadMarkers} of {@code saving} images (and of
 * {@code uploading} ones while their data is staged), written in the transaction that starts the upload and
 * removed in the one that ends it.
 */
public final class UploadDao {
    private final DataSource dataSource;
    private final Dialect dialect;
    private final PendingDataDao pendingData;
    private final ImageRows rows;

    public UploadDao(DataSource dataSource, Dialect dialect) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.pendingData = new PendingDataDao(dataSource, dialect);
        this.rows = new ImageRows(dialect);
    }

    /**
     * An upload in flight; {@code location} is null when the store could not tell in advance where it writes.
     * {@code resumable}: a stage whose data is kept when it stops short, for the client to continue.
     */
    public record UploadRecord(String imageId, String owner, Instant heartbeat, String location, ImageStatus status,
            boolean resumable) {
        public UploadRecord(String imageId, String owner, Instant heartbeat, String location) {
            this(imageId, owner, heartbeat, location, ImageStatus.SAVING, false);
        }
    }

    /**
     * Moves a {@code queued} image to {@code saving} and records who receives its data and where it goes, in one
     * transaction; false if the image was not {@code queued} (another upload won).
     */
    public boolean begin(String imageId, String owner, String location, Instant now) {
        return begin(imageId, ImageStatus.QUEUED, ImageStatus.SAVING, owner, location, now);
    }

    /** As {@link #begin(String, String, String, Instant)}, from status {@code from} to {@code during}. */
    public boolean begin(String imageId, ImageStatus from, ImageStatus during, String owner, String location,
            Instant now) {
        return begin(imageId, from, during, owner, location, 0, null, null, now);
    }

    /**
     * As {@link #begin(String, ImageStatus, ImageStatus, String, String, Instant)}, for data that continues
     * {@code held} bytes already stored, of {@code expected} bytes in all when known; {@code stageTotal}, when not
     * null, marks a resumable stage of that size.
     */
    public boolean begin(String imageId, ImageStatus from, ImageStatus during, String owner, String location,
            long held, Long expected, Long stageTotal, Instant now) {
        return Jdbc.inTransaction(dataSource, c -> {
            if (!rows.setStatus(c, imageId, from, during, now)) {
                return false;
            }
            rows.putProperty(c, imageId, UploadMarkers.OWNER, owner, now);
            rows.putProperty(c, imageId, UploadMarkers.HEARTBEAT, now.toString(), now);
            rows.putProperty(c, imageId, UploadMarkers.RECEIVED, Long.toString(held), now);
            if (location != null) {
                rows.putProperty(c, imageId, UploadMarkers.LOCATION, location, now);
            }
            if (expected != null) {
                rows.putProperty(c, imageId, UploadMarkers.EXPECTED, expected.toString(), now);
            }
            if (stageTotal != null) {
                rows.putProperty(c, imageId, UploadMarkers.STAGE_TOTAL, stageTotal.toString(), now);
            }
            return true;
        });
    }

    /** Records how many bytes of each upload have arrived, for other processes to show; one transaction. */
    public void progress(Map<String, Long> received, Instant now) {
        if (received.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE image_properties SET value = ?, updated_at = ?"
                    + " WHERE image_id = ? AND name = ? AND deleted = ?")) {
                for (Map.Entry<String, Long> entry : received.entrySet()) {
                    ps.setString(1, entry.getValue().toString());
                    dialect.setTimestamp(ps, 2, now);
                    ps.setString(3, entry.getKey());
                    ps.setString(4, UploadMarkers.RECEIVED);
                    ps.setBoolean(5, false);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Soft-deletes the image's live properties of these names. */
    private void deleteProperties(Connection c, String imageId, List<String> names, Instant now) throws SQLException {
        rows.softDeleteProperties(c, imageId, names, null, now);
    }

    /** Tells other processes that these uploads of {@code owner} are still being received. */
    public void heartbeat(Collection<String> imageIds, String owner, Instant now) {
        if (imageIds.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(dataSource, c -> {
            for (String id : imageIds) {
                // only while this owner still holds the upload: another process may have recovered it meanwhile
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM image_properties"
                        + " WHERE image_id = ? AND name = ? AND value = ? AND deleted = ?")) {
                    ps.setString(1, id);
                    ps.setString(2, UploadMarkers.OWNER);
                    ps.setString(3, owner);
                    ps.setBoolean(4, false);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            continue;
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE image_properties SET value = ?, updated_at = ?"
                        + " WHERE image_id = ? AND name = ? AND deleted = ?")) {
                    ps.setString(1, now.toString());
                    dialect.setTimestamp(ps, 2, now);
                    ps.setString(3, id);
                    ps.setString(4, UploadMarkers.HEARTBEAT);
                    ps.setBoolean(5, false);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Every upload in flight on the database (stages included), whichever process receives it. */
    public List<UploadRecord> inFlight() {
        return Jdbc.withConnection(dataSource, c -> {
            Map<String, Map<String, String>> markers = new HashMap<>();
            Map<String, ImageStatus> statuses = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT p.image_id, p.name, p.value, i.status"
                    + " FROM image_properties p JOIN images i ON i.id = p.image_id WHERE i.status IN (?, ?)"
                    + " AND i.deleted = ? AND p.deleted = ? AND p.name IN (?, ?, ?, ?)")) {
                ps.setString(1, ImageStatus.SAVING.wire());
                ps.setString(2, ImageStatus.UPLOADING.wire());
                ps.setBoolean(3, false);
                ps.setBoolean(4, false);
                ps.setString(5, UploadMarkers.OWNER);
                ps.setString(6, UploadMarkers.HEARTBEAT);
                ps.setString(7, UploadMarkers.LOCATION);
                ps.setString(8, UploadMarkers.STAGE_TOTAL);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        markers.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                        statuses.put(rs.getString(1), ImageStatus.fromWire(rs.getString(4)));
                    }
                }
            }
            List<UploadRecord> records = new ArrayList<>();
            markers.forEach((id, m) -> {
                if (m.containsKey(UploadMarkers.OWNER)) {
                    records.add(new UploadRecord(id, m.get(UploadMarkers.OWNER), instant(m.get(UploadMarkers.HEARTBEAT)),
                            m.get(UploadMarkers.LOCATION), statuses.get(id), m.containsKey(UploadMarkers.STAGE_TOTAL)));
                }
            });
            return records;
        });
    }

    /** The upload in flight of one image, whatever its status (an import writes to an importing or active image). */
    public java.util.Optional<UploadRecord> inFlight(String imageId) {
        return Jdbc.withConnection(dataSource, c -> {
            Map<String, String> markers = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, value FROM image_properties"
                    + " WHERE image_id = ? AND deleted = ? AND name IN (?, ?, ?)")) {
                ps.setString(1, imageId);
                ps.setBoolean(2, false);
                for (int i = 0; i < 3; i++) {
                    ps.setString(3 + i, UploadMarkers.ALL.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        markers.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            if (!markers.containsKey(UploadMarkers.OWNER)) {
                return java.util.Optional.<UploadRecord>empty();
            }
            return java.util.Optional.of(new UploadRecord(imageId, markers.get(UploadMarkers.OWNER),
                    instant(markers.get(UploadMarkers.HEARTBEAT)), markers.get(UploadMarkers.LOCATION)));
        });
    }

    /** Images {@code saving} since before {@code cutoff} with no owner recorded (an upload of an upstream node). */
    public List<String> savingWithoutOwner(Instant cutoff) {
        return Jdbc.withConnection(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM images i WHERE status = ? AND deleted = ?"
                    + " AND updated_at < ? AND NOT EXISTS (SELECT 1 FROM image_properties p WHERE p.image_id = i.id"
                    + " AND p.name = ? AND p.deleted = ?)")) {
                ps.setString(1, ImageStatus.SAVING.wire());
                ps.setBoolean(2, false);
                dialect.setTimestamp(ps, 3, cutoff);
                ps.setString(4, UploadMarkers.OWNER);
                ps.setBoolean(5, false);
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    /**
     * Ends an upload that did not complete: if {@code owner} still holds it, its markers go, its data (if
     * {@code location} is known) is recorded as pending removal, and the image goes back to {@code queued}, all in
     * one transaction. False when the owner no longer holds it (finished, recovered, or the image deleted).
     */
    public boolean release(String imageId, String owner, String location, Instant now) {
        return release(imageId, ImageStatus.SAVING, ImageStatus.QUEUED, owner, location, now);
    }

    /** As {@link #release(String, String, String, Instant)}, from status {@code during} back to {@code restore}. */
    public boolean release(String imageId, ImageStatus during, ImageStatus restore, String owner, String location,
            Instant now) {
        return Jdbc.inTransaction(dataSource, c -> {
            if (!removeMarkers(c, imageId, owner, now)) {
                return false;
            }
            if (location != null) {
                pendingData.record(c, imageId, location, now);
            }
            rows.setStatus(c, imageId, during, restore, now);
            return true;
        });
    }

    /**
     * Puts an image that has been {@code saving} without an owner since before {@code cutoff} back to
     * {@code queued}, recording {@code location} (where this node's store would have written it) as pending
     * removal; false if it changed meanwhile.
     */
    public boolean releaseUnowned(String imageId, Instant cutoff, String location, Instant now) {
        return Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE images SET status = ?, updated_at = ?"
                    + " WHERE id = ? AND status = ? AND deleted = ? AND updated_at < ? AND NOT EXISTS (SELECT 1"
                    + " FROM image_properties p WHERE p.image_id = ? AND p.name = ? AND p.deleted = ?)")) {
                ps.setString(1, ImageStatus.QUEUED.wire());
                dialect.setTimestamp(ps, 2, now);
                ps.setString(3, imageId);
                ps.setString(4, ImageStatus.SAVING.wire());
                ps.setBoolean(5, false);
                dialect.setTimestamp(ps, 6, cutoff);
                ps.setString(7, imageId);
                ps.setString(8, UploadMarkers.OWNER);
                ps.setBoolean(9, false);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            if (location != null) {
                pendingData.record(c, imageId, location, now);
            }
            return true;
        });
    }

    /** The location an upload in flight of this image writes to, or null. */
    String location(Connection c, String imageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT value FROM image_properties WHERE image_id = ? AND name = ? AND deleted = ?")) {
            ps.setString(1, imageId);
            ps.setString(2, UploadMarkers.LOCATION);
            ps.setBoolean(3, false);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * Soft-deletes the upload markers of an image if {@code owner} still holds its upload; false when another
     * process recovered it meanwhile, or the image is gone.
     */
    boolean removeMarkers(Connection c, String imageId, String owner, Instant now) throws SQLException {
        if (rows.softDeleteProperties(c, imageId, List.of(UploadMarkers.OWNER), owner, now) != 1) {
            return false;
        }
        deleteProperties(c, imageId, List.of(UploadMarkers.HEARTBEAT, UploadMarkers.LOCATION, UploadMarkers.RECEIVED,
                UploadMarkers.EXPECTED), now);
        return true;
    }

    /** A heartbeat that cannot be read counts as long gone. */
    private static Instant instant(String value) {
        try {
            return value == null ? Instant.EPOCH : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
