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
import org.glancej.db.testing.DatabaseTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The same images as on upstream Zed come back in upstream's order, and page without losing rows. */
class UpstreamOrderTest extends DatabaseTestSupport {
    private JsonNode recorded;

    @BeforeEach
    void seedRecordedImages() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/images/list/upstream-zed-orders.json")) {
            recorded = new ObjectMapper().readTree(in);
        }
        List<TestImage> images = new ArrayList<>();
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
            assertThat(page(query)).as(query).isEqualTo(ids(order.getValue()));
        }
    }

    @Test
    void pagingReturnsEveryImageWhereUpstreamLosesSome() {
        for (Map.Entry<String, JsonNode> order : recorded.get("orders").properties()) {
            List<String> expected = ids(order.getValue());
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
