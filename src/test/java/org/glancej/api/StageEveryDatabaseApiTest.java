package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Staging where the database matters, on every database: the markers of a resumable stage, the status changes
 * of its parts, and live progress that another node of the same database reads while one node receives.
 */
class StageEveryDatabaseApiTest extends EveryDatabaseApiTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private String createImage(ApiServerExtension node) throws Exception {
        HttpResponse<String> created = node.send(node.request("/v2/images").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\": \"t\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    private static HttpResponse<String> stagePart(ApiServerExtension node, String id, byte[] data, int from, int to)
            throws Exception {
        return node.send(node.request("/v2/images/" + id + "/stage")
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + data.length)
                .PUT(BodyPublishers.ofByteArray(Arrays.copyOfRange(data, from, to))));
    }

    private static JsonNode progress(ApiServerExtension node, String id) throws Exception {
        HttpResponse<String> response = node.send(node.request("/v2/images/" + id + "/stage"));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String status(ApiServerExtension node, String id) throws Exception {
        return JSON.readTree(node.send(node.request("/v2/images/" + id)).body()).get("status").asText();
    }

    private static byte[] randomBytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    @Test
    void resumableStageInPartsReachesUploading() throws Exception {
        String id = createImage(server);
        byte[] data = randomBytes(1_000_000);

        assertThat(stagePart(server, id, data, 0, 300_000).statusCode()).isEqualTo(204);
        assertThat(status(server, id)).isEqualTo("queued");
        assertThat(progress(server, id).get("bytes_total").asLong()).isEqualTo(data.length);
        assertThat(stagePart(server, id, data, 200_000, 400_000).statusCode()).isEqualTo(416);
        assertThat(stagePart(server, id, data, 300_000, data.length).statusCode()).isEqualTo(204);

        assertThat(status(server, id)).isEqualTo("uploading");
        assertThat(Files.readAllBytes(server.directory().resolve("staging").resolve(id))).isEqualTo(data);
        JsonNode done = progress(server, id);
        assertThat(done.get("bytes_held").asLong()).isEqualTo(data.length);
        assertThat(done.get("complete").asBoolean()).isTrue();
    }

    @Test
    void anotherNodeSeesTheLiveProgressOfAStageAndCannotStageMeanwhile() throws Exception {
        ApiServerExtension other = new ApiServerExtension().onDatabase(fresh.connection());
        other.start();
        try {
            String id = createImage(server);
            byte[] data = randomBytes(2_000_000);
            try (RawHttp raw = new RawHttp(server.uri("/").getPort())) {
                raw.send(RawHttp.head("PUT /v2/images/" + id + "/stage HTTP/1.1", "Host: 127.0.0.1",
                        "Content-Type: application/octet-stream", "Content-Length: " + data.length,
                        "Content-Range: bytes 0-" + (data.length - 1) + "/" + data.length));
                raw.send(Arrays.copyOf(data, 600_000));

                JsonNode seen = awaitProgress(other, id, 600_000);
                assertThat(seen.get("receiving").asBoolean()).isTrue();
                assertThat(seen.get("bytes_total").asLong()).isEqualTo(data.length);
                assertThat(stagePart(other, id, data, 0, data.length).statusCode()).isEqualTo(409);

                raw.send(Arrays.copyOfRange(data, 600_000, data.length));
                assertThat(raw.response().status()).isEqualTo(204);
            }
            JsonNode done = progress(other, id);
            assertThat(done.get("complete").asBoolean()).isTrue();
            assertThat(done.get("bytes_held").asLong()).isEqualTo(data.length);
        } finally {
            other.stop();
        }
    }

    private static JsonNode awaitProgress(ApiServerExtension node, String id, long bytes) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = progress(node, id);
            if (last.get("bytes_held").asLong() >= bytes) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("another node never saw " + bytes + " bytes of the stage: " + last);
    }
}
