package org.glancej.images.list;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glancej.db.Dialect;
import org.glancej.db.testing.DatabaseTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same images as on upstream Zed come back in upstream's order, and page without losing rows. The orders
 * were recorded on MariaDB; upstream's plain ORDER BY puts nulls last ascending on PostgreSQL, so there the
 * expected order is the recorded one with nulls as the largest values (the reference's, which must agree with
 * the recording when nulls are the smallest).
 */
class UpstreamOrderTest extends DatabaseTestSupport {
    private JsonNode recorded;
    private final List<TestImage> images = new ArrayList<>();

    @BeforeEach
    void seedRecordedImages() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/images/list/upstream-zed-orders.json")) {
            recorded = new ObjectMapper().readTree(in);
        }
        images.clear();
        for (JsonNode image : recorded.get("images")) {
            images.add(new TestImage(image.get("id").asText())
                    .name(image.get("name").isNull() ? null : image.get("name").asText())
                    .size(image.get("size").isNull() ? null : image.get("size").asLong())
                    .status(image.get("status").asText())
                    .created(time(image.get("created_at")))
                    .updated(time(image.get("updated_at")))
                    .formats("raw", "bare"));
        }
        database.inTransaction(c -> {
            TestImage.insertAll(c, database.dialect(), images);
            return null;
        });
    }

    @Test
    void fullListsComeInUpstreamsOrder() {
        for (Map.Entry<String, JsonNode> order : recorded.get("orders").properties()) {
            String query = order.getKey().isEmpty() ? "limit=1000" : order.getKey() + "&limit=1000";
            assertThat(page(query)).as(query).isEqualTo(expected(order));
        }
    }

    @Test
    void pagingReturnsEveryImageWhereUpstreamLosesSome() {
        for (Map.Entry<String, JsonNode> order : recorded.get("orders").properties()) {
            List<String> expected = expected(order);
            List<String> paged = new ArrayList<>();
            ImageListQuery query = QueryStrings.parse(order.getKey().isEmpty() ? "limit=2" : order.getKey() + "&limit=2");
            while (true) {
                ImageListQuery current = query;
                List<String> ids = database.withConnection(c ->
                        new ImagePageReader(database.dialect()).pageIds(c, current, ListScope.admin(null)));
                paged.addAll(ids);
                var next = query.nextLink(ids);
                if (next.isEmpty()) {
                    break;
                }
                query = ImageListQuery.parse(QueryStrings.decode(next.get()), QueryStrings.CONFIG);
            }
            assertThat(paged).as(order.getKey()).isEqualTo(expected);
        }
        // what upstream itself returned when sorting by size, whose marker values were null
        assertThat(ids(recorded.get("upstreamPagedLimit2").get("sort=size:desc"))).hasSizeLessThan(12);
    }

    @Test
    void theReferenceAgreesWithTheRecordingWhereNullsAreTheSmallestValues() {
        for (Map.Entry<String, JsonNode> order : recorded.get("orders").properties()) {
            assertThat(ReferenceList.expected(images, QueryStrings.parse(order.getKey()), ListScope.admin(null),
                    Dialect.MYSQL)).as(order.getKey()).isEqualTo(ids(order.getValue()));
        }
    }

    /** Upstream's order for one recorded query on this test's database. */
    private List<String> expected(Map.Entry<String, JsonNode> order) {
        if (database.dialect() != Dialect.POSTGRESQL) {
            return ids(order.getValue());
        }
        return ReferenceList.expected(images, QueryStrings.parse(order.getKey()), ListScope.admin(null),
                Dialect.POSTGRESQL);
    }

    private List<String> page(String query) {
        return database.withConnection(c ->
                new ImagePageReader(database.dialect()).pageIds(c, QueryStrings.parse(query), ListScope.admin(null)));
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static LocalDateTime time(JsonNode value) {
        return value.isNull() ? null : LocalDateTime.ofInstant(Instant.parse(value.asText()), ZoneOffset.UTC);
    }
}
