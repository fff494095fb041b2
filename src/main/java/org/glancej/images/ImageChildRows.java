package org.glancej.images;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the live rows of the child tables ({@code image_properties}, {@code image_tags}, {@code image_locations})
 * of a list of images, one statement per table. Rows are read without {@code ORDER BY}: sorting them made
 * PostgreSQL scan the whole child table (45 ms at 100,000 images) instead of probing its {@code image_id} index;
 * each image's rows are put in row-id order (upstream's insertion order) here instead.
 */
final class ImageChildRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> META = new TypeReference<>() {};

    private final ImageIdLookup lookup;

    ImageChildRows(ImageIdLookup lookup) {
        this.lookup = lookup;
    }

    /** Each image's properties, in insertion order, without the upload markers. */
    Map<String, Map<String, String>> properties(Connection c, ImageIdLookup.Ids ids) throws SQLException {
        Map<String, Map<String, String>> byImage = HashMap.newHashMap(ids.size());
        rows(c, "id, image_id, name, value", "image_properties", ids).forEach((image, rows) -> {
            Map<String, String> properties = LinkedHashMap.newLinkedHashMap(rows.size());
            for (ChildRow row : rows) {
                if (!UploadMarkers.isMarker(row.first())) {
                    properties.put(row.first(), row.second());
                }
            }
            byImage.put(image, properties);
        });
        return byImage;
    }

    Map<String, List<String>> tags(Connection c, ImageIdLookup.Ids ids) throws SQLException {
        Map<String, List<String>> byImage = HashMap.newHashMap(ids.size());
        rows(c, "id, image_id, value", "image_tags", ids)
                .forEach((image, rows) -> byImage.put(image, rows.stream().map(ChildRow::first).toList()));
        return byImage;
    }

    Map<String, List<ImageLocation>> locations(Connection c, ImageIdLookup.Ids ids) throws SQLException {
        Map<String, List<ImageLocation>> byImage = HashMap.newHashMap(ids.size());
        rows(c, "id, image_id, value, meta_data, status", "image_locations", ids).forEach((image, rows) ->
                byImage.put(image, rows.stream()
                        .map(row -> new ImageLocation(row.first(), meta(row.second()), row.third())).toList()));
        return byImage;
    }

    /**
     * Tag rows read along with other rows (MariaDB/MySQL read them in the images' own statement, {@link
     * ImageLoader}): each image's tags come out in row-id order, as {@link #tags} gives them.
     */
    static final class TagRows {
        private final Map<String, List<ChildRow>> byImage;

        TagRows(int images) {
            byImage = HashMap.newHashMap(images);
        }

        void add(String imageId, long rowId, String value) {
            byImage.computeIfAbsent(imageId, k -> new ArrayList<>(4)).add(new ChildRow(rowId, value, null, null));
        }

        Map<String, List<String>> tags() {
            Map<String, List<String>> tags = HashMap.newHashMap(byImage.size());
            byImage.forEach((image, rows) -> {
                sortById(rows);
                tags.put(image, rows.stream().map(ChildRow::first).toList());
            });
            return tags;
        }
    }

    /** Each image's live rows of one child table, in row-id order. */
    private Map<String, List<ChildRow>> rows(Connection c, String columns, String table, ImageIdLookup.Ids ids)
            throws SQLException {
        Map<String, List<ChildRow>> byImage = HashMap.newHashMap(ids.size());
        lookup.query(c, "SELECT " + columns + " FROM " + table + " WHERE deleted = ? AND ", "image_id", ids, rs -> {
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                ChildRow row = new ChildRow(rs.getLong(1), rs.getString(3),
                        width > 3 ? rs.getString(4) : null, width > 4 ? rs.getString(5) : null);
                byImage.computeIfAbsent(rs.getString(2), k -> new ArrayList<>(4)).add(row);
            }
        });
        byImage.values().forEach(ImageChildRows::sortById);
        return byImage;
    }

    private static void sortById(List<ChildRow> rows) {
        if (!ChildRow.inOrder(rows)) {
            rows.sort(null);
        }
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
