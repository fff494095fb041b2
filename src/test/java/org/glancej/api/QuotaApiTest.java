package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancej.api.ApiCalls.json;
import static org.glancej.api.ApiCalls.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The property and tag quotas of glance-api.conf on every route that adds properties or tags. */
class QuotaApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension("""
            [DEFAULT]
            image_property_quota = 2
            image_tag_quota = 2
            """);
    private static final ApiCalls api = new ApiCalls(server);

    private static final String PROPERTIES_OVER = "The limit has been exceeded on the number of allowed image"
            + " properties. Attempted: 3, Maximum: 2";
    private static final String TAGS_OVER = "The limit has been exceeded on the number of allowed image tags."
            + " Attempted: 3, Maximum: 2";

    private static JsonNode imagesNamed(String name) throws Exception {
        return json(api.send("GET", "/v2/images?name=" + name, null)).get("images");
    }

    private static void assertTooLarge(HttpResponse<String> response, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(message(response)).isEqualTo(message);
    }

    @Test
    void createWithPropertiesAtTheQuotaPassesAndOneMoreCreatesNothing() throws Exception {
        api.create(null, "{\"name\": \"props-at\", \"a\": \"1\", \"b\": \"2\"}");

        assertTooLarge(api.send("POST", "/v2/images", "{\"name\": \"props-over\", \"a\": \"1\", \"b\": \"2\","
                + " \"c\": \"3\"}"), PROPERTIES_OVER);
        assertThat(imagesNamed("props-over")).isEmpty();
    }

    @Test
    void createCountsTagsAsSentDuplicatesIncluded() throws Exception {
        api.create(null, "{\"name\": \"tags-at\", \"tags\": [\"a\", \"b\"]}");

        assertTooLarge(api.send("POST", "/v2/images", "{\"name\": \"tags-over\", \"tags\": [\"a\", \"a\", \"b\"]}"),
                TAGS_OVER);
        assertThat(imagesNamed("tags-over")).isEmpty();
    }

    @Test
    void patchAddingAPropertyPastTheQuotaChangesNothing() throws Exception {
        String id = api.create(null, "{\"name\": \"patched\", \"a\": \"1\", \"b\": \"2\"}");
        JsonNode before = api.show(null, id);

        assertTooLarge(api.send("PATCH", "/v2/images/" + id, "[{\"op\": \"replace\", \"path\": \"/name\","
                + " \"value\": \"renamed\"}, {\"op\": \"add\", \"path\": \"/c\", \"value\": \"3\"}]"), PROPERTIES_OVER);
        assertThat(api.show(null, id)).isEqualTo(before);

        // at the quota, existing properties can still be changed and removed
        HttpResponse<String> replaced = api.send("PATCH", "/v2/images/" + id, "[{\"op\": \"replace\","
                + " \"path\": \"/a\", \"value\": \"x\"}, {\"op\": \"remove\", \"path\": \"/b\"}]");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json(replaced).get("a").asText()).isEqualTo("x");
    }

    @Test
    void patchReplacingTagsPastTheQuotaChangesNothing() throws Exception {
        String id = api.create(null, "{\"name\": \"retagged\", \"tags\": [\"a\"]}");
        JsonNode before = api.show(null, id);

        assertTooLarge(api.send("PATCH", "/v2/images/" + id, "[{\"op\": \"replace\", \"path\": \"/tags\","
                + " \"value\": [\"a\", \"b\", \"b\"]}]"), TAGS_OVER);
        assertThat(api.show(null, id)).isEqualTo(before);
        assertThat(api.send("PATCH", "/v2/images/" + id, "[{\"op\": \"replace\", \"path\": \"/tags\","
                + " \"value\": [\"a\", \"b\"]}]").statusCode()).isEqualTo(200);
    }

    @Test
    void addingATagPastTheQuotaIsRefusedWithTheTagRoutesWording() throws Exception {
        String id = api.create(null, "{\"name\": \"tagged\", \"tags\": [\"a\", \"b\"]}");
        JsonNode before = api.show(null, id);

        assertTooLarge(api.send("PUT", "/v2/images/" + id + "/tags/c", null),
                "Image tag limit exceeded for image " + id + ": " + TAGS_OVER + ":");
        assertThat(api.show(null, id)).isEqualTo(before);
        assertThat(api.send("PUT", "/v2/images/" + id + "/tags/a", null).statusCode()).isEqualTo(204);
    }

    @Test
    void usageIsEmptyWithoutKeystoneLimitsAndOnlyGetIsRouted() throws Exception {
        HttpResponse<String> usage = api.send("GET", "/v2/info/usage", null);

        assertThat(usage.statusCode()).isEqualTo(200);
        assertThat(usage.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(usage.body()).isEqualTo("{\"usage\":{}}");
        // upstream has no 405 route here, and does not refuse a GET body
        assertThat(api.send("POST", "/v2/info/usage", "{}").statusCode()).isEqualTo(404);
        assertThat(api.send("HEAD", "/v2/info/usage", null).statusCode()).isEqualTo(404);
        assertThat(api.send("GET", "/v2/info/usage", "{}").statusCode()).isEqualTo(200);
    }
}
