package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.glancej.keystone.FakeKeystone;
import org.glancej.store.http.TestWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The 2.17 locations API ({@code POST|GET /v2/images/{id}/locations}) against a real local web server. */
class LocationApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE = "service-token";
    private static TestWebServer web;
    private static FakeKeystone keystone;
    private static ApiServerExtension server;

    @BeforeAll
    static void start() throws Exception {
        web = TestWebServer.start("127.0.0.1");
        keystone = TokenCallers.keystone();
        keystone.tokens.put(SERVICE, new FakeKeystone.Token("nova", "p1", List.of("service", "member", "reader"),
                Instant.now().plusSeconds(3600)));
        server = new ApiServerExtension(TokenCallers.config(keystone) + """
                [import_filtering_opts]
                allowed_hosts = 127.0.0.1
                allowed_ports = %d
                """.formatted(web.port()));
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        keystone.close();
        web.close();
    }

    /** A request of the member of project p1, who owns the images these tests make. */
    private static java.net.http.HttpRequest.Builder request(String path) {
        return as(TokenCallers.MEMBER, path);
    }

    private static java.net.http.HttpRequest.Builder as(String token, String path) {
        return server.request(path).header("X-Auth-Token", token);
    }

    private static String queued() throws Exception {
        HttpResponse<String> created = server.send(request("/v2/images").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\": \"at-url\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")));
        return JSON.readTree(created.body()).get("id").asText();
    }

    private static HttpResponse<String> addLocation(String id, String body) throws Exception {
        return server.send(request("/v2/images/" + id + "/locations").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body)));
    }

    private static JsonNode show(String id) throws Exception {
        return JSON.readTree(server.send(request("/v2/images/" + id)).body());
    }

    /** Polls until the image shows {@code field} = {@code value} (the hashing runs in the background). */
    private static JsonNode awaitField(String id, String field, String value) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode image = show(id);
        while (!value.equals(image.path(field).asText(null)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            image = show(id);
        }
        return image;
    }

    /** Polls the image's tasks until its one task reaches {@code status}, as Tempest's waiter does. */
    private static JsonNode awaitTask(String id, String status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode tasks = JSON.readTree(server.send(request("/v2/images/" + id + "/tasks")).body()).get("tasks");
        while ((tasks.isEmpty() || !status.equals(tasks.get(0).get("status").asText()))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            tasks = JSON.readTree(server.send(request("/v2/images/" + id + "/tasks")).body()).get("tasks");
        }
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("type").asText()).isEqualTo("location_import");
        assertThat(tasks.get(0).get("status").asText()).isEqualTo(status);
        return tasks.get(0);
    }

    private static byte[] published(String path, int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        web.file(path, data);
        return data;
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    @Test
    void anHttpLocationActivatesTheImageAndItsHashesFollow() throws Exception {
        byte[] data = published("/plain.img", 300_000);
        String id = queued();

        HttpResponse<String> added = addLocation(id, "{\"url\": \"" + web.url("/plain.img") + "\"}");

        assertThat(added.statusCode()).isEqualTo(202);
        JsonNode image = awaitField(id, "os_hash_value", hex("SHA-512", data));
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("size").asLong()).isEqualTo(data.length);
        assertThat(image.get("checksum").asText()).isEqualTo(hex("MD5", data));
        assertThat(image.get("os_hash_algo").asText()).isEqualTo("sha512");
        assertThat(server.sendForBytes(request("/v2/images/" + id + "/file").GET()).body()).isEqualTo(data);
        assertThat(show(id).has(org.glancej.images.TaskLockDao.LOCK_PROPERTY)).isFalse();
    }

    @Test
    void matchingValidationDataActivatesAndAMismatchPutsTheImageBackToQueued() throws Exception {
        byte[] data = published("/checked.img", 100_000);
        String good = queued();
        String bad = queued();

        assertThat(addLocation(good, "{\"url\": \"" + web.url("/checked.img") + "\", \"validation_data\":"
                + " {\"os_hash_algo\": \"sha512\", \"os_hash_value\": \"" + hex("SHA-512", data) + "\"}}").statusCode())
                .isEqualTo(202);
        assertThat(addLocation(bad, "{\"url\": \"" + web.url("/checked.img") + "\", \"validation_data\":"
                + " {\"os_hash_value\": \"" + "ab".repeat(64) + "\"}}").statusCode()).isEqualTo(202);

        assertThat(awaitField(good, "status", "active").get("os_hash_value").asText()).isEqualTo(hex("SHA-512", data));
        JsonNode reverted = awaitField(bad, "status", "queued");
        assertThat(reverted.get("status").asText()).isEqualTo("queued");
        assertThat(reverted.get("os_hash_value").isNull()).isTrue();
        assertThat(reverted.get("size").isNull()).isTrue();
        assertThat(server.send(request("/v2/images/" + bad + "/file").GET()).statusCode()).isEqualTo(204);
        assertThat(awaitTask(good, "success").get("input").get("validation_data").get("os_hash_algo").asText())
                .isEqualTo("sha512");
        assertThat(awaitTask(bad, "failure").get("message").asText()).contains("not matched with actual os_hash_value");
    }

    @Test
    void refusalsComeBeforeAnythingChanges() throws Exception {
        published("/r.img", 10);
        String id = queued();

        assertThat(addLocation(id, "{\"url\": \"rbd://fsid/images/" + id + "/snap\"}").statusCode()).isEqualTo(403);
        assertThat(addLocation(id, "{\"url\": \"" + web.url("/missing.img") + "\"}").statusCode()).isEqualTo(400);
        assertThat(addLocation(id, "{\"url\": \"http://169.254.169.254/latest\"}").statusCode()).isEqualTo(400);
        assertThat(addLocation(id, "{\"url\": \"" + web.url("/r.img") + "\", \"validation_data\":"
                + " {\"os_hash_value\": \"xyz\"}}").statusCode()).isEqualTo(400);
        assertThat(addLocation(id, "{\"url\": \"" + web.url("/r.img") + "\", \"validation_data\":"
                + " {\"os_hash_value\": \"abcd\"}}").statusCode()).isEqualTo(400);
        assertThat(addLocation(id, "{\"nourl\": 1}").statusCode()).isEqualTo(400);
        assertThat(show(id).get("status").asText()).isEqualTo("queued");

        assertThat(addLocation(id, "{\"url\": \"" + web.url("/r.img") + "\"}").statusCode()).isEqualTo(202);
        awaitField(id, "status", "active");
        HttpResponse<String> again = addLocation(id, "{\"url\": \"" + web.url("/r.img") + "\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("It's not allowed to add locations if image status is active.");
    }

    @Test
    void listingLocationsNeedsTheServiceRole() throws Exception {
        byte[] data = published("/listed.img", 1000);
        String id = queued();
        assertThat(addLocation(id, "{\"url\": \"" + web.url("/listed.img") + "\"}").statusCode()).isEqualTo(202);
        awaitField(id, "os_hash_value", hex("SHA-512", data));

        assertThat(server.send(request("/v2/images/" + id + "/locations")).statusCode()).isEqualTo(403);
        HttpResponse<String> listed = server.send(as(SERVICE, "/v2/images/" + id + "/locations"));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(listed.body())).isEqualTo(JSON.readTree(
                "[{\"url\": \"" + web.url("/listed.img") + "\", \"metadata\": {}}]"));
    }
}
