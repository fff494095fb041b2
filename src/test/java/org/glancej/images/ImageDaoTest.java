package org.glancej.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.db.testing.DatabaseTestSupport;
import org.glancej.db.testing.DeadlockRetries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The image DAO on every database: what upstream's tables end up holding after each operation. */
class ImageDaoTest extends DatabaseTestSupport {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant T1 = Instant.parse("2026-01-02T03:05:00Z");
    private ImageDao dao;

    @BeforeEach
    void createDao() {
        dao = new ImageDao(database.dataSource(), database.dialect());
    }

    static Image image(String id, Map<String, String> properties, List<String> tags) {
        return new Image(id, "cirros", ImageStatus.QUEUED, Visibility.SHARED, false, false, null, null, null, null,
                null, null, "qcow2", "bare", 0, 0, T0, T0, properties, tags, List.of());
    }

    @Test
    void insertedImageReadsBackWithPropertiesAndTagsInOrder() {
        String id = UUID.randomUUID().toString();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("os_distro", "cirros");
        props.put("hw_disk_bus", "virtio");
        dao.insert(image(id, props, List.of("b", "a")));

        Image found = dao.find(id).orElseThrow();

        assertThat(found.properties()).containsExactly(Map.entry("os_distro", "cirros"), Map.entry("hw_disk_bus", "virtio"));
        assertThat(found.tags()).containsExactly("b", "a");
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(found.owner()).isNull();
    }

    @Test
    void concurrentCreatesWithPropertiesNeverDeadlock() throws Exception {
        try (DeadlockRetries retries = new DeadlockRetries()) {
            concurrently(8, () -> {
                for (int n = 0; n < 40; n++) {
                    dao.insert(image(UUID.randomUUID().toString(), Map.of("bench_tmp", "1"), List.of()));
                }
            });

            assertThat(retries.logged()).isEmpty();
        }
    }

    /**
     * Uploads of different images at once, as several nodes on one database run them: each begins, heartbeats,
     * reports progress and ends (finishing a stage, or releasing) its own images; none may wait on another's rows.
     */
    @Test
    void concurrentUploadsOfDifferentImagesNeverDeadlock() throws Exception {
        UploadDao uploads = new UploadDao(database.dataSource(), database.dialect());
        StageDao stages = new StageDao(database.dataSource(), database.dialect(), uploads);
        // a table holding mostly soft-deleted rows, as after a while in use: then MariaDB was tempted to reach an
        // image's live rows through the index on deleted, locking every image's
        Image old = image(UUID.randomUUID().toString(), new LinkedHashMap<>(), List.of());
        dao.insert(old);
        for (int i = 0; i < 4; i++) {
            Map<String, String> many = new LinkedHashMap<>();
            for (int n = 0; n < 50; n++) {
                many.put("old_" + i + "_" + n, "v");
            }
            assertThat(dao.update(old, image(old.id(), many, List.of()), ImageStatus.QUEUED)).isTrue();
            assertThat(dao.update(image(old.id(), many, List.of()), old, ImageStatus.QUEUED)).isTrue();
        }
        try (DeadlockRetries retries = new DeadlockRetries()) {
            concurrently(8, () -> {
                String owner = "node-" + UUID.randomUUID();
                for (int n = 0; n < 40; n++) {
                    String id = UUID.randomUUID().toString();
                    dao.insert(image(id, Map.of("os_distro", "cirros"), List.of()));
                    Instant now = Instant.now();
                    boolean stage = n % 2 == 0;
                    ImageStatus during = stage ? ImageStatus.UPLOADING : ImageStatus.SAVING;
                    assertThat(uploads.begin(id, ImageStatus.QUEUED, during, owner, "file:///" + id, 0, 10L,
                            stage ? 10L : null, now)).isTrue();
                    uploads.heartbeat(List.of(id), owner, now.plusMillis(1));
                    uploads.progress(Map.of(id, 10L), now.plusMillis(2));
                    assertThat(stage
                            ? stages.completeStage(id, owner, 10, "md5", "sha512:ab", null, now.plusMillis(3))
                            : uploads.release(id, owner, "file:///" + id, now.plusMillis(3))).isTrue();
                    if (stage) {
                        stages.endStage(id, now.plusMillis(4));
                    }
                    assertThat(uploads.inFlight(id)).isEmpty();
                }
            });

            assertThat(retries.logged()).isEmpty();
        }
    }

    /** Imports of different images at once: each takes and gives back its own image's task lock. */
    @Test
    void concurrentTaskLocksOfDifferentImagesNeverDeadlock() throws Exception {
        TaskLockDao locks = new TaskLockDao(database.dataSource(), database.dialect());
        try (DeadlockRetries retries = new DeadlockRetries()) {
            concurrently(8, () -> {
                for (int n = 0; n < 100; n++) {
                    String id = UUID.randomUUID().toString();
                    dao.insert(image(id, Map.of("os_distro", "cirros"), List.of()));
                    String task = UUID.randomUUID().toString();
                    locks.take(id, task, Instant.now());
                    assertThat(locks.release(id, task, Instant.now())).isTrue();
                    locks.take(id, task, Instant.now());
                }
            });

            assertThat(retries.logged()).isEmpty();
        }
    }

    /** Runs {@code work} on {@code threads} threads at once and waits for all; the first failure is thrown. */
    private static Image active(String id, List<ImageLocation> locations) {
        return new Image(id, "cirros", ImageStatus.ACTIVE, Visibility.SHARED, false, false, null, null, null, null,
                1L, null, "qcow2", "bare", 0, 0, T0, T0, Map.of(), List.of(), locations);
    }

    private static ImageLocation location(String url, String note) {
        return new ImageLocation(url, Map.of("note", note), "active");
    }

    /**
     * Location changes of different images at once (added, metadata rewritten, removed), in a table of mostly
     * soft-deleted location rows as after a while in use: none may wait on another image's rows.
     */
    @Test
    void concurrentLocationChangesOfDifferentImagesNeverDeadlock() throws Exception {
        Image old = active(UUID.randomUUID().toString(), List.of());
        dao.insert(old);
        for (int i = 0; i < 400; i++) {
            Image with = active(old.id(), List.of(location("http://old.example.org/" + i, "x")));
            assertThat(dao.update(old, with, ImageStatus.ACTIVE)).isTrue();
            assertThat(dao.update(with, old, ImageStatus.ACTIVE)).isTrue();
        }
        try (DeadlockRetries retries = new DeadlockRetries()) {
            concurrently(8, () -> {
                for (int n = 0; n < 15; n++) {
                    String id = UUID.randomUUID().toString();
                    String url = "http://images.example.org/" + id;
                    Image one = active(id, List.of(location(url + "/a", "a")));
                    dao.insert(one);
                    Image three = active(id, List.of(location(url + "/a", "a"), location(url + "/b", "b"),
                            location(url + "/c", "c")));
                    assertThat(dao.update(one, three, ImageStatus.ACTIVE)).isTrue();
                    Image rewritten = active(id, List.of(location(url + "/a", "a"), location(url + "/b", "b2"),
                            location(url + "/c", "c")));
                    assertThat(dao.update(three, rewritten, ImageStatus.ACTIVE)).isTrue();
                    assertThat(dao.removeLocation(id, url + "/c", T1)).isTrue();
                }
            });

            assertThat(retries.logged()).isEmpty();
        }
    }

    private static void concurrently(int threads, ThrowingRunnable work) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                running.add(pool.submit(() -> {
                    work.run();
                    return null;
                }));
            }
            for (Future<?> each : running) {
                each.get();
            }
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void imageStoredUnderAnUpperCaseIdIsFoundByEitherCase() {
        String upper = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
        dao.insert(image(upper, Map.of("k", "v"), List.of("t")));

        for (String lookup : List.of(upper, upper.toLowerCase(java.util.Locale.ROOT))) {
            Image found = dao.find(lookup).orElseThrow();

            assertThat(found.id()).isEqualTo(upper);
            assertThat(found.properties()).containsExactly(Map.entry("k", "v"));
            assertThat(found.tags()).containsExactly("t");
        }
    }

    @Test
    void propertyRenamedToAnotherLetterCaseIsStoredUnderTheNewName() {
        String id = UUID.randomUUID().toString();
        Image before = image(id, Map.of("Foo", "1"), List.of());
        dao.insert(before);

        assertThat(dao.update(before, image(id, Map.of("foo", "2"), List.of()), ImageStatus.QUEUED)).isTrue();

        assertThat(dao.find(id).orElseThrow().properties()).containsExactly(Map.entry("foo", "2"));
    }

    @Test
    void tagReplacedByAnotherLetterCaseIsStoredAsTheNewOne() {
        String id = UUID.randomUUID().toString();
        Image before = image(id, Map.of(), List.of("a", "b"));
        dao.insert(before);

        assertThat(dao.update(before, image(id, Map.of(), List.of("A", "b")), ImageStatus.QUEUED)).isTrue();

        assertThat(dao.find(id).orElseThrow().tags()).containsExactlyInAnyOrder("A", "b");
    }

    @Test
    void duplicateIdIsAConflict() {
        String id = UUID.randomUUID().toString();
        dao.insert(image(id, Map.of(), List.of()));

        assertThatThrownBy(() -> dao.insert(image(id, Map.of(), List.of())))
                .isInstanceOfSatisfying(GlanceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
    }

    @Test
    void removedPropertyCanComeBackWithoutTrippingTheUniqueIndex() {
        String id = UUID.randomUUID().toString();
        Image first = image(id, Map.of("k", "1"), List.of("t"));
        dao.insert(first);
        Image without = image(id, Map.of(), List.of());
        assertThat(dao.update(first, without, ImageStatus.QUEUED)).isTrue();
        Image again = image(id, Map.of("k", "2"), List.of("t"));

        assertThat(dao.update(without, again, ImageStatus.QUEUED)).isTrue();

        Image found = dao.find(id).orElseThrow();
        assertThat(found.properties()).containsExactly(Map.entry("k", "2"));
        assertThat(found.tags()).containsExactly("t");
    }

    @Test
    void statusChangesAreCompareAndSwap() {
        String id = UUID.randomUUID().toString();
        dao.insert(image(id, Map.of(), List.of()));

        assertThat(dao.transition(id, ImageStatus.QUEUED, ImageStatus.SAVING, T1)).isTrue();
        assertThat(dao.transition(id, ImageStatus.QUEUED, ImageStatus.SAVING, T1)).isFalse();
        assertThat(dao.find(id).orElseThrow().status()).isEqualTo(ImageStatus.SAVING);
    }

    @Test
    void transitionsTheStatusTableForbidsAreRefused() {
        String id = UUID.randomUUID().toString();
        dao.insert(image(id, Map.of(), List.of()));

        assertThatThrownBy(() -> dao.transition(id, ImageStatus.QUEUED, ImageStatus.DEACTIVATED, T1))
                .isInstanceOf(IllegalStateException.class);
        assertThat(dao.find(id).orElseThrow().status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void activationRecordsDataAndLocationOnlyWhileSaving() {
        String id = UUID.randomUUID().toString();
        Image queued = image(id, Map.of(), List.of());
        dao.insert(queued);
        Image active = ImageChanges.uploaded(queued, 10, 10L, "md5", "sha512", "hash", T1);
        ImageLocation location = new ImageLocation("file:///images/" + id, Map.of(), "active");

        UploadDao uploads = new UploadDao(database.dataSource(), database.dialect());

        assertThat(dao.activate(active, location, "node-a")).isFalse();
        assertThat(uploads.begin(id, "node-a", location.url(), T1)).isTrue();
        assertThat(dao.activate(active, location, "node-b")).isFalse();
        assertThat(dao.activate(active, location, "node-a")).isTrue();

        Image found = dao.find(id).orElseThrow();
        assertThat(found.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(found.size()).isEqualTo(10L);
        assertThat(found.osHashValue()).isEqualTo("hash");
        assertThat(found.locations()).extracting(ImageLocation::url).containsExactly("file:///images/" + id);
    }

    @Test
    void deleteSoftDeletesTheImageAndItsRowsAsUpstreamDoes() throws Exception {
        String id = UUID.randomUUID().toString();
        dao.insert(image(id, Map.of("k", "v"), List.of("t")));

        dao.delete(id, T1);

        assertThat(dao.find(id)).isEmpty();
        try (var c = database.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT status, deleted, (SELECT COUNT(*) FROM image_properties p WHERE p.image_id = i.id"
                                + " AND p.deleted = ?) FROM images i WHERE id = ?")) {
            ps.setBoolean(1, false);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("deleted");
                assertThat(rs.getBoolean(2)).isTrue();
                assertThat(rs.getInt(3)).isZero();
            }
        }
    }
}
