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
import java.util.List;
import java.util.stream.Stream;
import org.glancej.keystone.FakeKeystone;
import org.glancej.db.Database;
import org.glancej.db.DatabaseConfig;
import org.glancej.db.SchemaMigrator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes behind Keystone on one database: the stage host receives the caller's own token, so the import it
 * runs is the caller's, and the node the request landed on refuses callers it would refuse before replaying.
 */
class StageHostKeystoneApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeKeystone keystone;
    private static Path directory;
    private static ClusterNode a;
    private static ClusterNode b;

    @BeforeAll
    static void startNodes() throws Exception {
        keystone = new FakeKeystone();
        Instant later = Instant.now().plusSeconds(3600);
        keystone.tokens.put("member-token", new FakeKeystone.Token("u1", "p1", List.of("member", "reader"), later));
        keystone.tokens.put("reader-token", new FakeKeystone.Token("u3", "p1", List.of("reader"), later));
        keystone.tokens.put("other-token", new FakeKeystone.Token("u2", "p2", List.of("member", "reader"), later));
        directory = Files.createTempDirectory("glancej-stagehost-keystone");
        String connection = "sqlite:///" + directory.resolve("glance.sqlite");
        try (Database database = Database.open(DatabaseConfig.forConnection(connection))) {
            new SchemaMigrator(database).migrate();
        }
        String auth = TokenCallers.config(keystone);
        a = new ClusterNode(connection, directory.resolve("images"), directory.resolve("staging-a"), auth);
        b = new ClusterNode(connection, directory.resolve("images"), directory.resolve("staging-b"), auth);
        a.start();
        b.start();
    }

    @AfterAll
    static void stopNodes() throws Exception {
        a.close();
        b.close();
        keystone.close();
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void theStageHostRunsTheImportAsTheCaller() throws Exception {
        byte[] data = StageApiTest.randomBytes(30_000);
        String id = stagedOnA(data);

        HttpResponse<String> answer = importVia(b, id, "member-token");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode task = finishedTask(id);
        assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("success");
        // A made the task for the caller's token, not for a token of its own
        assertThat(task.get("owner").asText()).isEqualTo("p1");
        assertThat(task.get("user_id").asText()).isEqualTo("u1");
        assertThat(a.staged(id)).doesNotExist();
    }

    @Test
    void callersTheNodeRefusesAreRefusedBeforeAnyReplay() throws Exception {
        String id = stagedOnA(StageApiTest.randomBytes(1_000));

        assertThat(importVia(b, id, "reader-token").statusCode()).isEqualTo(403);
        assertThat(importVia(b, id, "other-token").statusCode()).isEqualTo(404);
        assertThat(b.send(b.request("/v2/images/" + id).header("X-Auth-Token", "other-token").DELETE())
                .statusCode()).isEqualTo(404);
        assertThat(a.staged(id)).exists();

        assertThat(b.send(b.request("/v2/images/" + id).header("X-Auth-Token", "member-token").DELETE())
                .statusCode()).isEqualTo(204);
        assertThat(a.staged(id)).doesNotExist();
    }

    private static String stagedOnA(byte[] data) throws Exception {
        HttpResponse<String> created = b.send(b.request("/v2/images").header("X-Auth-Token", "member-token")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(
                        "{\"name\": \"t\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        assertThat(a.send(a.request("/v2/images/" + id + "/stage").header("X-Auth-Token", "member-token")
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofByteArray(data)))
                .statusCode()).isEqualTo(204);
        return id;
    }

    private static HttpResponse<String> importVia(ClusterNode node, String id, String token) throws Exception {
        return node.send(node.request("/v2/images/" + id + "/import").header("X-Auth-Token", token)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"method\": {\"name\": \"glance-direct\"}}")));
    }

    private static JsonNode finishedTask(String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonNode tasks = JSON.readTree(b.send(b.request("/v2/images/" + id + "/tasks")
                    .header("X-Auth-Token", "member-token")).body()).get("tasks");
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
