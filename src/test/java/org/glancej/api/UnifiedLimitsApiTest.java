package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancej.api.ApiCalls.json;
import static org.glancej.api.ApiCalls.message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import org.glancej.keystone.FakeKeystone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code use_keystone_limits}: limits registered in a Keystone, usage counted in the database, checked on create
 * and upload and reported by {@code GET /v2/info/usage}. Without authentication the caller has no project, so the
 * registered defaults apply to the images without owner; each test deletes its images.
 */
class UnifiedLimitsApiTest {
    private static final String SERVICE = "glance-service";
    private static final int MIB = 1 << 20;
    static final FakeKeystone KEYSTONE = start();

    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension("""
            [DEFAULT]
            use_keystone_limits = true
            [oslo_limit]
            auth_type = password
            auth_url = %s
            username = glance
            user_domain_id = default
            password = secret
            system_scope = all
            endpoint_id = ep-glance
            """.formatted(KEYSTONE.v3()));
    private static final ApiCalls api = new ApiCalls(server);

    private static FakeKeystone start() {
        try {
            FakeKeystone keystone = new FakeKeystone();
            keystone.now = Instant.now();
            keystone.service(SERVICE, "image", "glance");
            keystone.endpoint("ep-glance", SERVICE, "RegionOne", "public");
            return keystone;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void limit(String resource, long limit) {
        KEYSTONE.registeredLimit(SERVICE, "RegionOne", resource, limit);
    }

    @BeforeEach
    void generousLimits() {
        limit("image_size_total", 100);
        limit("image_stage_total", 100);
        limit("image_count_total", 100);
        limit("image_count_uploading", 100);
    }

    @AfterEach
    void deleteImages() throws Exception {
        for (var image : json(api.send("GET", "/v2/images", null)).get("images")) {
            api.send("DELETE", "/v2/images/" + image.get("id").asText(), null);
        }
    }

    @AfterAll
    static void stopKeystone() {
        KEYSTONE.close();
    }

    private static String createImage() throws Exception {
        return api.create(null, "{\"name\": \"u\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
    }

    private static HttpResponse<String> upload(String id, int bytes) throws Exception {
        return server.send(server.request("/v2/images/" + id + "/file")
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofByteArray(new byte[bytes])));
    }

    private static void assertOverLimit(HttpResponse<String> response, String resource, long limit, long usage,
            long delta) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(message(response)).startsWith("The request returned a 413 Request Entity Too Large.")
                .endsWith("Project None is over a limit for [Resource " + resource + " is over limit of " + limit
                        + " due to current usage " + usage + " and delta " + delta + "]");
    }

    private static void assertQueuedWithoutData(String id) throws Exception {
        assertThat(api.show(null, id).get("status").asText()).isEqualTo("queued");
        assertThat(Files.exists(server.directory().resolve("images").resolve(id))).isFalse();
    }

    @Test
    void usageReportsEachResourcesUsageAndLimit() throws Exception {
        limit("image_size_total", 10);
        limit("image_stage_total", 5);
        assertThat(upload(createImage(), 2 * MIB + 5).statusCode()).isEqualTo(204);
        createImage();

        HttpResponse<String> usage = api.send("GET", "/v2/info/usage", null);

        assertThat(usage.statusCode()).isEqualTo(200);
        assertThat(usage.body()).isEqualTo("{\"usage\":{"
                + "\"image_size_total\":{\"usage\":2,\"limit\":10},"
                + "\"image_stage_total\":{\"usage\":0,\"limit\":5},"
                + "\"image_count_total\":{\"usage\":2,\"limit\":100},"
                + "\"image_count_uploading\":{\"usage\":0,\"limit\":100}}}");
    }

    @Test
    void imageCountTotalRefusesTheImageBeyondTheLimit() throws Exception {
        limit("image_count_total", 1);
        createImage();

        assertOverLimit(api.send("POST", "/v2/images", "{\"name\": \"one too many\"}"), "image_count_total", 1, 1, 1);
        assertThat(json(api.send("GET", "/v2/images", null)).get("images")).hasSize(1);
    }

    @Test
    void imageSizeTotalCountsTheAnnouncedSizeInWholeMebibytes() throws Exception {
        limit("image_size_total", 1);
        String id = createImage();

        assertOverLimit(upload(id, 2 * MIB), "image_size_total", 1, 0, 2);
        assertQueuedWithoutData(id);
        assertThat(upload(id, MIB).statusCode()).isEqualTo(204);
        String next = createImage();
        assertOverLimit(upload(next, MIB), "image_size_total", 1, 1, 1);
        assertQueuedWithoutData(next);
    }

    @Test
    void imageCountUploadingCountsTheUploadItself() throws Exception {
        limit("image_count_uploading", 0);
        String id = createImage();

        assertOverLimit(upload(id, 10), "image_count_uploading", 0, 1, 0);
        assertQueuedWithoutData(id);
    }

    @Test
    void keystoneFailingIsA503AndLimitsWorkAgainWhenItIsBack() throws Exception {
        KEYSTONE.failures.set(1000);
        HttpResponse<String> refused;
        try {
            refused = api.send("POST", "/v2/images", "{\"name\": \"while Keystone is away\"}");
        } finally {
            KEYSTONE.failures.set(0);
        }

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.body()).contains("The Keystone service is temporarily unavailable.");
        assertThat(json(api.send("GET", "/v2/images", null)).get("images")).isEmpty();
        createImage();
    }
}
