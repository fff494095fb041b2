package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.glancej.db.Database;
import org.glancej.db.SchemaMigrator;
import org.glancej.db.testing.FreshDatabase;
import org.glancej.db.testing.TestBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two API nodes on one database and one file store, each staging to its own directory: a glance-direct import
 * or a delete that lands on the node that did not stage is replayed on the one that did (its {@code
 * os_glance_stage_host}), over real HTTP, and behaves as upstream when that node is down.
 */
@ParameterizedClass(name = "[{0}]")
@MethodSource("org.glancej.db.testing.TestBackend#all")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StageHostApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameter
    TestBackend backend;

    private Path directory;
    private FreshDatabase fresh;
    /** The node that stages. */
    private ClusterNode a;
    /** The node the imports and deletes land on. */
    private ClusterNode b;

    @BeforeParameterizedClassInvocation
    void startNodes() throws Exception {
        if (backend.adminConnection().isEmpty()) {
            return; // each test then reports the backend as skipped (or failed when required)
        }
        directory = Files.createTempDirectory("glancej-stagehost");
        fresh = backend.create(directory);
        try (Database database = fresh.open()) {
            new SchemaMigrator(database).migrate();
        }
        a = new ClusterNode(fresh.connection(), directory.resolve("images"), directory.resolve("staging-a"));
        b = new ClusterNode(fresh.connection(), directory.resolve("images"), directory.resolve("staging-b"));
        a.start();
        b.start();
    }

    @AfterParameterizedClassInvocation
    void stopNodes() throws Exception {
        for (ClusterNode node : new ClusterNode[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
        a = null;
        b = null;
        if (fresh != null) {
            fresh.close();
            fresh = null;
        }
        if (directory != null) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            directory = null;
        }
    }

    @BeforeEach
    void nodeAIsUp() {
        backend.assumeAvailable();
        if (!a.isRunning()) {
            a.start();
        }
    }

    @Test
    void importLandingOnTheOtherNodeRunsOnTheStageHost() throws Exception {
        byte[] data = StageApiTest.randomBytes(200_000);
        String id = stagedOnA(data);

        HttpResponse<String> answer = importVia(b, id);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode task = finishedTask(b, id);
        assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("success");
        // the task was made by A, under A's request id, which the client got from B
        assertThat(answer.headers().firstValue("x-openstack-request-id")).hasValue(task.get("request_id").asText());
        for (ClusterNode node : new ClusterNode[] {a, b}) {
            JsonNode image = show(node, id);
            assertThat(image.get("status").asText()).isEqualTo("active");
            assertThat(image.get("checksum").asText()).isEqualTo(StageApiTest.hex("MD5", data));
            assertThat(image.has("os_glance_stage_host")).as(image.toString()).isFalse();
        }
        assertThat(b.sendForBytes(b.request("/v2/images/" + id + "/file")).body()).isEqualTo(data);
        assertThat(a.staged(id)).doesNotExist();
    }

    @Test
    void deleteLandingOnTheOtherNodeRemovesTheStagedDataOnTheStageHost() throws Exception {
        String id = stagedOnA(StageApiTest.randomBytes(50_000));
        assertThat(a.staged(id)).exists();

        HttpResponse<String> answer = b.send(b.request("/v2/images/" + id)
                .header("X-Openstack-Request-Id", "req-sent-to-b").DELETE());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
        assertThat(answer.headers().allValues("x-openstack-request-id")).singleElement().asString()
                .startsWith("req-").isNotEqualTo("req-sent-to-b");
        assertThat(a.staged(id)).doesNotExist();
        assertThat(a.send(a.request("/v2/images/" + id)).statusCode()).isEqualTo(404);
        assertThat(b.send(b.request("/v2/images/" + id)).statusCode()).isEqualTo(404);
    }

    @Test
    void stageHostRefusingADeleteIsWhatTheClientGets() throws Exception {
        String id = stagedOnA(StageApiTest.randomBytes(1_000));
        assertThat(b.send(b.request("/v2/images/" + id).header("Content-Type",
                "application/openstack-images-v2.1-json-patch").method("PATCH",
                BodyPublishers.ofString("[{\"op\": \"replace\", \"path\": \"/protected\", \"value\": true}]")))
                .statusCode()).isEqualTo(200);

        HttpResponse<String> answer = b.send(b.request("/v2/images/" + id)
                .header("X-Openstack-Request-Id", "req-sent-to-b").DELETE());

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(ApiCalls.message(answer)).contains("is protected and cannot be deleted");
        // A's answer, under A's request id
        assertThat(answer.headers().allValues("x-openstack-request-id")).singleElement().asString()
                .startsWith("req-").isNotEqualTo("req-sent-to-b");
        assertThat(a.staged(id)).exists();
        assertThat(show(b, id).get("status").asText()).isEqualTo("uploading");
        unprotect(id);
        assertThat(b.send(b.request("/v2/images/" + id).DELETE()).statusCode()).isEqualTo(204);
        assertThat(a.staged(id)).doesNotExist();
    }

    @Test
    void importWhileTheStageHostIsDownIs504AndWorksOnceItIsBack() throws Exception {
        byte[] data = StageApiTest.randomBytes(100_000);
        String id = stagedOnA(data);
        a.stop();

        HttpResponse<String> refused = importVia(b, id);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(504);
        // upstream's body byte for byte: webob's HTTPGatewayTimeout with the message as its detail
        assertThat(refused.body()).isEqualTo("{\"message\":\"The gateway has timed out.<br /><br />\\nStage host is "
                + "unavailable\\n\\n\",\"code\":\"504 Gateway Timeout\",\"title\":\"Gateway Timeout\"}");
        assertThat(show(b, id).get("status").asText()).isEqualTo("uploading");
        assertThat(tasks(b, id)).isEmpty();

        a.start();
        HttpResponse<String> answer = importVia(b, id);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(finishedTask(b, id).get("status").asText()).isEqualTo("success");
        assertThat(show(b, id).get("checksum").asText()).isEqualTo(StageApiTest.hex("MD5", data));
        assertThat(a.staged(id)).doesNotExist();
    }

    @Test
    void deleteWhileTheStageHostIsDownDeletesTheImageHere() throws Exception {
        String id = stagedOnA(StageApiTest.randomBytes(10_000));
        a.stop();

        HttpResponse<String> answer = b.send(b.request("/v2/images/" + id).DELETE());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
        assertThat(b.send(b.request("/v2/images/" + id)).statusCode()).isEqualTo(404);
        a.start();
        assertThat(a.send(a.request("/v2/images/" + id)).statusCode()).isEqualTo(404);
    }

    /** An image made through B and staged on A, so that its stage host is A. */
    private String stagedOnA(byte[] data) throws Exception {
        HttpResponse<String> created = b.send(b.request("/v2/images").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\": \"t\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        HttpResponse<String> staged = a.send(a.request("/v2/images/" + id + "/stage")
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofByteArray(data)));
        assertThat(staged.statusCode()).as(staged.body()).isEqualTo(204);
        assertThat(a.staged(id)).exists();
        return id;
    }

    private void unprotect(String id) throws Exception {
        assertThat(b.send(b.request("/v2/images/" + id).header("Content-Type",
                "application/openstack-images-v2.1-json-patch").method("PATCH",
                BodyPublishers.ofString("[{\"op\": \"replace\", \"path\": \"/protected\", \"value\": false}]")))
                .statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> importVia(ClusterNode node, String id) throws Exception {
        return node.send(node.request("/v2/images/" + id + "/import").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"method\": {\"name\": \"glance-direct\"}}")));
    }

    private static JsonNode show(ClusterNode node, String id) throws Exception {
        HttpResponse<String> response = node.send(node.request("/v2/images/" + id));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode tasks(ClusterNode node, String id) throws Exception {
        return JSON.readTree(node.send(node.request("/v2/images/" + id + "/tasks")).body()).get("tasks");
    }

    /** The image's newest task once it succeeded or failed: the job's last step (the staged data's removal) is done. */
    static JsonNode finishedTask(ClusterNode node, String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonNode tasks = tasks(node, id);
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
