package org.glancej.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glancej.common.GlanceException;
import org.glancej.db.Database;
import org.glancej.db.DatabaseConfig;
import org.glancej.db.DatabaseUnavailableException;
import org.glancej.db.SchemaMigrator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite on a full disk rolls the whole transaction back by itself. The connection that saw it must not serve
 * again: kept, it would run every later transaction in autocommit, saving each statement while its commit
 * fails. The disk fills here by {@code PRAGMA max_page_count} on the pool's only connection, which stays with
 * that connection until the pool closes it.
 */
class ImageDaoDiskFullTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant T1 = Instant.parse("2026-01-02T03:05:00Z");

    @TempDir
    Path dir;

    private Database database;
    private ImageDao dao;

    @BeforeEach
    void openOneConnectionPool() {
        DatabaseConfig defaults = DatabaseConfig.forConnection("sqlite:///" + dir.resolve("glance.sqlite"));
        database = Database.open(new DatabaseConfig(defaults.url(), 1, defaults.poolTimeout(),
                defaults.connectionRecycleTime(), defaults.mysqlSqlMode()));
        new SchemaMigrator(database).migrate();
        dao = new ImageDao(database.dataSource(), database.dialect());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void afterTheDiskFillsEveryWriteIsStoredExactlyWhenItIsAnsweredAsDone() {
        fillDiskAfter(8);
        List<String> stored = new ArrayList<>();
        String refused = null;
        for (int i = 0; i < 200 && refused == null; i++) {
            String id = UUID.randomUUID().toString();
            try {
                dao.insert(image(id));
                stored.add(id);
            } catch (DatabaseUnavailableException e) {
                assertThat(e.reason()).isEqualTo("the disk holding the database is full");
                refused = id;
            }
        }
        assertThat(refused).as("the disk never filled").isNotNull();
        assertThat(ids()).as("the refused create left nothing behind").containsExactlyInAnyOrderElementsOf(stored);

        freeDisk();

        for (int i = 0; i < 20; i++) {
            String id = UUID.randomUUID().toString();
            dao.insert(image(id));
            stored.add(id);
        }
        assertThat(ids()).containsExactlyInAnyOrderElementsOf(stored);
        Image before = dao.find(stored.getFirst()).orElseThrow();
        Image patched = ImageChanges.touch(ImageChanges.withProperties(before, Map.of("patched", "yes")), T1);
        assertThat(dao.update(before, patched, ImageStatus.QUEUED)).isTrue();
        assertThat(dao.find(before.id()).orElseThrow().properties()).containsEntry("patched", "yes");
        dao.delete(stored.get(1), T1);
        assertThat(dao.find(stored.get(1))).isEmpty();
    }

    @Test
    void aConstraintErrorStillLeavesItsConnectionInUse() {
        String id = UUID.randomUUID().toString();
        dao.insert(image(id));
        assertThatThrownBy(() -> dao.insert(image(id))).isInstanceOf(GlanceException.class);
        String other = UUID.randomUUID().toString();
        dao.insert(image(other));
        assertThat(ids()).containsExactlyInAnyOrder(id, other);
    }

    @Test
    void aMissingDatabaseFileIsUnavailableUntilItIsBack() throws Exception {
        String id = UUID.randomUUID().toString();
        dao.insert(image(id));
        Path file = dir.resolve("glance.sqlite");
        Path away = dir.resolve("moved.sqlite");
        Files.move(file, away);

        assertThatThrownBy(() -> dao.find(id)).isInstanceOfSatisfying(DatabaseUnavailableException.class,
                e -> assertThat(e.reason()).isEqualTo("the database file cannot be opened"));
        assertThatThrownBy(() -> dao.insert(image(UUID.randomUUID().toString())))
                .isInstanceOf(DatabaseUnavailableException.class);
        assertThat(file).doesNotExist();

        Files.move(away, file);
        String later = UUID.randomUUID().toString();
        dao.insert(image(later));
        assertThat(ids()).containsExactlyInAnyOrder(id, later);
    }

    private void fillDiskAfter(int pages) {
        database.withConnection(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA page_count")) {
                rs.next();
                s.execute("PRAGMA max_page_count = " + (rs.getLong(1) + pages));
            }
            return null;
        });
    }

    // a connection still carrying the limit gets it lifted; a new one never had it
    private void freeDisk() {
        database.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA max_page_count = 1073741823");
            }
            return null;
        });
    }

    private List<String> ids() {
        return database.withConnection(c -> {
            List<String> ids = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM images")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    private static Image image(String id) {
        // properties big enough to need new pages on every create
        return ImageDaoTest.image(id, Map.of("description", "x".repeat(3000), "notes", "y".repeat(3000)), List.of("t"));
    }
}
