package org.glancej.images.list;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.glancej.db.Database;
import org.glancej.db.Dialect;
import org.glancej.db.SchemaMigrator;
import org.glancej.db.testing.FreshDatabase;
import org.glancej.db.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** 10,000 images on SQLite: plans use the sort index and pages come back fast. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageListSqlitePerformanceTest {
    private static final int IMAGES = 10_000;
    private final ImagePageReader reader = new ImagePageReader(Dialect.SQLITE);
    private Path directory;
    private FreshDatabase fresh;
    private Database database;
    private Connection connection;

    @BeforeAll
    void seed() throws Exception {
        directory = Files.createTempDirectory("glancej-list-perf");
        fresh = TestBackend.sqlite().findFirst().orElseThrow().create(directory);
        database = fresh.open();
        new SchemaMigrator(database).migrate();
        connection = database.dataSource().getConnection();
        Connection c = connection;
        c.setAutoCommit(false);
        List<TestImage> images = ImageListPagingTest.randomImages(new Random(1), IMAGES);
        for (int i = 0; i < images.size(); i++) {
            // mostly distinct creation times, as in real clouds, with some ties
            images.get(i).created(LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(i - i % 3));
        }
        TestImage.insertAll(c, Dialect.SQLITE, images);
        c.commit();
        c.setAutoCommit(true);
    }

    @AfterAll
    void close() throws Exception {
        connection.close();
        database.close();
        fresh.close();
        Files.deleteIfExists(directory);
    }

    @Test
    void plansWalkTheSortIndexAndProbeChildTablesByImage() throws SQLException {
        assertThat(plan("")).contains("created_at_image_idx").doesNotContain("ix_images_deleted");
        assertThat(plan("", ListScope.user("p1"))).contains("created_at_image_idx")
                .contains("image_members USING INDEX ix_image_members_image_id").doesNotContain("_deleted");
        assertThat(plan("marker=" + someId())).contains("created_at_image_idx");
        assertThat(plan("updated_at=gt:2024-01-01&sort=updated_at:desc")).contains("glancej_images_updated_at");
        // the owner's images in list order, not looked up and sorted
        assertThat(plan("owner=p1")).contains("glancej_images_owner (owner=?)").doesNotContain("TEMP B-TREE");
        assertThat(plan("tag=a")).contains("image_tags EXISTS USING INDEX glancej_image_tags_value (value=? AND image_id=?)");
        assertThat(plan("os_distro=ubuntu")).contains("created_at_image_idx")
                .contains("image_properties EXISTS USING COVERING INDEX glancej_image_properties_name_value");
    }

    @Test
    void pagesOf25AreFast() throws SQLException {
        List<String> report = new ArrayList<>();
        for (String query : List.of("", "marker=" + someId(), "sort=name:asc", "sort=size:desc",
                "tag=a&tag=b", "os_distro=ubuntu", "visibility=all&sort=created_at:asc")) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 30; i++) {
                long start = System.nanoTime();
                reader.pageIds(connection, QueryStrings.parse(query), ListScope.user("p1"));
                best = Math.min(best, System.nanoTime() - start);
            }
            report.add("%-40s %6.3f ms".formatted(query.isEmpty() ? "(default)" : query.substring(0, Math.min(40, query.length())), best / 1e6));
            if (query.isEmpty() || query.startsWith("marker")) {
                assertThat(best).as(query).isLessThan(5_000_000L);
            }
        }
        System.out.println("list of 25 among " + IMAGES + " images on SQLite (best of 30, as a project member):\n  " + String.join("\n  ", report));
    }

    private String someId() throws SQLException {
        return reader.pageIds(connection, QueryStrings.parse("limit=500"), ListScope.admin(null)).getLast();
    }

    private String plan(String query) throws SQLException {
        return plan(query, ListScope.admin(null));
    }

    private String plan(String query, ListScope scope) throws SQLException {
        ImageListQuery q = QueryStrings.parse(query);
        ImageListSql sql = new ImageListSql(Dialect.SQLITE);
        Optional<Marker> marker = Optional.empty();
        if (q.marker().isPresent()) {
            try (PreparedStatement s = sql.markerQuery(q, scope).prepare(connection, Dialect.SQLITE);
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                marker = Optional.of(sql.readMarker(rs, q));
            }
        }
        // every part the reader may run, one after the other
        StringBuilder plan = new StringBuilder();
        for (SqlStatement page : sql.pageQueries(q, scope, marker, Optional.empty())) {
            SqlStatement explain = new SqlStatement("EXPLAIN QUERY PLAN " + page.sql(), page.parameters());
            try (PreparedStatement s = explain.prepare(connection, Dialect.SQLITE); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString("detail")).append('\n');
                }
            }
        }
        return plan.toString();
    }
}
