package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.glancej.db.Database;
import org.glancej.db.DatabaseConfig;
import org.glancej.db.SchemaMigrator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes with several stores, each staging to its own {@code os_glance_staging_store}: the stores a client
 * asks for through the other node, by header or in the body, are the ones the stage host imports to.
 */
class StageHostMultiStoreApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STORES = """
            [DEFAULT]
            enabled_backends = fast:file, cheap:file
            [glance_store]
            default_backend = cheap
            [fast]
            filesystem_store_datadir = ${shared}/fast
            [cheap]
            filesystem_store_datadir = ${shared}/cheap
            [os_glance_staging_store]
            filesystem_store_datadir = ${staging}
            """;
    private static Path directory;
    private static ClusterNode a;
    private static ClusterNode b;

    @BeforeAll
    static void startNodes() throws Exception {
        directory = Files.createTempDirectory("glancej-stagehost-stores");
        String connection = "sqlite:///" + directory.resolve("glance.sqlite");
        try (Database database = Database.open(DatabaseConfig.forConnection(connection))) {
            new SchemaMigrator(database).migrate();
        }
        a = new ClusterNode(connection, directory.resolve("images"), directory.resolve("staging-a"), STORES);
        b = new ClusterNode(connection, directory.resolve("images"), directory.resolve("staging-b"), STORES);
        a.start();
        b.start();
    }

    @AfterAll
    static void stopNodes() throws Exception {
        a.close();
        b.close();
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void theStoreHeaderTravelsWithTheImport() throws Exception {
        String id = stagedOnA(StageApiTest.randomBytes(10_000));

        HttpResponse<String> answer = b.send(importVia(b, id, "{\"method\": {\"name\": \"glance-direct\"}}")
                .header("X-Image-Meta-Store", "fast"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(activeImage(id).get("stores").asText()).isEqualTo("fast");
        assertThat(directory.resolve("images/fast").resolve(id)).exists();
        assertThat(a.staged(id)).doesNotExist();
    }

    @Test
    void theStoresInTheBodyTravelWithTheImport() throws Exception {
        String id = stagedOnA(StageApiTest.randomBytes(10_000));

        HttpResponse<String> answer = b.send(importVia(b, id,
                "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"fast\", \"cheap\"]}"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(activeImage(id).get("stores").asText().split(",")).containsExactlyInAnyOrder("cheap", "fast");
        assertThat(a.staged(id)).doesNotExist();
    }

    @Test
    void anUnknownStoreIsRefusedByTheNodeTheRequestReached() throws Exception {
        String id = stagedOnA(StageApiTest.randomBytes(1_000));

        HttpResponse<String> answer = b.send(importVia(b, id, "{\"method\": {\"name\": \"glance-direct\"}}")
                .header("X-Image-Meta-Store", "nowhere"));

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(a.staged(id)).exists();
    }

    private static String stagedOnA(byte[] data) throws Exception {
        HttpResponse<String> created = b.send(b.request("/v2/images").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\": \"t\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        assertThat(a.send(a.request("/v2/images/" + id + "/stage").header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.ofByteArray(data))).statusCode()).isEqualTo(204);
        assertThat(a.staged(id)).exists();
        return id;
    }

    private static java.net.http.HttpRequest.Builder importVia(ClusterNode node, String id, String body) {
        return node.request("/v2/images/" + id + "/import").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body));
    }

    /** Waits for the task, not the status: the image is active before the job removes the staged data. */
    private static JsonNode activeImage(String id) throws Exception {
        JsonNode task = StageHostApiTest.finishedTask(b, id);
        assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("success");
        JsonNode image = JSON.readTree(b.send(b.request("/v2/images/" + id)).body());
        assertThat(image.get("status").asText()).isEqualTo("active");
        return image;
    }
}
