package org.glancej.images.list;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.glancej.db.Dialect;
import org.glancej.db.ExtraIndexes;
import org.glancej.db.testing.DatabaseTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On each database, with 3,000 images and statistics gathered, the page queries use the index they were built
 * for (upstream's or one of {@code ExtraIndexes}): pinned through EXPLAIN, cheaply, instead of by timing.
 */
class ImageListPlanTest extends DatabaseTestSupport {
    private static final int IMAGES = 3_000;
    private String deepId;
    /** An active image beside the deep one (which is queued, as 2% of the images are). */
    private String deepActiveId;

    @BeforeEach
    void seed() {
        List<TestImage> images = new ArrayList<>();
        LocalDateTime base = LocalDateTime.of(2024, 1, 1, 0, 0);
        for (int i = 0; i < IMAGES; i++) {
            TestImage image = new TestImage(new UUID(i * 7919L, i).toString())
                    .name(i % 97 == 0 ? null : "img-%07d".formatted(i))
                    .size(i % 101 == 0 ? null : (i * 7919L) % 100_003)
                    .status(i % 50 == 0 ? "queued" : "active")
                    .created(base.plusSeconds(i - i % 3))
                    .updated(i % 3 == 0 ? null : base.plusDays(1).plusSeconds((i * 48_271L) % IMAGES))
                    .formats(List.of("raw", "qcow2", "iso").get(i % 3), List.of("bare", "ovf").get(i % 2))
                    .owner("p" + i % 20)
                    .visibility(i % 10 == 0 ? "private" : "public")
                    .tag("tag-" + i % 3)
                    .property("os_distro", List.of("ubuntu", "cirros", "centos").get(i % 3))
                    .property("os_version", String.valueOf(i % 10))
                    .property("hw_disk_bus", List.of("scsi", "virtio", "ide", "sata").get(i / 3 % 4));
            if (i % 1000 == 1) {
                image.tag("golden").property("build_id", "b" + i);
            }
            images.add(image);
        }
        deepId = images.get(IMAGES * 7 / 10).id;
        deepActiveId = images.get(IMAGES * 7 / 10 + 1).id;
        database.inTransaction(c -> {
            TestImage.insertAll(c, database.dialect(), images);
            return null;
        });
        database.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(switch (database.dialect()) {
                    case SQLITE, POSTGRESQL -> "ANALYZE";
                    case MYSQL -> "ANALYZE TABLE images, image_tags, image_properties, image_members";
                });
            }
            return null;
        });
    }

    @Test
    void defaultOrderWalksACreatedAtIndex() {
        assertThat(plan("")).contains(createdAtWalk());
        assertThat(plan("marker=" + deepId)).contains(createdAtWalk());
    }

    @Test
    void everySortKeyWalksItsIndexAlsoFromADeepMarker() {
        for (String key : List.of("name", "size", "updated_at", "status", "disk_format", "container_format")) {
            for (String dir : List.of("asc", "desc")) {
                assertThat(plan("sort=" + key + ":" + dir)).as(key + ":" + dir).contains("glancej_images_" + key);
                assertThat(plan("sort=" + key + ":" + dir + "&marker=" + deepId)).as(key + ":" + dir + " deep")
                        .contains("glancej_images_" + key);
            }
        }
    }

    @Test
    void aDeepMarkerInAFewValuedOrderBoundsTheScanAtTheMarkerItself() {
        for (String key : List.of("status", "container_format", "disk_format")) {
            for (String dir : List.of("asc", "desc")) {
                String plan = plan("sort=" + key + ":" + dir + "&marker=" + deepId);
                assertThat(plan).as(key + ":" + dir).contains("glancej_images_" + key);
                if (database.dialect() == Dialect.POSTGRESQL) {
                    // not "key >= value", which scans the whole of the marker's value up to the marker
                    assertThat(plan).as(key + ":" + dir).contains("Index Cond: (ROW((" + key + ")::text, created_at");
                }
            }
        }
    }

    @Test
    void aFewValuedKeyWithTieBreakersTheOtherWayWalksItsIndexOneValueAtATime() {
        String plan = groupPagePlan("sort_key=disk_format&sort_key=created_at&sort_dir=asc&sort_dir=desc&marker=" + deepId);
        // the marker's value, walked from the marker the other way: no sort of the value's images
        if (database.dialect() == Dialect.POSTGRESQL) {
            // here a third of the images have the value, so walking created_at is as good (at 1M: the key's index)
            assertThat(plan).contains("Index Scan Backward").contains("Index Cond: (").doesNotContain("Seq Scan on images");
        } else {
            assertThat(plan).contains("glancej_images_disk_format").doesNotContain("filesort")
                    .doesNotContain("USE TEMP B-TREE");
        }
    }

    @Test
    void aFewValuedKeyThenAnotherKeyTheOtherWayWalksTheOtherKeysIndexWithinTheMarkersValue() {
        for (String sort : List.of("sort=status:asc,size:desc", "sort_key=status&sort_key=size&sort_dir=asc",
                "sort=disk_format:desc,name:asc,created_at:asc,id:asc")) {
            String key = sort.contains("size") ? "size" : "name";
            String plan = groupPagePlan(sort + "&marker=" + deepActiveId);
            // no sort of every image after the marker: the second key's index, walked from the marker
            assertThat(plan).as(sort).contains("glancej_images_" + key).doesNotContain("filesort")
                    .doesNotContain("USE TEMP B-TREE").doesNotContain("Sort Key");
        }
        // a value of few images (60 queued ones) is looked up and sorted instead
        String rare = groupPagePlan("sort=status:asc,size:desc&marker=" + deepId);
        assertThat(rare).contains("glancej_images_status").containsAnyOf("filesort", "USE TEMP B-TREE", "Sort Key");
    }

    @Test
    void rangesAndEqualityOnSortKeysUseTheirIndexes() {
        assertThat(plan("name=img-0001234")).contains("glancej_images_name");
        assertThat(plan("size_min=500&size_max=510")).contains("glancej_images_size");
    }

    @Test
    void anUpdatedBeforeListNewestFirstStartsItsWalkAtTheBound() {
        for (String op : List.of("lt", "lte")) {
            // every image created before the bound, updated around it: walk a created_at index from the bound down
            // (MariaDB takes upstream's or the covering glancej_images_created_at, as its sampled statistics say)
            assertThat(plan("updated_at=" + op + ":2024-01-02T00:20:00Z")).as(op)
                    .containsAnyOf("created_at_image_idx", "glancej_images_created_at");
            // half the images created since the bound: only those updated before they were created can match,
            // found in a partial index (empty here), on MariaDB in the same index over an invisible column
            assertThat(plan("updated_at=" + op + ":2024-01-01T00:25:00Z")).as(op).contains(
                    database.dialect() == Dialect.MYSQL
                            ? "late glancej_images_updated_before_created Using where; Using index"
                            : "glancej_images_updated_before_created");
        }
    }

    @Test
    void aMembersPrivateListIsARangeOfTheirOwnPrivateImages() {
        // p1 owns no private image here: the page is an empty range, not a walk of every image (PostgreSQL,
        // which knows the range is small, reads it by bitmap and sorts it; with many rows it walks it in order)
        for (String query : List.of("visibility=private", "visibility=private&marker=" + deepId)) {
            String plan = plan(query);
            assertThat(plan).as(query).contains("glancej_images_owner_visibility").doesNotContain("filesort")
                    .doesNotContain("USE TEMP B-TREE").doesNotContain("created_at_image_idx");
            if (database.dialect() == Dialect.POSTGRESQL) {
                assertThat(plan).as(query).contains(
                        "Index Cond: (((owner)::text = 'p1'::text) AND (visibility = 'private'::image_visibility)");
            }
        }
    }

    @Test
    void anOwnerFilterWalksTheOwnersImagesInOrder() {
        for (String query : List.of("owner=p3", "owner=p3&marker=" + deepId)) {
            String plan = plan(query);
            assertThat(plan).as(query).contains("glancej_images_owner ").doesNotContain("filesort")
                    .doesNotContain("USE TEMP B-TREE").doesNotContain("Sort Key");
        }
    }

    @Test
    void onMariadbAndSqliteAMembersWalkRejectsImagesTheyMayNotSeeFromTheSortIndexAlone() {
        // here every queued image is private and p1 owns none of them, as in bench/scale.sh's data set
        for (String query : List.of("status=queued", "sort=status:desc", "sort=size:asc", "sort=name:asc")) {
            String plan = plan(query);
            String index = query.startsWith("sort=") ? query.substring(5, query.indexOf(':')) : "status";
            assertThat(plan).as(query).contains("glancej_images_" + index);
            // no lookup of each row by its key: the condition is read from the index
            if (database.dialect() == Dialect.MYSQL) {
                assertThat(plan).as(query).contains("images glancej_images_" + index + " Using where; Using index");
            } else if (database.dialect() == Dialect.SQLITE) {
                assertThat(plan).as(query).contains("USING COVERING INDEX glancej_images_" + index);
            }
        }
    }

    @Test
    void aRareTagOrPropertyDrivesThePageThroughItsValueIndex() {
        assertThat(plan("tag=golden")).contains("glancej_image_tags_value");
        // PostgreSQL and MariaDB: the index that holds short values whole (twoCommonProperties... below)
        assertThat(plan("build_id=b1001&sort=name:asc")).contains(database.dialect() != Dialect.SQLITE
                ? "glancej_image_properties_short_value" : "glancej_image_properties_name_value");
    }

    @Test
    void aCommonTagOrPropertyWalksTheOrderAndProbesByImage() {
        // 1,000 of 3,000 images match: "common" here means at or above a threshold of 500
        ImagePageReader walking = new ImagePageReader(database.dialect(), 500);
        assertThat(plan("os_distro=cirros", walking)).contains(createdAtWalk());
        assertThat(plan("tag=tag-1", walking)).contains(createdAtWalk());
        assertThat(plan("tag=golden", walking)).contains("glancej_image_tags_value");
    }

    @Test
    void twoCommonPropertiesAreReadAndProbedFromTheValueIndexAlone() {
        // 300 images have os_version=7, 750 hw_disk_bus=scsi: driven by the first, or walked (threshold 100)
        ImagePageReader walking = new ImagePageReader(database.dialect(), 100);
        if (database.dialect() == Dialect.POSTGRESQL) {
            database.withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("VACUUM ANALYZE image_properties"); // index-only scans need the visibility map
                }
                return null;
            });
        }
        for (String query : List.of("os_version=7&hw_disk_bus=scsi", "hw_disk_bus=scsi&os_version=7")) {
            String driven = plan(query);
            String walked = plan(query, walking);
            assertThat(walked).as(query).contains(createdAtWalk());
            switch (database.dialect()) {
                // the partial index of short values, whole: no heap row for the ids or for a probe
                case POSTGRESQL -> {
                    assertThat(driven).as(query).containsPattern("Index Only Scan (Backward )?using "
                            + "glancej_image_properties_short_value").doesNotContain("Heap Scan on image_properties")
                            .doesNotContain("Index Scan using ix_image_properties")
                            // the other filter probed per id of the driver, before any image is read
                            .contains("(image_id = (image_properties.image_id)::text)");
                    assertThat(walked).as(query).contains("Index Only Scan using glancej_image_properties_short_value")
                            .doesNotContain("Index Scan using ix_image_properties");
                }
                // the ids from the covering value index (it holds deleted); the walk probes each image by a
                // correlated subquery, not a semi-join that makes a member's page scan and sort every image
                case SQLITE -> {
                    assertThat(driven).as(query).contains("COVERING INDEX glancej_image_properties_name_value");
                    assertThat(walked).as(query).contains("CORRELATED SCALAR SUBQUERY")
                            .doesNotContain("SEARCH image_properties EXISTS").doesNotContain("USE TEMP B-TREE FOR ORDER BY");
                }
                // the index of the invisible column of short values, whole: no row read for the ids or a probe
                case MYSQL -> {
                    // the other filter joined to the driver's rows, before any image is read
                    assertThat(driven).as(query)
                            .contains("image_properties glancej_image_properties_short_value Using where; Using index")
                            .contains("p0 glancej_image_properties_short_value Using where; Using index")
                            .doesNotContain("glancej_image_properties_name_value").doesNotContain("ix_image_properties");
                    assertThat(walked).as(query)
                            .contains("image_properties glancej_image_properties_short_value Using where; Using index")
                            .doesNotContain("glancej_image_properties_name_value").doesNotContain("ix_image_properties");
                }
            }
        }
        // a value longer than the short-value index holds is found by the prefix index
        if (database.dialect() != Dialect.SQLITE) {
            assertThat(plan("os_version=" + "7".repeat(ExtraIndexes.SHORT_PROPERTY_VALUE + 1)))
                    .contains("glancej_image_properties_name_value").doesNotContain("short_value");
        }
    }

    @Test
    void onSqliteCommonPropertiesAsAMemberWalkTheCreatedAtIndexInsteadOfSortingACoveringScan() {
        if (database.dialect() != Dialect.SQLITE) {
            return;
        }
        // both filters common: neither drives the page; with a million images' statistics SQLite read the whole
        // covering glancej_images_container_format and sorted it (1.1 s at 1M)
        ImagePageReader walking = new ImagePageReader(database.dialect(), 0);
        for (String query : List.of("os_distro=cirros&build_id=b1", "os_distro=cirros&tag=tag-1&tag=tag-2",
                "os_distro=cirros&build_id=b1&marker=" + deepId)) {
            assertThat(planWithMillionImageStatistics(query, walking)).as(query).contains("created_at_image_idx")
                    .doesNotContain("COVERING INDEX").doesNotContain("USE TEMP B-TREE FOR ORDER BY");
        }
    }

    @Test
    void onSqliteAnUpdatedSinceListNewestFirstWalksTheImagesCreatedSinceFirst() {
        if (database.dialect() != Dialect.SQLITE) {
            return;
        }
        for (String op : List.of("gt", "gte")) {
            // with a million images' statistics SQLite read the range of updated_at_image_idx and sorted it
            String plan = planWithMillionImageStatistics("updated_at=" + op + ":2024-01-01T00:25:00Z",
                    new ImagePageReader(database.dialect()));
            // first part: the images created since the bound, newest first, stopping with the page
            assertThat(plan.lines().findFirst().orElseThrow()).as(op).contains("created_at_image_idx (created_at>?)");
            assertThat(plan).as(op).doesNotContain("updated_at_image_idx")
                    .doesNotContain("USE TEMP B-TREE FOR ORDER BY");
        }
    }

    @Test
    void onSqliteAColumnFilterMatchingManyImagesIsCheckedOnTheWalkOfAnotherKeysIndex() {
        if (database.dialect() != Dialect.SQLITE) {
            return;
        }
        // with a million images' statistics SQLite read every active image through the status index and sorted
        String query = "status=active&protected=true&sort=updated_at:asc&limit=100";
        assertThat(planWithMillionImageStatistics(query, new ImagePageReader(database.dialect())))
                .contains("glancej_images_status").contains("USE TEMP B-TREE FOR ORDER BY");
        // "many" here means at least 500 of these 3,000 images: walked past
        ImagePageReader manyFrom500 = new ImagePageReader(database.dialect(), 500);
        assertThat(planWithMillionImageStatistics(query, manyFrom500)).contains("glancej_images_updated_at")
                .doesNotContain("glancej_images_status").doesNotContain("USE TEMP B-TREE FOR ORDER BY");
        assertThat(planWithMillionImageStatistics("disk_format=qcow2&sort=size:asc", manyFrom500))
                .contains("glancej_images_size").doesNotContain("USE TEMP B-TREE FOR ORDER BY");
        // in the default order one value is a walk of the column's own index, which it keeps
        assertThat(planWithMillionImageStatistics("status=active", manyFrom500))
                .contains("glancej_images_status").doesNotContain("USE TEMP B-TREE FOR ORDER BY");
    }

    /**
     * SQLite: the plan as a member's, under the statistics ANALYZE gathered on bench/scale.sh's million images
     * (SQLite plans by sqlite_stat1 alone, which may be written and reloaded).
     */
    private String planWithMillionImageStatistics(String query, ImagePageReader reader) {
        return database.withConnection(c -> {
            SqliteMillionImageStatistics.load(c);
            return plan(c, QueryStrings.parse(query), ListScope.user("p1"), reader);
        });
    }

    /** The plan of the page within the marker's value of a {@link GroupPageSql#groupWalks} order. */
    private String groupPagePlan(String queryString) {
        ImageListQuery query = QueryStrings.parse(queryString);
        assertThat(GroupPageSql.groupWalks(query.order())).as(queryString).isTrue();
        ImageListSql sql = new ImageListSql(database.dialect());
        ListScope scope = ListScope.user("p1");
        return database.withConnection(c -> {
            Marker marker;
            try (PreparedStatement s = sql.markerQuery(query, scope).prepare(c, database.dialect());
                    ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                marker = sql.readMarker(rs, query);
            }
            GroupPageSql.Group group = new GroupPageSql.Group(marker.sortValues().getFirst());
            return explain(c, sql.groups().groupPageQueries(query, scope, group, Optional.of(marker), 25).getFirst());
        });
    }

    /**
     * How a walk in the default order shows: upstream's index, on MariaDB the sort index that also holds the
     * columns a member's condition and the format filters read, walked from the index alone.
     */
    private String createdAtWalk() {
        return database.dialect() == Dialect.MYSQL ? "images glancej_images_created_at Using where; Using index"
                : "created_at_image_idx";
    }

    private String plan(String query) {
        return plan(query, new ImagePageReader(database.dialect()));
    }

    private String plan(String query, ImagePageReader reader) {
        return database.withConnection(c -> plan(c, QueryStrings.parse(query), ListScope.user("p1"), reader));
    }

    private String plan(Connection c, ImageListQuery query, ListScope scope, ImagePageReader reader)
            throws SQLException {
        Dialect dialect = database.dialect();
        // as the reader picks it: on MariaDB naming the column db_sync added
        ImageListSql sql = new ImageListSql(dialect, ListColumns.of(c, dialect));
        Optional<Marker> marker = Optional.empty();
        if (query.marker().isPresent()) {
            try (PreparedStatement s = sql.markerQuery(query, scope).prepare(c, dialect); ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                marker = Optional.of(sql.readMarker(rs, query));
            }
        }
        // every part the reader may run, one after the other
        StringBuilder plan = new StringBuilder();
        Optional<ListFilter> driver = reader.driver(c, query);
        Set<ListFilter> walkedPast = driver.isEmpty() ? reader.walkedPast(c, query) : Set.of();
        for (SqlStatement part : sql.pageQueries(query, scope, marker, driver, walkedPast)) {
            plan.append(explain(c, part));
        }
        return plan.toString();
    }

    private String explain(Connection c, SqlStatement page) throws SQLException {
        return ListPlans.explain(c, database.dialect(), page);
    }
}
