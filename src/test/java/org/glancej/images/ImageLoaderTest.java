package org.glancej.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.glancej.db.Dialect;
import org.glancej.db.testing.DatabaseTestSupport;
import org.glancej.images.list.ImageListQuery;
import org.glancej.images.list.ListScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A large page read partly on other connections, on every database: the same images as on one connection, and
 * answered at once when the pool has no other connection to give (the test pools hold 4 connections and wait
 * up to {@code pool_timeout}, 5 s, for one).
 */
class ImageLoaderTest extends DatabaseTestSupport {
    private static final int IMAGES = ImageLoader.SIDE_READS_FROM + 20;
    private static final int POOL_SIZE = 4;
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private static final ImagesConfig CONFIG = new ImagesConfig(25, 1000, 1L << 40, false, "sha512",
            ImagesConfig.DEFAULT_DISK_FORMATS, ImagesConfig.DEFAULT_CONTAINER_FORMATS);

    private ImageDao dao;
    private List<String> ids;

    /** Images with and without properties, tags and locations, with deleted property and tag rows among them. */
    @BeforeEach
    void createImages() {
        dao = new ImageDao(database.dataSource(), database.dialect());
        ImageRows rows = new ImageRows(database.dialect());
        ids = new ArrayList<>();
        for (int n = 0; n < IMAGES; n++) {
            String id = UUID.randomUUID().toString();
            Map<String, String> properties = new LinkedHashMap<>();
            for (int p = 0; p < n % 4; p++) {
                properties.put("p" + (3 - p), "v" + n);
            }
            List<String> tags = new ArrayList<>();
            for (int t = 0; t < n % 3; t++) {
                tags.add("tag-" + (n + 7 * t) % 5);
            }
            dao.insert(new Image(id, "image-" + n, ImageStatus.ACTIVE, Visibility.PUBLIC, false, false, null,
                    null, null, "owner", (long) n, null, "raw", "bare", 0, 0, T0.plusSeconds(n), T0.plusSeconds(n),
                    properties, tags, List.of()));
            int image = n;
            database.inTransaction(c -> {
                for (int l = 0; l < image % 3; l++) {
                    rows.addLocation(c, id, new ImageLocation("file:///images/" + id + "/" + l,
                            Map.of("store", "s" + l), "active"), T0);
                }
                if (image % 5 == 0 && !properties.isEmpty()) {
                    Map<String, String> fewer = new LinkedHashMap<>(properties);
                    fewer.remove(fewer.keySet().iterator().next());
                    rows.writeProperties(c, id, properties, fewer, T0);
                }
                if (image % 5 == 0 && !tags.isEmpty()) {
                    rows.writeTags(c, id, tags, tags.subList(1, tags.size()), T0);
                }
                return null;
            });
            ids.add(id);
        }
    }

    @Test
    void aLargePageReadsTheSameOnOneTwoOrThreeConnections() {
        Map<String, Image> one = database.withConnection(c -> new ImageLoader(database.dialect()).byCanonicalId(c, ids));
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(7));
        List<Image> expected = shuffled.stream().map(one::get).toList();

        for (int side = 0; side <= 2; side++) {
            ImageLoader loader = new ImageLoader(database.dialect(), side);
            List<Image> page = database.withConnection(c -> loader.page(c, shuffled, database.dataSource()));

            assertThat(page).as("%d other connections", side).isEqualTo(expected);
        }
        assertThat(one).hasSize(IMAGES);
        Image sample = one.get(ids.get(11)); // 3 properties, 2 tags, 2 locations
        assertThat(sample.properties()).containsExactly(Map.entry("p3", "v11"), Map.entry("p2", "v11"),
                Map.entry("p1", "v11"));
        assertThat(sample.tags()).containsExactly("tag-1", "tag-3");
        assertThat(sample.locations()).extracting(ImageLocation::url)
                .containsExactly("file:///images/" + ids.get(11) + "/0", "file:///images/" + ids.get(11) + "/1");
        assertThat(sample.createdAt()).isEqualTo(T0.plusSeconds(11));
        Image trimmed = one.get(ids.get(35)); // 3 properties and 2 tags, each its first removed
        assertThat(trimmed.properties()).containsExactly(Map.entry("p2", "v35"), Map.entry("p1", "v35"));
        assertThat(trimmed.tags()).containsExactly("tag-2");
    }

    @Test
    void aPageWithoutLocationsIsTheSamePageWithNoneOnEveryNumberOfConnections() {
        Map<String, Image> one = database.withConnection(c -> new ImageLoader(database.dialect()).byCanonicalId(c, ids));
        List<Image> expected = ids.stream().map(one::get).map(ImageLoaderTest::withoutLocations).toList();

        for (int side = 0; side <= 2; side++) {
            ImageLoader loader = new ImageLoader(database.dialect(), side);
            List<Image> page = database.withConnection(c -> loader.page(c, ids, database.dataSource(), false));

            assertThat(page).as("%d other connections", side).isEqualTo(expected);
        }
        assertThat(one.get(ids.get(11)).locations()).hasSize(2);
    }

    @Test
    void aPageWithoutLocationsDoesNotReadThem() {
        List<String> withLocations = new ArrayList<>();
        List<String> without = new ArrayList<>();
        ImageLoader loader = new ImageLoader(database.dialect());

        database.withConnection(c -> loader.page(recording(c, withLocations), ids, null, true));
        database.withConnection(c -> loader.page(recording(c, without), ids, null, false));

        // MariaDB/MySQL read the tags in the images' statement
        int tagStatements = database.dialect() == Dialect.MYSQL ? 0 : 1;
        assertThat(withLocations).anyMatch(sql -> sql.contains("image_locations")).hasSize(3 + tagStatements);
        assertThat(without).noneMatch(sql -> sql.contains("image_locations")).hasSize(2 + tagStatements);
        assertThat(without).filteredOn(sql -> sql.contains("image_tags")).hasSize(1);
    }

    /** {@code c}, noting the text of every statement prepared on it in {@code statements}. */
    private static Connection recording(Connection c, List<String> statements) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        statements.add((String) args[0]);
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Image withoutLocations(Image i) {
        return new Image(i.id(), i.name(), i.status(), i.visibility(), i.isProtected(), i.osHidden(), i.checksum(),
                i.osHashAlgo(), i.osHashValue(), i.owner(), i.size(), i.virtualSize(), i.diskFormat(),
                i.containerFormat(), i.minDisk(), i.minRam(), i.createdAt(), i.updatedAt(), i.properties(), i.tags(),
                List.of());
    }

    @Test
    void idsWithQuotesBackslashesCommasAndBracesAreLookedUpAsTheyAre() {
        String odd = "odd\"id\\, {x} NULL";
        dao.insert(new Image(odd, "odd", ImageStatus.ACTIVE, Visibility.PUBLIC, false, false, null, null, null,
                "owner", 1L, null, "raw", "bare", 0, 0, T0, T0, Map.of("k", "v"), List.of("t"), List.of()));
        List<String> page = new ArrayList<>(ids);
        page.add(50, odd);

        List<Image> read = database.withConnection(c -> new ImageLoader(database.dialect())
                .page(c, page, database.dataSource()));

        assertThat(read).extracting(Image::id).isEqualTo(page);
        assertThat(read.get(50).properties()).containsExactly(Map.entry("k", "v"));
        assertThat(read.get(50).tags()).containsExactly("t");
    }

    @Test
    void aPageWithOnlyOneOtherConnectionFreeReadsTheSame() throws Exception {
        Map<String, Image> one = database.withConnection(c -> new ImageLoader(database.dialect()).byCanonicalId(c, ids));
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < POOL_SIZE - 2; i++) {
            held.add(database.dataSource().getConnection());
        }
        try {
            List<Image> page = database.withConnection(c -> new ImageLoader(database.dialect())
                    .page(c, ids, database.dataSource()));

            assertThat(page).isEqualTo(ids.stream().map(one::get).toList());
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void aLargeListIsAnsweredAtOnceWhenNoSecondConnectionIsFree() throws Exception {
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < POOL_SIZE - 1; i++) {
            held.add(database.dataSource().getConnection());
        }
        try {
            long start = System.nanoTime();
            List<Image> page = dao.list(query(), ListScope.admin(null));

            assertThat(page).extracting(Image::id).containsExactlyInAnyOrderElementsOf(ids);
            // a list waiting for a second connection would wait out the pool's 5 s, then fail
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void asManyLargeListsAtOnceAsThePoolHasConnectionsNeverWaitForOneAnother() throws Exception {
        List<Image> expected = dao.list(query(), ListScope.admin(null));
        try (ExecutorService threads = Executors.newFixedThreadPool(POOL_SIZE)) {
            List<Future<List<List<Image>>>> lists = new ArrayList<>();
            for (int t = 0; t < POOL_SIZE; t++) {
                lists.add(threads.submit(() -> {
                    List<List<Image>> pages = new ArrayList<>();
                    for (int n = 0; n < 10; n++) {
                        pages.add(dao.list(query(), ListScope.admin(null)));
                    }
                    return pages;
                }));
            }
            for (Future<List<List<Image>>> list : lists) {
                assertThat(list.get()).allSatisfy(page -> assertThat(page).isEqualTo(expected));
            }
        }
    }

    private static ImageListQuery query() {
        return ImageListQuery.parse(Map.of("limit", List.of("1000")), CONFIG);
    }

}
