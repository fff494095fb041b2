package org.glancej.images;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glancej.db.Dialect;

/**
 * Reads live images by id, with their properties, tags and locations: one statement per table for the whole
 * list (a page of 1,000 images is four statements). Child rows are read without {@code ORDER BY}: sorting them
 * made PostgreSQL scan the whole child table (45 ms at 100,000 images) instead of probing its {@code image_id}
 * index; each image's rows are put in row-id order (upstream's insertion order) here instead.
 */
final class ImageLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> META = new TypeReference<>() {};
    private static final String IMAGE_COLUMNS = "id, name, status, visibility, protected, os_hidden, checksum,"
            + " os_hash_algo, os_hash_value, owner, size, virtual_size, disk_format, container_format, min_disk,"
            + " min_ram, created_at, updated_at";

    private final Dialect dialect;

    ImageLoader(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The live images stored under exactly these ids, keyed by their canonical id. */
    Map<String, Image> byCanonicalId(Connection c, List<String> ids) throws SQLException {
        Map<String, List<ChildRow>> properties = children(c, "id, image_id, name, value", "image_properties", ids);
        Map<String, List<ChildRow>> tags = children(c, "id, image_id, value", "image_tags", ids);
        Map<String, List<ChildRow>> locations =
                children(c, "id, image_id, value, meta_data, status", "image_locations", ids);
        Map<String, Image> byId = HashMap.newHashMap(ids.size());
        try (PreparedStatement ps = c.prepareStatement("SELECT " + IMAGE_COLUMNS + " FROM images WHERE deleted = ?"
                + " AND " + idCondition("id", ids.size()))) {
            try (ResultSet rs = query(c, ps, ids)) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    byId.put(ImageIds.canonical(id), image(rs, id, properties(properties.get(id)),
                            tags(tags.get(id)), locations(locations.get(id))));
                }
            }
        }
        return byId;
    }

    /** Each image's live rows of one child table, in row-id order. */
    private Map<String, List<ChildRow>> children(Connection c, String columns, String table, List<String> ids)
            throws SQLException {
        Map<String, List<ChildRow>> byImage = HashMap.newHashMap(ids.size());
        try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM " + table + " WHERE deleted = ?"
                + " AND " + idCondition("image_id", ids.size()))) {
            try (ResultSet rs = query(c, ps, ids)) {
                int width = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    ChildRow row = new ChildRow(rs.getLong(1), rs.getString(3),
                            width > 3 ? rs.getString(4) : null, width > 4 ? rs.getString(5) : null);
                    byImage.computeIfAbsent(rs.getString(2), k -> new ArrayList<>(4)).add(row);
                }
            }
        }
        for (List<ChildRow> rows : byImage.values()) {
            if (!ChildRow.inOrder(rows)) {
                rows.sort(null);
            }
        }
        return byImage;
    }

    /** PostgreSQL takes the list as one array parameter (one plan whatever its length); the others a list. */
    private String idCondition(String column, int count) {
        if (dialect == Dialect.POSTGRESQL) {
            return column + " = ANY (?)";
        }
        return column + " IN (" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }

    private ResultSet query(Connection c, PreparedStatement ps, List<String> ids) throws SQLException {
        ps.setBoolean(1, false);
        if (dialect == Dialect.POSTGRESQL) {
            ps.setArray(2, c.createArrayOf("varchar", ids.toArray()));
        } else {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 2, ids.get(i));
            }
        }
        return ps.executeQuery();
    }

    private static Map<String, String> properties(List<ChildRow> rows) {
        if (rows == null) {
            return Map.of();
        }
        Map<String, String> properties = LinkedHashMap.newLinkedHashMap(rows.size());
        for (ChildRow row : rows) {
            if (!UploadMarkers.isMarker(row.first())) {
                properties.put(row.first(), row.second());
            }
        }
        return properties;
    }

    private static List<String> tags(List<ChildRow> rows) {
        return rows == null ? List.of() : rows.stream().map(ChildRow::first).toList();
    }

    private static List<ImageLocation> locations(List<ChildRow> rows) {
        if (rows == null) {
            return List.of();
        }
        return rows.stream().map(row -> new ImageLocation(row.first(), meta(row.second()), row.third())).toList();
    }

    private Image image(ResultSet rs, String id, Map<String, String> properties, List<String> tags,
            List<ImageLocation> locations) throws SQLException {
        return new Image(id, rs.getString(2), ImageStatus.fromWire(rs.getString(3)),
                Visibility.parse(rs.getString(4)).orElse(Visibility.SHARED), rs.getBoolean(5), rs.getBoolean(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), nullableLong(rs, 11),
                nullableLong(rs, 12), rs.getString(13), rs.getString(14), rs.getInt(15), rs.getInt(16),
                dialect.getTimestamp(rs, "created_at"), dialect.getTimestamp(rs, "updated_at"),
                properties, tags, locations);
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** Location metadata as stored (JSON text); unreadable metadata reads as none, as before. */
    static Map<String, Object> meta(String json) {
        if (json == null || json.isBlank() || json.equals("{}")) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, META);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    /** One child-table row: its id (the insertion order) and up to three text columns. */
    private record ChildRow(long id, String first, String second, String third) implements Comparable<ChildRow> {
        @Override
        public int compareTo(ChildRow other) {
            return Long.compare(id, other.id);
        }

        static boolean inOrder(List<ChildRow> rows) {
            for (int i = 1; i < rows.size(); i++) {
                if (rows.get(i - 1).id > rows.get(i).id) {
                    return false;
                }
            }
            return true;
        }
    }
}
