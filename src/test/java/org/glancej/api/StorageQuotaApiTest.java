package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancej.api.ApiCalls.message;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code user_storage_quota} on upload: the remaining quota caps the stream like {@code image_size_cap}, and a
 * refused upload leaves the image queued with no data. No-auth images have no owner, so they share one quota;
 * each test deletes what it stored.
 */
class StorageQuotaApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension("""
            [DEFAULT]
            user_storage_quota = 1KB
            """);
    private static final ApiCalls api = new ApiCalls(server);

    private static String createImage() throws Exception {
        return api.create(null, "{\"name\": \"q\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
    }

    private static HttpResponse<String> upload(String id, int bytes, boolean chunked) throws Exception {
        byte[] data = new byte[bytes];
        return server.send(server.request("/v2/images/" + id + "/file")
                .header("Content-Type", "application/octet-stream")
                .PUT(chunked ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(data))
                        : BodyPublishers.ofByteArray(data)));
    }

    private static void assertQueuedWithoutData(String id) throws Exception {
        assertThat(api.show(null, id).get("status").asText()).isEqualTo("queued");
        assertThat(Files.exists(server.directory().resolve("images").resolve(id))).isFalse();
    }

    @AfterEach
    void deleteImages() throws Exception {
        for (var image : ApiCalls.json(api.send("GET", "/v2/images", null)).get("images")) {
            api.send("DELETE", "/v2/images/" + image.get("id").asText(), null);
        }
        try (Stream<Path> files = Files.list(server.directory().resolve("images"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void dataFillingTheQuotaExactlyIsStoredAndOneByteMoreIsRefused() throws Exception {
        String full = createImage();
        assertThat(upload(full, 1000, false).statusCode()).isEqualTo(204);
        String next = createImage();

        HttpResponse<String> refused = upload(next, 25, false);

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(message(refused)).isEqualTo("Image exceeds the storage quota: The size of the data 25 will exceed"
                + " the limit. 24 bytes remaining.");
        assertQueuedWithoutData(next);
        assertThat(upload(next, 24, false).statusCode()).isEqualTo(204);
    }

    @Test
    void anUploadOfUnknownSizeIsStoppedWhenItPassesTheRemainingQuota() throws Exception {
        String id = createImage();

        HttpResponse<String> refused = upload(id, 200_000, true);

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(message(refused)).startsWith("Image exceeds the storage quota: The size of the data ")
                .endsWith(" will exceed the limit. 1024 bytes remaining.");
        assertQueuedWithoutData(id);
        assertThat(upload(id, 1024, true).statusCode()).isEqualTo(204);
    }

    @Test
    void withTheQuotaUsedUpEvenAnUploadOfUnknownSizeIsRefusedAtOnce() throws Exception {
        assertThat(upload(createImage(), 1024, false).statusCode()).isEqualTo(204);
        String id = createImage();

        HttpResponse<String> refused = upload(id, 1, true);

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(message(refused)).isEqualTo("Image exceeds the storage quota: The size of the data None will"
                + " exceed the limit. 0 bytes remaining.");
        assertQueuedWithoutData(id);
    }
}
