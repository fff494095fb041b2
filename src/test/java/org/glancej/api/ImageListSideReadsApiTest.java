package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A large page reads its child rows on other pooled connections when some are idle, and on its own otherwise: the
 * body is the same byte for byte either way, on every database. Two servers on one database: this class's, whose
 * pool has connections to spare, and one whose pool holds a single connection, so its pages never read beside.
 */
class ImageListSideReadsApiTest extends EveryDatabaseApiTestSupport {
    /** Above the size from which a page reads beside ({@code ImageLoader.SIDE_READS_FROM}, 100). */
    private static final int IMAGES = 130;

    @Override
    protected String extraConfig() {
        return """
                [DEFAULT]
                show_multiple_locations = true
                show_image_direct_url = true
                """;
    }

    @Test
    void aLargePageIsTheSameReadBesideAsReadOnOneConnection() throws Exception {
        for (int n = 0; n < IMAGES; n++) {
            StringBuilder body = new StringBuilder("{\"name\": \"side-" + n + "\", \"disk_format\": \"raw\","
                    + " \"container_format\": \"bare\", \"visibility\": \""
                    + (n % 7 == 0 ? "shared" : "public") + "\", \"tags\": [");
            for (int t = 0; t < n % 3; t++) {
                body.append(t == 0 ? "" : ", ").append("\"tag-").append((n + t) % 5).append('"');
            }
            body.append(']');
            for (int p = 0; p < n % 4; p++) {
                body.append(", \"p").append(3 - p).append("\": \"v").append(n).append('"');
            }
            String id = api.create(null, body.append('}').toString());
            if (n % 3 == 1) {
                assertThat(server.send(server.request("/v2/images/" + id + "/file")
                        .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofString("data" + n)))
                        .statusCode()).isEqualTo(204);
            }
            if (n % 7 == 0) {
                assertThat(api.send("POST", "/v2/images/" + id + "/members", "{\"member\": \"project-" + n + "\"}")
                        .statusCode()).isEqualTo(200);
            }
        }
        ApiServerExtension oneConnection = new ApiServerExtension(extraConfig() + "[database]\nmax_pool_size = 1\n")
                .onDatabase(fresh.connection());
        oneConnection.start();
        try {
            for (String query : new String[] {"limit=1000", "limit=1000&sort=updated_at:asc",
                    "limit=120&sort=name:desc"}) {
                HttpResponse<String> beside = api.send("GET", "/v2/images?" + query, null);
                HttpResponse<String> alone = oneConnection.send(oneConnection.request("/v2/images?" + query));

                assertThat(beside.statusCode()).isEqualTo(200);
                assertThat(beside.body()).as(query).isEqualTo(alone.body()).contains("\"p3\":\"v3\"", "\"tag-4\"",
                        "\"direct_url\":\"file://");
                assertThat(ApiCalls.json(beside).get("images").size()).isGreaterThanOrEqualTo(120);
            }
        } finally {
            oneConnection.stop();
        }
    }
}
