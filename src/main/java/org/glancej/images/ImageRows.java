package org.glancej.images;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.glancej.db.ColumnCollation;
import org.glancej.db.Dialect;

/** Row-level reads and writes behind {@link ImageDao}: batch loading and child-table upkeep. */
final class ImageRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dialect dialect;
    private final ImageLoader loader;

    ImageRows(Dialect dialect) {
        this.dialect = dialect;
        this.loader = new ImageLoader(dialect);
    }

    /**
     * Live images with the given ids, in that order, each with its properties, tags and locations. An id names
     * its image in either letter case ({@link ImageIds}): ids are looked up in their canonical lower case, and
     * those not found once more in upper case, how an older writer may have stored an id a client chose (so
     * found on every database, as MariaDB's collation finds them anyway). The second lookup is only for misses:
     * an IN list of two spellings costs SQLite a temporary index on every query.
     */
    List<Image> load(Connection c, List<String> requested) throws SQLException {
        List<String> canonical = requested.stream().map(ImageIds::canonical).distinct().toList();
        Map<String, Image> byId = loader.byCanonicalId(c, canonical);
        List<String> upperCase = canonical.stream().filter(id -> !byId.containsKey(id))
                .map(id -> id.toUpperCase(Locale.ROOT))
                .filter(upper -> !canonical.contains(upper) && canonical.contains(ImageIds.canonical(upper)))
                .toList(); // UUIDs only: another id is not ours to spell differently
        if (!upperCase.isEmpty()) {
            byId.putAll(loader.byCanonicalId(c, upperCase));
        }
        return ordered(requested, byId);
    }

    /**
     * As {@link #load}, for ids just read from the database: spelt as stored, so no other spelling is looked up.
     * A large list is read partly on other connections of {@code pool} ({@link ImageLoader}): {@code c} must be
     * in autocommit. Without {@code withLocations} the images come without their locations.
     */
    List<Image> loadAsStored(Connection c, List<String> storedIds, DataSource pool, boolean withLocations)
            throws SQLException {
        return loader.page(c, storedIds, pool, withLocations);
    }

    private static List<Image> ordered(List<String> requested, Map<String, Image> byId) {
        List<Image> ordered = new ArrayList<>(requested.size());
        for (String id : requested) {
            Image image = byId.get(ImageIds.canonical(id));
            if (image != null) {
                ordered.add(image);
            }
        }
        return ordered;
    }

    /**
     * Brings the property rows from {@code before} to {@code after}. Upstream keeps one row per (image, name),
     * reviving a soft-deleted row when the name comes back, so the unique index on the pair never trips.
     * Removals go first and a revived row takes the name as now spelt: on MariaDB a name in another letter case
     * ({@link ColumnCollation}) matches the old row, which must neither swallow the new name nor be removed after it.
     */
    void writeProperties(Connection c, String imageId, Map<String, String> before, Map<String, String> after,
            Instant now) throws SQLException {
        for (String name : before.keySet()) {
            if (!after.containsKey(name)) {
                softDeleteChild(c, "image_properties", "name", "", imageId, name, now);
            }
        }
        for (Map.Entry<String, String> e : after.entrySet()) {
            if (before.containsKey(e.getKey()) && java.util.Objects.equals(e.getValue(), before.get(e.getKey()))) {
                continue;
            }
            putProperty(c, imageId, e.getKey(), e.getValue(), now);
        }
    }

    /**
     * The properties of an image inserted in the same transaction, which has none yet. No UPDATE first: on
     * MariaDB an UPDATE that matches no row locks the gap in the (image_id, name) index where the row would be,
     * and two creates whose new ids fall in the same gap then deadlock on their INSERTs (measured: 8 concurrent
     * creates each carrying a property, deadlocks and a 500 within seconds).
     */
    void insertProperties(Connection c, String imageId, Map<String, String> properties, Instant now)
            throws SQLException {
        if (properties.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_properties (image_id, name, value,"
                + " created_at, updated_at, deleted_at, deleted) VALUES (?, ?, ?, ?, NULL, NULL, ?)")) {
            for (Map.Entry<String, String> e : properties.entrySet()) {
                ps.setString(1, imageId);
                ps.setString(2, e.getKey());
                ps.setString(3, e.getValue());
                dialect.setTimestamp(ps, 4, now);
                ps.setBoolean(5, false);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Sets one property, reviving its soft-deleted row if there is one (upstream keeps one row per image and name)
     * and taking the name as now spelt. The row is found by a plain read and changed by primary key: an UPDATE
     * matching nothing would take a gap lock on MariaDB, which an upload of another image inserting its rows
     * beside them waits on. Callers hold the image's row (its status changes in the same transaction), so no one
     * else inserts this name meanwhile.
     */
    void putProperty(Connection c, String imageId, String name, String value, Instant now) throws SQLException {
        Long id = null;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM image_properties WHERE image_id = ? AND name = ?")) {
            ps.setString(1, imageId);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    id = rs.getLong(1);
                }
            }
        }
        if (id != null) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE image_properties SET name = ?, value = ?,"
                    + " updated_at = ?, deleted = ?, deleted_at = NULL WHERE id = ?")) {
                ps.setString(1, name);
                ps.setString(2, value);
                dialect.setTimestamp(ps, 3, now);
                ps.setBoolean(4, false);
                ps.setLong(5, id);
                ps.executeUpdate();
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_properties (image_id, name, value,"
                + " created_at, updated_at, deleted_at, deleted) VALUES (?, ?, ?, ?, NULL, NULL, ?)")) {
            ps.setString(1, imageId);
            ps.setString(2, name);
            ps.setString(3, value);
            dialect.setTimestamp(ps, 4, now);
            ps.setBoolean(5, false);
            ps.executeUpdate();
        }
    }

    /**
     * Soft-deletes the image's live properties of these names (only those holding {@code value}, when not null);
     * how many. The rows are found by a plain read and changed by primary key: an UPDATE keyed by image and a
     * list of names led MariaDB, on a table of mostly soft-deleted rows, through the index on {@code deleted},
     * locking every image's live rows, and concurrent uploads of different images deadlocked.
     */
    int softDeleteProperties(Connection c, String imageId, List<String> names, String value, Instant now)
            throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM image_properties WHERE image_id = ? AND name IN ("
                + String.join(", ", Collections.nCopies(names.size(), "?")) + ") AND deleted = ?")) {
            ps.setString(1, imageId);
            for (int i = 0; i < names.size(); i++) {
                ps.setString(2 + i, names.get(i));
            }
            ps.setBoolean(2 + names.size(), false);
            collectIds(ps, ids);
        }
        return markDeleted(c, "image_properties", "", ids, value, now);
    }

    /**
     * Soft-deletes an image's live rows of a child table ({@code alsoSet}: more assignments, e.g. a location's
     * status), found and changed as {@link #softDeleteProperties} does: keyed by {@code image_id AND deleted}
     * MariaDB may merge the two indexes and lock other images' rows.
     */
    void softDeleteChildren(Connection c, String table, String alsoSet, String imageId, Instant now)
            throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM " + table + " WHERE image_id = ? AND deleted = ?")) {
            ps.setString(1, imageId);
            ps.setBoolean(2, false);
            collectIds(ps, ids);
        }
        markDeleted(c, table, alsoSet, ids, null, now);
    }

    private static void collectIds(PreparedStatement ps, List<Long> ids) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
    }

    /** Marks these rows deleted if still live (and holding {@code value}, when not null): the read locked nothing. */
    private int markDeleted(Connection c, String table, String alsoSet, List<Long> ids, String value, Instant now)
            throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET deleted = ?, deleted_at = ?" + alsoSet
                + " WHERE id IN " + placeholders(ids.size()) + " AND deleted = ?"
                + (value == null ? "" : " AND value = ?"))) {
            ps.setBoolean(1, true);
            dialect.setTimestamp(ps, 2, now);
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(3 + i, ids.get(i));
            }
            ps.setBoolean(3 + ids.size(), false);
            if (value != null) {
                ps.setString(4 + ids.size(), value);
            }
            return ps.executeUpdate();
        }
    }

    /** Moves a live image from one status to another if it is still in the first; false otherwise. */
    boolean setStatus(Connection c, String id, ImageStatus from, ImageStatus to, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE images SET status = ?, updated_at = ? WHERE id = ? AND status = ? AND deleted = ?")) {
            ps.setString(1, to.wire());
            dialect.setTimestamp(ps, 2, now);
            ps.setString(3, id);
            ps.setString(4, from.wire());
            ps.setBoolean(5, false);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Brings the live location rows from {@code before} to {@code after}: removed URLs are soft-deleted and their
     * data recorded as pending removal, new URLs added, changed metadata rewritten.
     */
    void writeLocations(Connection c, String imageId, List<ImageLocation> before, List<ImageLocation> after,
            Instant now, PendingDataDao pendingData) throws SQLException {
        Map<String, ImageLocation> wanted = new LinkedHashMap<>();
        after.forEach(l -> wanted.put(l.url(), l));
        Map<String, ImageLocation> had = new LinkedHashMap<>();
        before.forEach(l -> had.put(l.url(), l));
        for (ImageLocation old : before) {
            ImageLocation kept = wanted.get(old.url());
            if (kept == null) {
                softDeleteChild(c, "image_locations", "value", ", status = 'deleted'", imageId, old.url(), now);
                pendingData.record(c, imageId, old.url(), now);
            } else if (!kept.metadata().equals(old.metadata())) {
                rewriteLocationMetadata(c, liveIds(c, "image_locations", "value", imageId, old.url()), kept, now);
            }
        }
        for (ImageLocation location : after) {
            if (!had.containsKey(location.url())) {
                addLocation(c, imageId, location, now);
            }
        }
    }

    /** Brings the tag rows from {@code before} to {@code after}; removals first, as for properties. */
    void writeTags(Connection c, String imageId, List<String> before, List<String> after, Instant now)
            throws SQLException {
        for (String tag : before) {
            if (!after.contains(tag)) {
                softDeleteChild(c, "image_tags", "value", "", imageId, tag, now);
            }
        }
        for (String tag : after) {
            if (before.contains(tag)) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_tags (image_id, value, created_at,"
                    + " updated_at, deleted_at, deleted) VALUES (?, ?, ?, NULL, NULL, ?)")) {
                ps.setString(1, imageId);
                ps.setString(2, tag);
                dialect.setTimestamp(ps, 3, now);
                ps.setBoolean(4, false);
                ps.executeUpdate();
            }
        }
    }

    void addLocation(Connection c, String imageId, ImageLocation location, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_locations (image_id, value, created_at,"
                + " updated_at, deleted_at, deleted, meta_data, status) VALUES (?, ?, ?, NULL, NULL, ?, ?, ?)")) {
            ps.setString(1, imageId);
            ps.setString(2, location.url());
            dialect.setTimestamp(ps, 3, now);
            ps.setBoolean(4, false);
            ps.setString(5, JSON.writeValueAsString(location.metadata()));
            ps.setString(6, location.status());
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("location metadata is not serialisable", e);
        }
    }

    /**
     * Soft-deletes the image's live rows holding {@code value} in {@code column} ({@code alsoSet}: more assignments),
     * found and changed as {@link #softDeleteProperties} does: an UPDATE keyed by image, value and {@code deleted}
     * deadlocked concurrent location changes of different images on MariaDB.
     */
    private void softDeleteChild(Connection c, String table, String column, String alsoSet, String imageId,
            String value, Instant now) throws SQLException {
        markDeleted(c, table, alsoSet, liveIds(c, table, column, imageId, value), null, now);
    }

    /** The ids of the image's live rows holding {@code value} in {@code column}: a plain read, locking nothing. */
    private static List<Long> liveIds(Connection c, String table, String column, String imageId, String value)
            throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM " + table + " WHERE image_id = ? AND " + column + " = ? AND deleted = ?")) {
            ps.setString(1, imageId);
            ps.setString(2, value);
            ps.setBoolean(3, false);
            collectIds(ps, ids);
        }
        return ids;
    }

    private void rewriteLocationMetadata(Connection c, List<Long> ids, ImageLocation location, Instant now)
            throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE image_locations SET meta_data = ?, updated_at = ?"
                + " WHERE id IN " + placeholders(ids.size()) + " AND deleted = ?")) {
            ps.setString(1, JSON.writeValueAsString(location.metadata()));
            dialect.setTimestamp(ps, 2, now);
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(3 + i, ids.get(i));
            }
            ps.setBoolean(3 + ids.size(), false);
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("location metadata is not serialisable", e);
        }
    }

    /**
     * Soft-deletes a live location of the image if the image is active, in one statement keyed by the location
     * rows' ids (found as {@link #softDeleteChild} finds them); false when it has no such location or is not active.
     */
    boolean removeLocationOfActive(Connection c, String imageId, String url, Instant now) throws SQLException {
        List<Long> ids = liveIds(c, "image_locations", "value", imageId, url);
        if (ids.isEmpty()) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE image_locations SET deleted = ?, deleted_at = ?,"
                + " status = 'deleted' WHERE id IN " + placeholders(ids.size()) + " AND deleted = ? AND EXISTS"
                + " (SELECT 1 FROM images i WHERE i.id = ? AND i.status = ? AND i.deleted = ?)")) {
            ps.setBoolean(1, true);
            dialect.setTimestamp(ps, 2, now);
            int next = 3;
            for (long id : ids) {
                ps.setLong(next++, id);
            }
            ps.setBoolean(next++, false);
            ps.setString(next++, imageId);
            ps.setString(next++, ImageStatus.ACTIVE.wire());
            ps.setBoolean(next, false);
            return ps.executeUpdate() > 0;
        }
    }

    private static String placeholders(int count) {
        return "(" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }
}
