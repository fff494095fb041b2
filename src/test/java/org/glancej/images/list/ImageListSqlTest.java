package org.glancej.images.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.db.Dialect;
import org.glancej.db.testing.DatabaseTestSupport;
import org.junit.jupiter.api.Test;

/** The list SQL on each database, over the real schema. */
class ImageListSqlTest extends DatabaseTestSupport {
    private static final ListScope NO_AUTH = ListScope.admin(null);
    private static final LocalDateTime T0 = LocalDateTime.of(2024, 3, 1, 12, 0);

    private static String id(int n) {
        return "00000000-0000-4000-8000-%012d".formatted(n);
    }

    private static TestImage image(int n) {
        return new TestImage(id(n)).name("img" + n).created(T0.plusMinutes(n)).updated(T0.plusMinutes(n));
    }

    @Test
    void defaultListHidesDeletedKilledHiddenAndCommunityImages() {
        seed(
                image(1).visibility("public"),
                image(2).visibility("private"),
                image(3).visibility("shared"),
                image(4).visibility("community"),
                image(5).visibility("public").deleted(),
                image(6).visibility("public").status("killed"),
                image(7).visibility("public").hidden(),
                image(8).visibility("public").status("deactivated"));
        assertThat(page("", NO_AUTH)).containsExactly(id(8), id(3), id(2), id(1));
        assertThat(page("visibility=all", NO_AUTH)).containsExactly(id(8), id(4), id(3), id(2), id(1));
        assertThat(page("visibility=community", NO_AUTH)).containsExactly(id(4));
        assertThat(page("visibility=private", NO_AUTH)).containsExactly(id(2));
        assertThat(page("visibility=", NO_AUTH)).isEmpty();
        assertThat(page("os_hidden=true", NO_AUTH)).containsExactly(id(7));
        assertThat(page("status=killed", NO_AUTH)).isEmpty();
        assertThat(page("status=bogus", NO_AUTH)).isEmpty();
    }

    @Test
    void communityImagesShowByDefaultOnlyToTheirOwner() {
        seed(
                image(1).visibility("community").owner("p1"),
                image(2).visibility("community").owner("p2"),
                image(3).visibility("private").owner("p2"));
        assertThat(page("", ListScope.admin("p1"))).containsExactly(id(3), id(1));
        assertThat(page("", ListScope.user("p1"))).containsExactly(id(1));
        assertThat(page("visibility=community", ListScope.user("p1"))).containsExactly(id(2), id(1));
    }

    @Test
    void regularUsersSeePublicOwnAndSharedWithThemByMemberStatus() {
        seed(
                image(1).visibility("public").owner("p2"),
                image(2).visibility("private").owner("p2"),
                image(3).visibility("private").owner("p1"),
                image(4).visibility("shared").owner("p2").member("p1", "accepted"),
                image(5).visibility("shared").owner("p2").member("p1", "pending"),
                image(6).visibility("shared").owner("p2").member("p1", "rejected"),
                image(7).visibility("shared").owner("p2").deletedMember("p1", "accepted"),
                image(8).visibility("shared").owner("p2").member("p3", "accepted"),
                image(9).visibility("shared").owner("p1"),
                image(10).visibility("private").owner("p2").member("p1", "accepted"),
                image(11).visibility("public").owner(null));
        ListScope p1 = ListScope.user("p1");
        assertThat(page("", p1)).containsExactly(id(11), id(9), id(4), id(3), id(1));
        assertThat(page("member_status=pending", p1)).containsExactly(id(11), id(9), id(5), id(3), id(1));
        assertThat(page("member_status=all", p1))
                .containsExactly(id(11), id(9), id(6), id(5), id(4), id(3), id(1));
        assertThat(page("visibility=shared", p1)).containsExactly(id(9), id(4));
        assertThat(page("visibility=shared&member_status=rejected", p1)).containsExactly(id(9), id(6));
        assertThat(page("owner=p2", p1)).containsExactly(id(4), id(1));
        assertThat(page("", ListScope.user(null))).containsExactly(id(11), id(1));
        // admins see everything, member_status does not apply to them
        assertThat(page("member_status=pending&visibility=shared", ListScope.admin("p1")))
                .containsExactly(id(9), id(8), id(7), id(6), id(5), id(4));
    }

    @Test
    void nullsSortWhereTheDatabaseSortsThemNatively() {
        seed(
                image(1).size(10L).name(null),
                image(2).size(null).name("b"),
                image(3).size(0L).name("a"),
                image(4).size(null).name(null),
                image(5).size(10L).name("c"));
        if (database.dialect() == Dialect.POSTGRESQL) { // nulls are the largest values, as upstream's ORDER BY has it
            assertThat(page("sort_key=size&sort_dir=desc", NO_AUTH)).containsExactly(id(4), id(2), id(5), id(1), id(3));
            assertThat(page("sort=size:asc", NO_AUTH)).containsExactly(id(3), id(1), id(5), id(2), id(4));
            assertThat(page("sort=name:asc", NO_AUTH)).containsExactly(id(3), id(2), id(5), id(1), id(4));
            assertThat(page("sort=name:desc,size:asc", NO_AUTH)).containsExactly(id(1), id(4), id(5), id(2), id(3));
        } else { // the smallest
            assertThat(page("sort_key=size&sort_dir=desc", NO_AUTH)).containsExactly(id(5), id(1), id(3), id(4), id(2));
            assertThat(page("sort=size:asc", NO_AUTH)).containsExactly(id(2), id(4), id(3), id(1), id(5));
            assertThat(page("sort=name:asc", NO_AUTH)).containsExactly(id(1), id(4), id(3), id(2), id(5));
            assertThat(page("sort=name:desc,size:asc", NO_AUTH)).containsExactly(id(5), id(2), id(3), id(4), id(1));
        }
    }

    @Test
    void queuedImagesSortBySizeAsUpstreamOnTheDatabaseAndPageOnce() {
        seed(
                image(1).size(300L),
                image(2).size(null).status("queued"),
                image(3).size(100L),
                image(4).size(null).status("queued"),
                image(5).size(200L),
                image(6).size(null).status("queued"),
                image(7).size(100L));
        List<String> ascending = database.dialect() == Dialect.POSTGRESQL
                ? List.of(id(3), id(7), id(5), id(1), id(2), id(4), id(6))
                : List.of(id(2), id(4), id(6), id(3), id(7), id(5), id(1));
        for (String sort : List.of("sort=size:asc", "sort_key=size&sort_dir=asc")) {
            assertThat(page(sort, NO_AUTH)).as(sort).isEqualTo(ascending);
            for (int limit = 1; limit <= 3; limit++) {
                assertThat(pages(sort + "&limit=" + limit)).as("%s by %d", sort, limit).isEqualTo(ascending);
            }
        }
        List<String> descending = database.dialect() == Dialect.POSTGRESQL
                ? List.of(id(6), id(4), id(2), id(1), id(5), id(7), id(3))
                : List.of(id(1), id(5), id(7), id(3), id(6), id(4), id(2));
        assertThat(page("sort=size:desc", NO_AUTH)).isEqualTo(descending);
        for (int limit = 1; limit <= 3; limit++) {
            assertThat(pages("sort=size:desc&limit=" + limit)).as("desc by %d", limit).isEqualTo(descending);
        }
    }

    @Test
    void createdAtTiesAreBrokenById() {
        seed(
                image(3).created(T0), image(1).created(T0), image(2).created(T0), image(4).created(T0.minusDays(1)));
        assertThat(page("", NO_AUTH)).containsExactly(id(3), id(2), id(1), id(4));
        assertThat(page("sort_dir=asc", NO_AUTH)).containsExactly(id(4), id(1), id(2), id(3));
        assertThat(page("limit=2&marker=" + id(2), NO_AUTH)).containsExactly(id(1), id(4));
    }

    @Test
    void tagsAreAndedAndDeletedTagsDoNotCount() {
        seed(
                image(1).tag("x86").tag("64bit"),
                image(2).tag("x86"),
                image(3).tag("x86").deletedTag("64bit"),
                image(4).tag("64bit"));
        assertThat(page("tag=x86", NO_AUTH)).containsExactly(id(3), id(2), id(1));
        assertThat(page("tag=x86&tag=64bit", NO_AUTH)).containsExactly(id(1));
        assertThat(page("tag=nope", NO_AUTH)).isEmpty();
    }

    @Test
    void propertyFiltersMatchLivePropertiesExactly() {
        seed(
                image(1).property("os_distro", "ubuntu").property("hw_disk_bus", "virtio"),
                image(2).property("os_distro", "ubuntu"),
                image(3).deletedProperty("os_distro", "ubuntu"),
                image(4).property("os_distro", "cirros"),
                image(5).property("hw_cpu_max", "4"));
        assertThat(page("os_distro=ubuntu", NO_AUTH)).containsExactly(id(2), id(1));
        assertThat(page("os_distro=ubuntu&hw_disk_bus=virtio", NO_AUTH)).containsExactly(id(1));
        assertThat(page("hw_cpu_max=4", NO_AUTH)).containsExactly(id(5));
        assertThat(page("locations=x", NO_AUTH)).isEmpty();
    }

    @Test
    void columnFilters() {
        seed(
                image(1).size(100L).formats("raw", "bare").status("queued").name("a,b"),
                image(2).size(200L).formats("qcow2", "bare").protect(),
                image(3).size(null).formats(null, null).status("saving").updated(null).name("c"));
        assertThat(page("size_min=100&size_max=150", NO_AUTH)).containsExactly(id(1));
        assertThat(page("size_min=150", NO_AUTH)).containsExactly(id(2));
        assertThat(page("size=200", NO_AUTH)).containsExactly(id(2));
        assertThat(page("size=abc", NO_AUTH)).isEmpty();
        assertThat(page("disk_format=in:raw,qcow2", NO_AUTH)).containsExactly(id(2), id(1));
        assertThat(page("status=in:saving,queued", NO_AUTH)).containsExactly(id(3), id(1));
        assertThat(page("name=in:%22a,b%22,c", NO_AUTH)).containsExactly(id(3), id(1));
        assertThat(page("name=in:", NO_AUTH)).isEmpty();
        assertThat(page("protected=true", NO_AUTH)).containsExactly(id(2));
        assertThat(page("protected=false", NO_AUTH)).containsExactly(id(3), id(1));
        assertThat(page("id=" + id(2), NO_AUTH)).containsExactly(id(2));
        assertThat(page("deleted_at=2020", NO_AUTH)).isEmpty();
    }

    @Test
    void timestampFilters() {
        seed(image(1), image(2), image(3).updated(null));
        String t2 = "2024-03-01T12:02:00Z";
        assertThat(page("created_at=gt:" + t2.replace(":", "%3A"), NO_AUTH)).containsExactly(id(3));
        assertThat(page("created_at=gte:" + t2, NO_AUTH)).containsExactly(id(3), id(2));
        assertThat(page("created_at=" + t2, NO_AUTH)).containsExactly(id(2));
        assertThat(page("created_at=eq:2024-03-01T13:02:00%2B01:00", NO_AUTH)).containsExactly(id(2));
        assertThat(page("created_at=neq:" + t2, NO_AUTH)).containsExactly(id(3), id(1));
        assertThat(page("created_at=lt:" + t2, NO_AUTH)).containsExactly(id(1));
        assertThat(page("created_at=lte:2024-03-01T12:02:00.000001Z", NO_AUTH)).containsExactly(id(2), id(1));
        // comparisons with a null updated_at are never true
        assertThat(page("updated_at=neq:" + t2, NO_AUTH)).containsExactly(id(1));
        assertThat(page("updated_at=lte:2030", NO_AUTH)).containsExactly(id(2), id(1));
    }

    @Test
    void markers() {
        seed(
                image(1).owner("p1").visibility("private"),
                image(2).owner("p2").visibility("private"),
                image(3).owner("p1").visibility("private").deleted(),
                image(4).owner("p1").visibility("private").status("killed"),
                image(5).owner("p1").visibility("private"));
        assertThat(page("marker=" + id(5), NO_AUTH)).containsExactly(id(2), id(1));
        assertThat(page("marker=" + id(4), NO_AUTH)).containsExactly(id(2), id(1));
        // admins may page on from an image deleted meanwhile, as upstream allows
        assertThat(page("marker=" + id(3), NO_AUTH)).containsExactly(id(2), id(1));
        assertThat(page("marker=" + id(5) + "&limit=0", NO_AUTH)).isEmpty();

        assertError("marker=nope", NO_AUTH, ErrorKind.BAD_REQUEST, "No image found with ID nope");
        assertError("marker=nope&limit=0", NO_AUTH, ErrorKind.BAD_REQUEST, "No image found with ID nope");
        assertError("marker=" + "x".repeat(37), NO_AUTH, ErrorKind.BAD_REQUEST,
                "Image with the given id %(image_id)s was not found");
        assertError("marker=" + id(3), ListScope.user("p1"), ErrorKind.BAD_REQUEST,
                "No image found with ID " + id(3));
        assertError("marker=" + id(2), ListScope.user("p1"), ErrorKind.FORBIDDEN,
                "Forbidding request, image " + id(2) + " not visible");
        assertThat(page("marker=" + id(5), ListScope.user("p1"))).containsExactly(id(1));
    }

    private void assertError(String query, ListScope scope, ErrorKind kind, String message) {
        assertThatThrownBy(() -> page(query, scope)).isInstanceOfSatisfying(GlanceException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void aPageFilledBeforeTheNullsOfItsKeyDoesNotQueryThem() {
        // the nulls follow the non-null sizes: ascending on PostgreSQL, descending on MariaDB and SQLite
        String dir = database.dialect() == Dialect.POSTGRESQL ? "asc" : "desc";
        long[] sizes = dir.equals("asc") ? new long[] {10, 20, 30} : new long[] {30, 20, 10};
        seed(image(1).size(sizes[0]), image(2).size(sizes[1]), image(3).size(sizes[2]), image(4).size(null));
        String query = "sort=size:" + dir + "&limit=1&marker=" + id(1);
        List<String> statements = new ArrayList<>();
        List<String> page = database.withConnection(c -> new ImagePageReader(database.dialect())
                .pageIds(recording(c, statements), QueryStrings.parse(query), NO_AUTH));
        assertThat(page).containsExactly(id(2));
        // the marker, then the page: no query for the nulls (which PostgreSQL and SQLite read apart)
        assertThat(statements).hasSize(2).noneMatch(sql -> sql.contains("size IS NULL ORDER BY"));
        assertThat(page(query.replace("limit=1", "limit=5"), NO_AUTH)).containsExactly(id(2), id(3), id(4));
    }

    /** {@code connection}, recording the SQL of every statement it prepares. */
    private static java.sql.Connection recording(java.sql.Connection connection, List<String> statements) {
        return (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(ImageListSqlTest.class.getClassLoader(),
                new Class<?>[] {java.sql.Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        statements.add((String) args[0]);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void seed(TestImage... images) {
        database.inTransaction(c -> {
            TestImage.insertAll(c, database.dialect(), List.of(images));
            return null;
        });
    }

    /** Every page from the first, following next links as a client does. */
    private List<String> pages(String firstQuery) {
        List<String> ids = new ArrayList<>();
        ImageListQuery query = QueryStrings.parse(firstQuery);
        for (int pages = 0; pages < 100; pages++) {
            ImageListQuery current = query;
            List<String> page = database.withConnection(c ->
                    new ImagePageReader(database.dialect()).pageIds(c, current, NO_AUTH));
            ids.addAll(page);
            Optional<String> next = query.nextLink(page);
            if (next.isEmpty()) {
                break;
            }
            query = ImageListQuery.parse(QueryStrings.decode(next.get()), QueryStrings.CONFIG);
        }
        return ids;
    }

    private List<String> page(String query, ListScope scope) {
        ImagePageReader reader = new ImagePageReader(database.dialect());
        return database.withConnection(c -> reader.pageIds(c, QueryStrings.parse(query), scope));
    }
}
