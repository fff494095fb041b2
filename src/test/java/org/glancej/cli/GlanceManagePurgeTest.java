package org.glancej.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.glancej.cli.GlanceManageTest.GlanceManageMainRunner;
import org.glancej.cli.GlanceManageTest.Result;
import org.glancej.db.Dialect;
import org.glancej.db.testing.FreshDatabase;
import org.glancej.db.testing.TestBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code glance-manage db purge} and {@code db purge_images_table} on each database: what goes (rows deleted
 * longer ago than the age, oldest first, at most --max_rows per table), what stays (newer deletions, live rows,
 * data still to be removed, images other rows name), and upstream's refusals of the arguments.
 */
@ParameterizedClass(name = "[{0}]")
@MethodSource("org.glancej.db.testing.TestBackend#all")
class GlanceManagePurgeTest {
    private static final Instant NOW = Instant.now();
    private static final Instant OLD = NOW.minus(Duration.ofDays(40));
    private static final Instant RECENT = NOW.minus(Duration.ofDays(10));

    @Parameter
    TestBackend backend;

    @TempDir
    Path tempDir;

    private FreshDatabase fresh;
    private Path configFile;

    @BeforeEach
    void syncedDatabaseWithDeletedRows() throws Exception {
        fresh = backend.create(tempDir);
        configFile = tempDir.resolve("glance-api.conf");
        Files.writeString(configFile, "[database]\nconnection = " + fresh.connection() + "\n");
        assertThat(manage("db_sync").status()).isZero();
        try (Connection c = fresh.connect()) {
            image(c, "old-gone", OLD);
            children(c, "old-gone", OLD, "deleted");
            image(c, "recent-gone", RECENT);
            children(c, "recent-gone", RECENT, "deleted");
            image(c, "live", null);
            property(c, "live", "kept", null);
            property(c, "live", "dropped-long-ago", OLD);
            image(c, "waiting-removal", OLD);
            location(c, "waiting-removal", OLD, "pending_delete");
            task(c, "old-task", OLD);
            task(c, "recent-task", RECENT);
            task(c, "live-task", null);
        }
    }

    @AfterEach
    void dropDatabase() throws Exception {
        fresh.close();
    }

    @Test
    void purgeRemovesTheOldDeletedRowsOfEveryTableButImages() throws Exception {
        Result result = manage("db", "purge");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).contains("Purging deleted rows older than 30 day(s) from table task_info\n"
                + "Deleted 1 row(s) from table task_info\n",
                "Deleted 2 row(s) from table image_properties\n", "Deleted 1 row(s) from table image_tags\n",
                "Deleted 1 row(s) from table image_locations\n", "Deleted 1 row(s) from table image_members\n",
                "Deleted 1 row(s) from table tasks\n");
        assertThat(ids("SELECT image_id FROM image_properties")).containsExactlyInAnyOrder("recent-gone", "live");
        assertThat(ids("SELECT image_id FROM image_tags")).containsExactly("recent-gone");
        // the location whose data still waits for removal stays, old as it is
        assertThat(ids("SELECT image_id FROM image_locations")).containsExactlyInAnyOrder("recent-gone",
                "waiting-removal");
        assertThat(ids("SELECT image_id FROM image_members")).containsExactly("recent-gone");
        assertThat(ids("SELECT id FROM tasks")).containsExactlyInAnyOrder("recent-task", "live-task");
        assertThat(ids("SELECT task_id FROM task_info")).containsExactlyInAnyOrder("recent-task", "live-task");
        assertThat(ids("SELECT id FROM images")).hasSize(4);
    }

    @Test
    void purgeImagesTableRemovesOldDeletedImagesNoRowNames() throws Exception {
        manage("db", "purge");

        Result result = manage("db", "purge_images_table", "--age_in_days", "30");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Purging deleted rows older than 30 day(s) from table images\n"
                + "Deleted 1 row(s) from table images\n"
                + "Left 1 deleted image(s) that other rows still name: run 'glance-manage db purge' first\n");
        assertThat(ids("SELECT id FROM images")).containsExactlyInAnyOrder("recent-gone", "live", "waiting-removal");
        // upstream's default age: images deleted within 180 days stay
        assertThat(manage("db", "purge_images_table").out()).contains("Deleted 0 row(s) from table images\n");
    }

    @Test
    void maxRowsTakesTheOldestAndMinusOneTakesAll() throws Exception {
        try (Connection c = fresh.connect()) {
            property(c, "live", "dropped-earlier", OLD.minus(Duration.ofDays(5)));
            property(c, "live", "dropped-earliest", OLD.minus(Duration.ofDays(9)));
        }

        assertThat(manage("db", "purge", "--max_rows", "2").out()).contains("Deleted 2 row(s) from table image_properties");
        assertThat(names("live")).containsExactlyInAnyOrder("kept", "dropped-long-ago");
        assertThat(manage("db", "purge", "--max_rows", "0").out()).contains("Deleted 0 row(s) from table image_properties");
        assertThat(manage("db", "purge", "--max_rows", "-1", "--age_in_days", "0").out())
                .contains("Deleted 3 row(s) from table image_properties");
        assertThat(names("live")).containsExactly("kept");
    }

    @Test
    void argumentsAreRefusedAsUpstreamRefusesThem() throws Exception {
        assertThat(manage("db", "purge", "--age_in_days", "-1"))
                .isEqualTo(new Result(1, "", "Must supply a non-negative value for age.\n"));
        assertThat(manage("db", "purge", "--age_in_days", "100000"))
                .isEqualTo(new Result(1, "", "Maximal age is count of days since epoch.\n"));
        assertThat(manage("db", "purge_images_table", "--max_rows", "-2"))
                .isEqualTo(new Result(1, "", "Minimal rows limit is -1.\n"));
        assertThat(manage("db", "purge", "--max_rows", "2147483648"))
                .isEqualTo(new Result(1, "", "'max_rows' value out of range, must not exceed 2147483647.\n"));
        assertThat(manage("db", "purge", "--max_rows", "many").status()).isEqualTo(2);
        assertThat(ids("SELECT id FROM tasks")).hasSize(3);
    }

    private Result manage(String... args) {
        List<String> all = new ArrayList<>(List.of("--config-file", configFile.toString()));
        all.addAll(List.of(args));
        return GlanceManageMainRunner.run(tempDir, all.toArray(String[]::new));
    }

    private List<String> ids(String sql) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = fresh.connect(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rows = ps.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private List<String> names(String imageId) throws SQLException {
        return ids("SELECT name FROM image_properties WHERE image_id = '" + imageId + "'");
    }

    /** Deleted at {@code deletedAt}, or live when it is null. */
    private void image(Connection c, String id, Instant deletedAt) throws SQLException {
        insert(c, "INSERT INTO images (id, name, status, created_at, deleted_at, deleted, min_disk, min_ram, protected,"
                + " visibility, os_hidden) VALUES (?, 'n', ?, ?, ?, ?, 0, 0, ?, 'shared', ?)", id,
                deletedAt == null ? "active" : "deleted", OLD.minus(Duration.ofDays(30)), deletedAt, deletedAt != null,
                false, false);
    }

    private void children(Connection c, String imageId, Instant deletedAt, String locationStatus) throws SQLException {
        property(c, imageId, "p", deletedAt);
        insert(c, "INSERT INTO image_tags (image_id, value, created_at, deleted_at, deleted) VALUES (?, 't', ?, ?, ?)",
                imageId, OLD, deletedAt, true);
        location(c, imageId, deletedAt, locationStatus);
        insert(c, "INSERT INTO image_members (image_id, member, can_share, status, created_at, deleted_at, deleted)"
                + " VALUES (?, 'project', ?, 'accepted', ?, ?, ?)", imageId, false, OLD, deletedAt, true);
    }

    private void property(Connection c, String imageId, String name, Instant deletedAt) throws SQLException {
        insert(c, "INSERT INTO image_properties (image_id, name, value, created_at, deleted_at, deleted)"
                + " VALUES (?, ?, 'v', ?, ?, ?)", imageId, name, OLD.minus(Duration.ofDays(20)), deletedAt,
                deletedAt != null);
    }

    private void location(Connection c, String imageId, Instant deletedAt, String status) throws SQLException {
        insert(c, "INSERT INTO image_locations (image_id, value, created_at, deleted_at, deleted, meta_data, status)"
                + " VALUES (?, 'file:///x', ?, ?, ?, '{}', ?)", imageId, OLD, deletedAt, true, status);
    }

    private void task(Connection c, String id, Instant deletedAt) throws SQLException {
        insert(c, "INSERT INTO tasks (id, type, status, owner, created_at, deleted_at, deleted) VALUES (?, 'import',"
                + " 'success', 'p', ?, ?, ?)", id, OLD, deletedAt, deletedAt != null);
        insert(c, "INSERT INTO task_info (task_id, input, result, message) VALUES (?, '{}', '{}', '')", id);
    }

    private void insert(Connection c, String sql, Object... values) throws SQLException {
        Dialect dialect = fresh.dialect();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof Instant instant || values[i] == null) {
                    dialect.setTimestamp(ps, i + 1, (Instant) values[i]);
                } else {
                    ps.setObject(i + 1, values[i]);
                }
            }
            ps.executeUpdate();
        }
    }
}
