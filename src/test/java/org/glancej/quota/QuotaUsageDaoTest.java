package org.glancej.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.UUID;
import org.glancej.db.testing.DatabaseTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Usage counts on every database, over rows laid out as upstream writes them. */
class QuotaUsageDaoTest extends DatabaseTestSupport {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    private static final long GIB = 1L << 30;
    private QuotaUsageDao dao;

    @BeforeEach
    void createDao() {
        dao = new QuotaUsageDao(database.dataSource());
    }

    private String image(String owner, String status, Long size) {
        String id = UUID.randomUUID().toString();
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO images (id, size, status, created_at, deleted,"
                    + " owner, min_disk, min_ram) VALUES (?, ?, ?, ?, ?, ?, 0, 0)")) {
                ps.setString(1, id);
                ps.setObject(2, size);
                ps.setString(3, status);
                database.dialect().setTimestamp(ps, 4, T0);
                ps.setBoolean(5, status.equals("deleted"));
                ps.setString(6, owner);
                ps.executeUpdate();
            }
            return null;
        });
        return id;
    }

    private void location(String imageId, String status) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_locations (image_id, value, created_at,"
                    + " deleted, meta_data, status) VALUES (?, ?, ?, ?, '{}', ?)")) {
                ps.setString(1, imageId);
                ps.setString(2, "file:///var/lib/glance/images/" + imageId);
                database.dialect().setTimestamp(ps, 3, T0);
                ps.setBoolean(4, status.equals("deleted"));
                ps.setString(5, status);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private void property(String imageId, String name, String value, boolean deleted) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_properties (image_id, name, value,"
                    + " created_at, deleted) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, imageId);
                ps.setString(2, name);
                ps.setString(3, value);
                database.dialect().setTimestamp(ps, 4, T0);
                ps.setBoolean(5, deleted);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private String imageWithLocations(String owner, String status, Long size, String... locationStatuses) {
        String id = image(owner, status, size);
        for (String locationStatus : locationStatuses) {
            location(id, locationStatus);
        }
        return id;
    }

    @Test
    void storedBytesCountEachLocationNotMarkedDeletedOfLiveImages() {
        imageWithLocations("p1", "active", 3 * GIB, "active", "active");
        imageWithLocations("p1", "active", 50L, "deleted", "pending_delete");
        imageWithLocations("p1", "deactivated", 7L, "active");
        imageWithLocations("p1", "killed", 1000L, "active");
        imageWithLocations("p1", "pending_delete", 1000L, "active");
        imageWithLocations("p1", "deleted", 1000L, "deleted");
        imageWithLocations("p1", "active", 0L, "active");
        imageWithLocations("p1", "queued", null);
        imageWithLocations("p2", "active", 1000L, "active");

        assertThat(dao.storedBytes("p1", null)).isEqualTo(6 * GIB + 50 + 7);
    }

    @Test
    void storedBytesLeaveOutTheImageBeingReplaced() {
        String replaced = imageWithLocations("p1", "active", 100L, "active");
        imageWithLocations("p1", "active", 10L, "active");

        assertThat(dao.storedBytes("p1", replaced)).isEqualTo(10);
        assertThat(dao.storedBytes("p1", "no-such-image")).isEqualTo(110);
    }

    @Test
    void nullOwnerMeansTheImagesWithoutOwner() {
        imageWithLocations(null, "active", 5L, "active");
        imageWithLocations("p1", "active", 100L, "active");

        assertThat(dao.storedBytes(null, null)).isEqualTo(5);
        assertThat(dao.imageCount(null)).isEqualTo(1);
        assertThat(dao.storedBytes("nobody", null)).isZero();
    }

    @Test
    void stagedBytesCountUploadsImportsAndCopiesInProgress() {
        image("p1", "uploading", 10L);
        image("p1", "importing", 20L);
        image("p1", "uploading", null);
        property(image("p1", "active", 30L), "os_glance_importing_to_stores", "store1,store2", false);
        property(image("p1", "active", 400L), "os_glance_importing_to_stores", "", false);
        property(image("p1", "killed", 5000L), "os_glance_importing_to_stores", "store1", false);
        property(image("p1", "pending_delete", 60000L), "os_glance_importing_to_stores", "store1", false);
        // upstream ignores the property's deleted flag, so this copy still counts
        property(image("p1", "active", 700000L), "os_glance_importing_to_stores", "store1", true);
        image("p2", "uploading", 8000000L);

        assertThat(dao.stagedBytes("p1")).isEqualTo(10 + 20 + 30 + 700000);
    }

    @Test
    void imageCountLeavesOutKilledDeletedAndPendingDelete() {
        for (String status : new String[] {"queued", "saving", "uploading", "importing", "active", "deactivated",
                "killed", "deleted", "pending_delete"}) {
            image("p1", status, null);
        }
        image("p2", "active", null);

        assertThat(dao.imageCount("p1")).isEqualTo(6);
    }

    @Test
    void uploadingCountIsImagesReceivingDataOrBeingCopied() {
        image("p1", "saving", null);
        image("p1", "uploading", 0L);
        image("p1", "importing", null);
        image("p1", "queued", null);
        image("p1", "active", 10L);
        property(image("p1", "active", null), "os_glance_importing_to_stores", "store1", false);
        property(image("p1", "importing", null), "os_glance_importing_to_stores", "store1", false);
        property(image("p1", "killed", null), "os_glance_importing_to_stores", "store1", false);
        property(image("p1", "active", null), "os_glance_importing_to_stores", "", false);
        image("p2", "saving", null);

        assertThat(dao.uploadingCount("p1")).isEqualTo(5);
    }
}
