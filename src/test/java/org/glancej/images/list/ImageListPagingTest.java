package org.glancej.images.list;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.glancej.db.Dialect;
import org.glancej.db.testing.DatabaseTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Property-style: on random images full of nulls and ties, following {@code next} links through every
 * sort order, filter and scope yields exactly the images the in-memory reference selects, in its order.
 */
class ImageListPagingTest extends DatabaseTestSupport {
    private static final List<String> SORT_KEYS = List.of(
            "name", "status", "container_format", "disk_format", "size", "id", "created_at", "updated_at");
    private static final List<ListScope> SCOPES = List.of(
            ListScope.admin(null), ListScope.admin("p1"), ListScope.user("p1"), ListScope.user(null));
    private static final List<String> FILTERS = List.of(
            "", "visibility=all", "visibility=community", "visibility=shared", "visibility=private",
            "visibility=public", "member_status=all", "member_status=pending",
            "visibility=shared&member_status=rejected", "os_hidden=true", "tag=a", "tag=a&tag=b",
            "os_distro=ubuntu", "tag=a&os_distro=ubuntu", "size_min=5", "size_max=5", "created_at=gt:2024-05-01T10:02:00Z",
            "updated_at=lte:2024-06-02", "updated_at=lt:2024-05-01T10:02:00Z", "updated_at=lte:2024-05-01T10:03:00Z",
            "updated_at=gt:2024-05-01T10:02:00Z", "updated_at=gte:2024-05-01T10:03:00Z", "updated_at=gt:2024-06-02",
            "status=in:active,queued", "name=beta", "protected=true", "owner=p2",
            "disk_format=raw&container_format=bare");

    @Test
    void everySortOrderPagesThroughEveryImageOnceInOrder() {
        List<TestImage> images = seed(randomImages(new Random(7), 60));
        database.withConnection(connection -> {
            List<String> sorts = new ArrayList<>();
            for (String first : SORT_KEYS) {
                for (String firstDir : List.of("asc", "desc")) {
                    sorts.add(first + ":" + firstDir);
                    for (String second : SORT_KEYS) {
                        for (String secondDir : List.of("asc", "desc")) {
                            if (!second.equals(first)) {
                                sorts.add(first + ":" + firstDir + "," + second + ":" + secondDir);
                            }
                        }
                    }
                }
            }
            Random random = new Random(11);
            for (int i = 0; i < 40; i++) {
                List<String> keys = new ArrayList<>(SORT_KEYS);
                java.util.Collections.shuffle(keys, random);
                sorts.add(String.join(",", keys.subList(0, 3).stream()
                        .map(k -> k + (random.nextBoolean() ? ":asc" : ":desc")).toList()));
            }
            for (String sort : sorts) {
                for (int limit : List.of(7, 60)) {
                    check(connection, images, "sort=" + sort + "&limit=" + limit, ListScope.admin(null));
                }
            }
            check(connection, images, "sort=size:desc&limit=1", ListScope.admin(null));
            check(connection, images, "sort_key=name&sort_key=updated_at&sort_dir=asc&limit=3", ListScope.admin(null));
            // a few-valued key, then a key with its index and the tie-breakers all one way: read value by value
            for (String group : List.of("sort_key=status&sort_key=size&sort_dir=asc",
                    "sort_key=disk_format&sort_key=name&sort_dir=desc", "sort=status:desc,size:asc,created_at:asc,id:asc",
                    "sort=container_format:asc,updated_at:asc,created_at:asc,id:asc")) {
                for (int limit : List.of(1, 7, 60)) {
                    check(connection, images, group + "&limit=" + limit, ListScope.admin(null));
                }
            }
            return null;
        });
    }

    @Test
    void everyFilterAndScopePagesLikeTheReference() {
        List<TestImage> images = seed(randomImages(new Random(3), 80));
        database.withConnection(connection -> {
            for (String filter : FILTERS) {
                for (ListScope scope : SCOPES) {
                    for (String sort : List.of("", "sort=size:asc,name:desc", "sort_key=updated_at&sort_dir=asc",
                            "sort=created_at:desc,name:asc", "sort=disk_format:asc,created_at:desc",
                            "sort=status:desc,created_at:asc", "sort=status:asc,size:desc")) {
                        String query = String.join("&", List.of(filter, sort, "limit=5").stream()
                                .filter(s -> !s.isEmpty()).toList());
                        check(connection, images, query, scope);
                    }
                }
            }
            return null;
        });
    }

    private List<TestImage> seed(List<TestImage> images) {
        database.inTransaction(c -> {
            TestImage.insertAll(c, database.dialect(), images);
            return null;
        });
        return images;
    }

    /** Follows next links from the first page, like a client, and compares with the reference. */
    private void check(Connection connection, List<TestImage> images, String firstQuery, ListScope scope)
            throws SQLException {
        check(connection, images, firstQuery, scope, new ImagePageReader(database.dialect()));
        if (firstQuery.contains("tag=") || firstQuery.contains("os_distro=")) {
            // the same pages when the tag or property filter does not drive the query (many matches)
            check(connection, images, firstQuery, scope, new ImagePageReader(database.dialect(), 0));
        }
        if (database.dialect() == Dialect.SQLITE && (firstQuery.contains("status=")
                || firstQuery.contains("disk_format=") || firstQuery.contains("container_format="))) {
            // the same pages when a column filter matches "many" images (here: one), checked on each image walked
            check(connection, images, firstQuery, scope, new ImagePageReader(database.dialect(), 1));
        }
    }

    private void check(Connection connection, List<TestImage> images, String firstQuery, ListScope scope,
            ImagePageReader reader) throws SQLException {
        ImageListQuery query = QueryStrings.parse(firstQuery);
        List<String> expected = ReferenceList.expected(images, query, scope, database.dialect());
        List<String> actual = new ArrayList<>();
        for (int pages = 0; pages <= images.size() + 1; pages++) {
            List<String> page = reader.pageIds(connection, query, scope);
            assertThat(page.size()).isLessThanOrEqualTo(query.limit());
            actual.addAll(page);
            Optional<String> next = query.nextLink(page);
            if (next.isEmpty()) {
                break;
            }
            Map<String, List<String>> params = QueryStrings.decode(next.get());
            query = ImageListQuery.parse(params, QueryStrings.CONFIG);
        }
        assertThat(actual).as("%s as %s", firstQuery, scope).isEqualTo(expected);
    }

    /** Images drawn from small value sets, so that sort keys tie and nulls are common. */
    static List<TestImage> randomImages(Random random, int count) {
        LocalDateTime base = LocalDateTime.of(2024, 5, 1, 10, 0);
        List<TestImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TestImage image = new TestImage(new UUID(random.nextLong(), random.nextLong()).toString())
                    .name(pick(random, null, "alpha", "beta", "beta2", "gamma"))
                    .size(pick(random, null, 0L, 5L, 5000L))
                    .status(pick(random, "active", "active", "queued", "saving", "deactivated", "killed"))
                    .created(base.plusMinutes(random.nextInt(5)))
                    // some updated before they were created, as a node with a slow clock may write
                    .updated(pick(random, null, base.plusDays(31), base.plusDays(32), base.plusDays(40),
                            base.minusDays(1), base.plusMinutes(3)))
                    .formats(pick(random, null, "raw", "qcow2", "iso"), pick(random, null, "bare", "ovf"))
                    .owner(pick(random, null, "p1", "p2", "p2"))
                    .visibility(pick(random, "public", "private", "shared", "shared", "community"));
            if (random.nextInt(10) == 0) {
                image.deleted();
            }
            if (random.nextInt(8) == 0) {
                image.hidden();
            }
            if (random.nextInt(5) == 0) {
                image.protect();
            }
            for (String tag : List.of("a", "b", "c")) {
                switch (random.nextInt(4)) {
                    case 0 -> image.tag(tag);
                    case 1 -> image.deletedTag(tag);
                    default -> { }
                }
            }
            switch (random.nextInt(4)) {
                case 0 -> image.property("os_distro", pick(random, "ubuntu", "cirros"));
                case 1 -> image.deletedProperty("os_distro", "ubuntu");
                default -> { }
            }
            for (String project : List.of("p1", "p2")) {
                switch (random.nextInt(5)) {
                    case 0, 1 -> image.member(project, pick(random, "accepted", "pending", "rejected"));
                    case 2 -> image.deletedMember(project, "accepted");
                    default -> { }
                }
            }
            images.add(image);
        }
        return images;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }
}
