package org.glancej.images.list;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The statistics ANALYZE gathered on bench/scale.sh's million images, for SQLite to plan a small test database
 * as it plans that one (SQLite plans by sqlite_stat1 alone, which may be written and reloaded).
 */
final class SqliteMillionImageStatistics {
    private static final List<String> ROWS = List.of(
            "image_members|ix_image_members_deleted|200000 200000",
            "image_members|ix_image_members_image_id|200000 2",
            "image_members|ix_image_members_image_id_member|200000 2 1",
            "image_members|sqlite_autoindex_image_members_1|200000 2 1 1",
            "image_properties|glancej_image_properties_name_value|3000000 1000000 48388 1",
            "image_properties|ix_image_properties_deleted|3000000 1500000",
            "image_properties|ix_image_properties_image_id|3000000 3",
            "image_properties|sqlite_autoindex_image_properties_1|3000000 3 1",
            "image_tags|glancej_image_tags_value|1000000 1000 1",
            "image_tags|ix_image_tags_image_id|1000000 1",
            "image_tags|ix_image_tags_image_id_tag_value|1000000 1 1",
            "images|checksum_image_idx|1000000 1",
            "images|created_at_image_idx|1000000 2",
            "images|glancej_images_container_format|1000000 200000 1 1 1 1 1 1 1",
            "images|glancej_images_disk_format|1000000 125000 1 1 1 1 1 1 1",
            "images|glancej_images_name|1000000 1 1 1 1 1 1 1 1",
            "images|glancej_images_owner|1000000 125000 1 1",
            "images|glancej_images_owner_visibility|1000000 125000 50000 1 1",
            "images|glancej_images_size|1000000 1 1 1 1 1 1 1 1",
            "images|glancej_images_status|1000000 250000 2 1 1 1 1 1",
            "images|glancej_images_updated_at|1000000 2 1 1",
            "images|ix_images_deleted|1000000 500000",
            "images|os_hash_value_image_idx|1000000 1",
            "images|os_hidden_image_idx|1000000 500000",
            "images|owner_image_idx|1000000 125000",
            "images|sqlite_autoindex_images_1|1000000 1",
            "images|updated_at_image_idx|1000000 2",
            "images|visibility_image_idx|1000000 250000");

    private SqliteMillionImageStatistics() {}

    /** Replaces the database's statistics by these (and drops its samples of the few images it holds). */
    static void load(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM sqlite_stat1");
            try (ResultSet stat4 = s.executeQuery("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat4'")) {
                if (stat4.next()) {
                    s.execute("DELETE FROM sqlite_stat4");
                }
            }
            for (String row : ROWS) {
                String[] parts = row.split("\\|");
                s.execute("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('" + parts[0] + "', '" + parts[1]
                        + "', '" + parts[2] + "')");
            }
            s.execute("ANALYZE sqlite_schema");
        }
    }
}
