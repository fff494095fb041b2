package org.glancej.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.glancej.db.testing.DatabaseTestSupport;
import org.glancej.db.testing.DeadlockRetries;
import org.glancej.images.Image;
import org.glancej.images.ImageDao;
import org.glancej.images.ImageStatus;
import org.glancej.images.Visibility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The member DAO on every database: what upstream's {@code image_members} table holds after each operation. */
class MemberDaoTest extends DatabaseTestSupport {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    private static final Instant T1 = Instant.parse("2026-03-04T05:07:00Z");
    private static final Instant T2 = Instant.parse("2026-03-04T05:08:00Z");

    private ImageDao images;
    private MemberDao dao;
    private String imageId;

    @BeforeEach
    void createImage() {
        images = new ImageDao(database.dataSource(), database.dialect());
        dao = new MemberDao(database.dataSource(), database.dialect());
        imageId = insertImage();
    }

    static Image sharedImage(String id, String owner) {
        return new Image(id, "shared", ImageStatus.QUEUED, Visibility.SHARED, false, false, null, null, null, owner,
                null, null, null, null, 0, 0, T0, T0, Map.of(), List.of(), List.of());
    }

    private String insertImage() {
        String id = UUID.randomUUID().toString();
        images.insert(sharedImage(id, "owner"));
        return id;
    }

    private ImageMember added(MemberDao.Addition addition) {
        assertThat(addition).isInstanceOf(MemberDao.Added.class);
        return ((MemberDao.Added) addition).member();
    }

    @Test
    void addedMemberIsPendingWithBothTimestamps() {
        ImageMember member = added(dao.add(imageId, "p1", 128, T0));

        assertThat(member).isEqualTo(new ImageMember(imageId, "p1", MemberStatus.PENDING, T0, T0));
        assertThat(dao.find(imageId, "p1")).contains(member);
        assertThat(dao.find(imageId, "p2")).isEmpty();
    }

    @Test
    void listHoldsLiveMembersOfThatImageInTheOrderTheyWereAdded() {
        String other = insertImage();
        dao.add(imageId, "p2", 128, T0);
        dao.add(imageId, "p1", 128, T0);
        dao.add(other, "p3", 128, T0);
        dao.add(imageId, "p3", 128, T0);
        dao.remove(imageId, "p3", T1);

        assertThat(dao.list(imageId)).extracting(ImageMember::memberId).containsExactly("p2", "p1");
        assertThat(dao.list(other)).extracting(ImageMember::memberId).containsExactly("p3");
    }

    @Test
    void secondAddOfALiveMemberIsRefusedAndChangesNothing() {
        dao.add(imageId, "p1", 128, T0);

        assertThat(dao.add(imageId, "p1", 128, T1)).isEqualTo(new MemberDao.AlreadyMember());
        assertThat(rows("p1")).hasSize(1);
        assertThat(dao.find(imageId, "p1").orElseThrow().updatedAt()).isEqualTo(T0);
    }

    @Test
    void quotaCountsLiveMembersAndComesBeforeTheDuplicateCheck() {
        dao.add(imageId, "p1", 2, T0);
        dao.add(imageId, "p2", 2, T0);

        assertThat(dao.add(imageId, "p3", 2, T0)).isEqualTo(new MemberDao.OverQuota(3));
        assertThat(dao.add(imageId, "p1", 2, T0)).isEqualTo(new MemberDao.OverQuota(3));
        dao.remove(imageId, "p2", T1);
        added(dao.add(imageId, "p3", 2, T1));
        assertThat(dao.add(imageId, "p4", 0, T1)).isEqualTo(new MemberDao.OverQuota(3));
        added(dao.add(imageId, "p4", -1, T1));
    }

    @Test
    void statusChangeStampsUpdatedAtOnlyWhenTheStatusChanges() {
        dao.add(imageId, "p1", 128, T0);

        assertThat(dao.setStatus(imageId, "p1", MemberStatus.ACCEPTED, T1))
                .contains(new ImageMember(imageId, "p1", MemberStatus.ACCEPTED, T0, T1));
        assertThat(dao.setStatus(imageId, "p1", MemberStatus.ACCEPTED, T2))
                .contains(new ImageMember(imageId, "p1", MemberStatus.ACCEPTED, T0, T1));
        assertThat(dao.setStatus(imageId, "nobody", MemberStatus.ACCEPTED, T2)).isEmpty();
    }

    @Test
    void removeSoftDeletesTheRow() {
        dao.add(imageId, "p1", 128, T0);

        assertThat(dao.remove(imageId, "p1", T1)).isTrue();

        assertThat(dao.find(imageId, "p1")).isEmpty();
        assertThat(dao.remove(imageId, "p1", T2)).isFalse();
        assertThat(dao.setStatus(imageId, "p1", MemberStatus.ACCEPTED, T2)).isEmpty();
        assertThat(rows("p1")).containsExactly(new Row(true, T1, T1));
    }

    @Test
    void addingAgainRevivesTheDeletedRowAsPendingKeepingItsCreationTime() {
        dao.add(imageId, "p1", 128, T0);
        dao.setStatus(imageId, "p1", MemberStatus.ACCEPTED, T0);
        dao.remove(imageId, "p1", T1);

        ImageMember again = added(dao.add(imageId, "p1", 128, T2));

        assertThat(again).isEqualTo(new ImageMember(imageId, "p1", MemberStatus.PENDING, T0, T2));
        // one row, live, and no deleted_at left behind for a purge to act on
        assertThat(rows("p1")).containsExactly(new Row(false, null, T2));
        dao.remove(imageId, "p1", T2.plusSeconds(5));
        added(dao.add(imageId, "p1", 128, T2.plusSeconds(9)));
        assertThat(rows("p1")).hasSize(1);
    }

    @Test
    void deletingTheImageSoftDeletesItsMembers() {
        dao.add(imageId, "p1", 128, T0);

        images.delete(imageId, T1);

        assertThat(dao.list(imageId)).isEmpty();
        assertThat(rows("p1")).singleElement()
                .satisfies(row -> assertThat(row.deleted()).isTrue())
                .satisfies(row -> assertThat(row.deletedAt()).isEqualTo(T1));
    }

    @Test
    void concurrentAddsOfOneMemberStoreOneRow() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<MemberDao.Addition> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            threads.add(Thread.ofPlatform().start(() -> results.add(dao.add(imageId, "p1", 128, T0))));
        }
        for (Thread t : threads) {
            t.join();
        }

        assertThat(results).filteredOn(r -> r instanceof MemberDao.Added).hasSize(1);
        assertThat(rows("p1")).hasSize(1);
    }

    /**
     * Sharing of different images at once, as several nodes on one database do it: adds, accepts, removes and
     * adds again their own images' members, in a table of mostly soft-deleted rows as after a while in use;
     * none may wait on another image's rows.
     */
    @Test
    void concurrentSharingOfDifferentImagesNeverDeadlocks() throws Exception {
        String old = insertImage();
        for (int n = 0; n < 200; n++) {
            added(dao.add(old, "gone-" + n, -1, T0));
            assertThat(dao.remove(old, "gone-" + n, T1)).isTrue();
        }
        try (DeadlockRetries retries = new DeadlockRetries();
                ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                running.add(pool.submit(() -> {
                    for (int n = 0; n < 15; n++) {
                        String image = insertImage();
                        for (String member : List.of("a", "b", "c")) {
                            added(dao.add(image, member, 128, T0));
                            assertThat(dao.setStatus(image, member, MemberStatus.ACCEPTED, T1)).isPresent();
                        }
                        assertThat(dao.remove(image, "b", T2)).isTrue();
                        added(dao.add(image, "b", 128, T2));
                    }
                    return null;
                }));
            }
            for (Future<?> each : running) {
                each.get();
            }

            assertThat(retries.logged()).isEmpty();
        }
    }

    record Row(boolean deleted, Instant deletedAt, Instant updatedAt) {}

    private List<Row> rows(String member) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT deleted, deleted_at, updated_at"
                    + " FROM image_members WHERE image_id = ? AND member = ? ORDER BY id")) {
                ps.setString(1, imageId);
                ps.setString(2, member);
                List<Row> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getBoolean(1), database.dialect().getTimestamp(rs, "deleted_at"),
                                database.dialect().getTimestamp(rs, "updated_at")));
                    }
                }
                return rows;
            }
        });
    }
}
