package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One node and the stage host it records: an image it staged itself is imported and deleted here, never sent to
 * its own URL (which here does not even resolve), and a request it replays to itself under another spelling of
 * its address is not replayed again.
 */
class StageHostSelfApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension("""
            [DEFAULT]
            worker_self_reference_url = http://node-a.invalid:9292
            """);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void importOfDataStagedHereRunsHere() throws Exception {
        byte[] data = StageApiTest.randomBytes(20_000);
        String id = staged(data);

        HttpResponse<String> answer = importImage(id);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(finishedTask(id).get("status").asText()).isEqualTo("success");
        assertThat(show(id).get("checksum").asText()).isEqualTo(StageApiTest.hex("MD5", data));
    }

    @Test
    void deleteOfAnImageStagedHereRunsHere() throws Exception {
        String id = staged(StageApiTest.randomBytes(1_000));

        assertThat(server.send(server.request("/v2/images/" + id).DELETE()).statusCode()).isEqualTo(204);

        assertThat(stagedFile(id)).doesNotExist();
    }

    @Test
    void aRequestReplayedToThisNodeIsNotReplayedAgain() throws Exception {
        byte[] data = StageApiTest.randomBytes(20_000);
        String imported = staged(data);
        String deleted = staged(data);
        // this node under another name than its worker_self_reference_url: each request comes back here once
        recordStageHost(imported, "http://127.0.0.1:" + server.uri("/").getPort());
        recordStageHost(deleted, "http://127.0.0.1:" + server.uri("/").getPort());

        HttpResponse<String> answer = importImage(imported);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(finishedTask(imported).get("status").asText()).isEqualTo("success");
        assertThat(server.send(server.request("/v2/images/" + deleted).DELETE()).statusCode()).isEqualTo(204);
        assertThat(stagedFile(deleted)).doesNotExist();
    }

    private static String staged(byte[] data) throws Exception {
        HttpResponse<String> created = server.send(server.request("/v2/images")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(
                        "{\"name\": \"t\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        assertThat(server.send(server.request("/v2/images/" + id + "/stage")
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofByteArray(data)))
                .statusCode()).isEqualTo(204);
        return id;
    }

    private static Path stagedFile(String id) {
        return server.directory().resolve("staging").resolve(id);
    }

    private static void recordStageHost(String id, String host) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.directory().resolve("glance.sqlite"));
                PreparedStatement ps = c.prepareStatement("UPDATE image_properties SET value = ? "
                        + "WHERE image_id = ? AND name = 'os_glance_stage_host' AND deleted = 0")) {
            ps.setString(1, host);
            ps.setString(2, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private static HttpResponse<String> importImage(String id) throws Exception {
        return server.send(server.request("/v2/images/" + id + "/import").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"method\": {\"name\": \"glance-direct\"}}")));
    }

    private static JsonNode show(String id) throws Exception {
        return JSON.readTree(server.send(server.request("/v2/images/" + id)).body());
    }

    private static JsonNode finishedTask(String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonNode tasks = JSON.readTree(server.send(server.request("/v2/images/" + id + "/tasks")).body())
                    .get("tasks");
            if (!tasks.isEmpty() && tasks.get(0).get("status").asText().matches("success|failure")) {
                return tasks.get(0);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("import did not finish: " + tasks);
            }
            Thread.sleep(50);
        }
    }
}
