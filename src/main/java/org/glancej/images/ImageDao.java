package org.glancej.images;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.glancej.common.GlanceException;
import org.glancej.db.Dialect;
import org.glancej.db.Jdbc;
import org.glancej.images.list.ImageListQuery;
import org.glancej.images.list.ImagePageReader;
import org.glancej.images.list.ListScope;

/**
 * Images in upstream's tables ({@code images}, {@code image_properties}, {@code image_tags},
 * {@code image_locations}), soft-deleted as upstream does so that its tools read what we write.
 */
public final class ImageDao {
    private final DataSource dataSource;
    private final Dialect dialect;
    private final ImageRows rows;
    private final ImagePageReader pages;
    private final PendingDataDao pendingData;
    private final UploadDao uploads;

    public ImageDao(DataSource dataSource, Dialect dialect) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.pendingData = new PendingDataDao(dataSource, dialect);
        this.uploads = new UploadDao(dataSource, dialect);
        this.rows = new ImageRows(dialect);
        this.pages = new ImagePageReader(dialect);
    }

    public Optional<Image> find(String id) {
        List<Image> found = loadAll(List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** Whether {@code project} holds a live membership of the image: in {@code status}, or in any if it is empty. */
    public boolean isMember(String imageId, String project, Optional<String> status) {
        return Jdbc.withConnection(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM image_members"
                    + " WHERE image_id = ? AND member = ? AND deleted = ?")) {
                ps.setString(1, imageId);
                ps.setString(2, project);
                ps.setBoolean(3, false);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (status.isEmpty() || status.get().equals(rs.getString(1))) {
                            return true;
                        }
                    }
                    return false;
                }
            }
        });
    }

    /** One page of the images the scope may see, in the query's order, whole. */
    public List<Image> list(ImageListQuery query, ListScope scope) {
        return list(query, scope, true);
    }

    /**
     * One page of the images the scope may see, in the query's order; without {@code withLocations} the images
     * come without their locations, for a page that shows none (a statement of 1,000 index probes less).
     */
    public List<Image> list(ImageListQuery query, ListScope scope, boolean withLocations) {
        return Jdbc.withConnection(dataSource, c -> {
            List<String> ids = pages.pageIds(c, query, scope);
            return ids.isEmpty() ? List.of() : rows.loadAsStored(c, ids, dataSource, withLocations);
        });
    }

    /** Loads the live images with these ids, in the order given. */
    public List<Image> loadAll(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return Jdbc.withConnection(dataSource, c -> rows.load(c, ids));
    }

    public void insert(Image image) {
        Jdbc.inTransaction(dataSource, c -> {
            // the primary key tells a duplicate id apart, sparing a lookup on every create
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO images (id, created_at, deleted_at, deleted, "
                    + ImageColumns.NAMES + ") VALUES (?, ?, NULL, ?, " + ImageColumns.PLACEHOLDERS + ")")) {
                ps.setString(1, image.id());
                dialect.setTimestamp(ps, 2, image.createdAt());
                ps.setBoolean(3, false);
                ImageColumns.bind(ps, 4, image, dialect);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (Jdbc.isDuplicateKey(e)) {
                    throw GlanceException.conflict("Image with identifier " + image.id() + " already exists!");
                }
                throw e;
            }
            rows.insertProperties(c, image.id(), image.properties(), image.createdAt());
            rows.writeTags(c, image.id(), List.of(), image.tags(), image.createdAt());
            return null;
        });
    }

    /**
     * Replaces the image's attributes, properties and tags with {@code updated}'s, but only while its status is
     * still {@code expected} (compare-and-swap); returns false when the image changed status or disappeared.
     */
    public boolean update(Image before, Image updated, ImageStatus expected) {
        return Jdbc.inTransaction(dataSource, c -> {
            if (!updateRow(c, updated, expected)) {
                return false;
            }
            rows.writeProperties(c, updated.id(), before.properties(), updated.properties(), updated.updatedAt());
            rows.writeTags(c, updated.id(), before.tags(), updated.tags(), updated.updatedAt());
            if (!before.locations().equals(updated.locations())) {
                rows.writeLocations(c, updated.id(), before.locations(), updated.locations(), updated.updatedAt(),
                        pendingData);
            }
            return true;
        });
    }

    /** Moves the image from one status to another if it is still in the first; false otherwise. */
    public boolean transition(String id, ImageStatus from, ImageStatus to, Instant now) {
        if (!from.canBecome(to)) {
            throw new IllegalStateException("image status cannot go from " + from.wire() + " to " + to.wire());
        }
        return Jdbc.inTransaction(dataSource, c -> rows.setStatus(c, id, from, to, now));
    }

    /**
     * Records uploaded data and activates the image, if it is still {@code saving} by the upload {@code owner}
     * started (a recovered and restarted upload has another owner); false otherwise. The upload's markers go.
     */
    public boolean activate(Image withData, ImageLocation location, String owner) {
        try {
            return Jdbc.inTransaction(dataSource, c -> {
                if (!uploads.removeMarkers(c, withData.id(), owner, withData.updatedAt())) {
                    return false;
                }
                if (!updateRow(c, withData, ImageStatus.SAVING)) {
                    throw new NotSaving();
                }
                rows.addLocation(c, withData.id(), location, withData.updatedAt());
                return true;
            });
        } catch (NotSaving e) {
            return false;
        }
    }

    /**
     * Records data an import wrote to one more store: {@code after} (status, size, hashes, properties) replaces
     * {@code before} and the location is added, if the image is still in {@code before}'s status with the
     * import's upload still held by {@code owner}; false otherwise. The upload's markers go.
     */
    public boolean recordImportedData(Image before, Image after, ImageLocation location, String owner) {
        try {
            return Jdbc.inTransaction(dataSource, c -> {
                if (!uploads.removeMarkers(c, before.id(), owner, after.updatedAt())) {
                    return false;
                }
                if (!updateRow(c, after, before.status())) {
                    throw new NotSaving();
                }
                rows.writeProperties(c, after.id(), before.properties(), after.properties(), after.updatedAt());
                rows.addLocation(c, after.id(), location, after.updatedAt());
                return true;
            });
        } catch (NotSaving e) {
            return false;
        }
    }

    /**
     * Removes one live location of an active image and records its data as pending removal, in one transaction;
     * false if the image is no longer active with that location (changed meanwhile).
     */
    public boolean removeLocation(String imageId, String url, Instant now) {
        return Jdbc.inTransaction(dataSource, c -> {
            if (!rows.removeLocationOfActive(c, imageId, url, now)) {
                return false;
            }
            pendingData.record(c, imageId, url, now);
            return true;
        });
    }

    /**
     * Soft-deletes the image and everything hanging off it, as upstream's image_destroy does. Its data, and that
     * of an upload in flight, is recorded as pending removal in the same transaction, so that it is removed even
     * if this process stops before removing it.
     */
    public void delete(String id, Instant now) {
        Jdbc.inTransaction(dataSource, c -> {
            String inFlight = uploads.location(c, id);
            if (inFlight != null) {
                pendingData.record(c, id, inFlight, now);
            }
            rows.softDeleteChildren(c, "image_locations", ", status = 'pending_delete'", id, now);
            for (String table : List.of("image_properties", "image_tags", "image_members")) {
                rows.softDeleteChildren(c, table, "", id, now);
            }
            softDelete(c, "UPDATE images SET deleted = ?, deleted_at = ?, status = 'deleted' WHERE id = ? AND deleted = ?",
                    id, now);
            return null;
        });
    }

    private void softDelete(Connection c, String sql, String id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setBoolean(1, true);
            dialect.setTimestamp(ps, 2, now);
            ps.setString(3, id);
            ps.setBoolean(4, false);
            ps.executeUpdate();
        }
    }

    private boolean updateRow(Connection c, Image image, ImageStatus expected) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE images SET " + ImageColumns.ASSIGNMENTS
                + " WHERE id = ? AND status = ? AND deleted = ?")) {
            int next = ImageColumns.bind(ps, 1, image, dialect);
            ps.setString(next, image.id());
            ps.setString(next + 1, expected.wire());
            ps.setBoolean(next + 2, false);
            return ps.executeUpdate() == 1;
        }
    }

    /** Rolls back an activation whose image left {@code saving} although its upload markers were still there. */
    private static final class NotSaving extends RuntimeException {
        NotSaving() {
            super(null, null, false, false);
        }
    }
}
