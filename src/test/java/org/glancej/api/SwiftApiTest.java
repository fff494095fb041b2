package org.glancej.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.glancej.store.swift.SwiftRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API with the Swift of {@code scripts/swift.sh} as one of several stores ({@code enabled_backends}): uploads
 * with and without a length, large objects, deletes; a second Swift store whose credentials Swift refuses; the
 * Swift proxy killed in the middle of an upload; copy-image between Swift, the file store and (with
 * {@code scripts/ceph.sh} up) rbd, and a copy into Swift cut off midway (a third Swift store reaches the proxy
 * through a relay the test kills, so the shared proxy keeps serving other tests).
 */
class SwiftApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CONTAINER = "glance-api-test";
    private static ApiServerExtension server;
    private static String authAddress;
    private static String user;
    private static String key;
    private static SwiftRelay relay;
    private static String cephConf;

    @BeforeAll
    static void start() throws Exception {
        authAddress = System.getenv("GLANCE_SWIFT_AUTH_ADDRESS");
        if (authAddress == null || authAddress.isBlank()) {
            String message = "Swift is not configured: run scripts/swift.sh start and export what it prints";
            if ("1".equals(System.getenv("GLANCE_TEST_REQUIRE_SWIFT"))) {
                Assertions.fail(message + " (GLANCE_TEST_REQUIRE_SWIFT is set)");
            }
            Assumptions.abort(message);
        }
        user = System.getenv("GLANCE_SWIFT_USER");
        key = System.getenv("GLANCE_SWIFT_KEY");
        URI storage = URI.create(HTTP.send(HttpRequest.newBuilder(URI.create(authAddress)).header("X-Auth-User", user)
                .header("X-Auth-Key", key).build(), BodyHandlers.discarding()).headers().firstValue("X-Storage-Url")
                .orElseThrow());
        relay = new SwiftRelay(0, storage.getPort(), null);
        cephConf = System.getenv("GLANCE_CEPH_CONF");
        String rbd = cephConf == null || cephConf.isBlank() ? "" : """
                [rbd]
                rbd_store_ceph_conf = %s
                rbd_store_user = %s
                rbd_store_pool = %s
                rados_connect_timeout = 10
                """.formatted(cephConf, System.getenv("GLANCE_CEPH_USER"), System.getenv("GLANCE_CEPH_POOL"));
        // large objects from 1 "MB" (1024000 bytes) in segments of as much
        server = new ApiServerExtension("""
                [DEFAULT]
                enabled_backends = swift:swift, local:file, badswift:swift, cutswift:swift%5$s
                enabled_import_methods = [glance-direct, web-download, copy-image]
                [glance_store]
                default_backend = swift
                [swift]
                swift_store_auth_address = %1$s
                swift_store_user = %2$s
                swift_store_key = %3$s
                swift_store_auth_version = 1
                swift_store_container = %4$s
                swift_store_create_container_on_put = true
                swift_store_large_object_size = 1
                swift_store_large_object_chunk_size = 1
                [badswift]
                swift_store_auth_address = %1$s
                swift_store_user = %2$s
                swift_store_key = not-the-key
                swift_store_auth_version = 1
                [cutswift]
                swift_store_auth_address = %1$s
                swift_store_user = %2$s
                swift_store_key = %3$s
                swift_store_auth_version = 1
                swift_store_endpoint = http://127.0.0.1:%6$d%7$s
                swift_store_container = %4$s
                swift_store_create_container_on_put = true
                swift_store_large_object_size = 1
                swift_store_large_object_chunk_size = 1
                %8$s
                [local]
                filesystem_store_datadir = ${dir}/local
                [os_glance_staging_store]
                filesystem_store_datadir = ${dir}/staging
                [os_glance_tasks_store]
                filesystem_store_datadir = ${dir}/tasks
                [upload_recovery]
                recovery_interval = 1
                """.formatted(authAddress, user, key, CONTAINER, rbd.isEmpty() ? "" : ", rbd:rbd", relay.port(),
                storage.getPath(), rbd));
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (relay != null) {
            relay.close();
        }
    }


    private static HttpResponse<String> upload(String id, HttpRequest.BodyPublisher body, String store) throws Exception {
        HttpRequest.Builder request = server.request("/v2/images/" + id + "/file")
                .header("Content-Type", "application/octet-stream").PUT(body);
        if (store != null) {
            request.header("X-Image-Meta-Store", store);
        }
        return server.send(request);
    }

    private static JsonNode show(String id) throws Exception {
        return JSON.readTree(server.send(server.request("/v2/images/" + id)).body());
    }

    private static byte[] bytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    /** The names in the test container starting with the image id, as another Swift client lists them. */
    private static List<String> swiftObjects(String id) throws Exception {
        HttpResponse<Void> auth = HTTP.send(HttpRequest.newBuilder(URI.create(authAddress)).header("X-Auth-User", user)
                .header("X-Auth-Key", key).build(), BodyHandlers.discarding());
        HttpResponse<String> listing = HTTP.send(HttpRequest.newBuilder(URI.create(auth.headers()
                .firstValue("X-Storage-Url").orElseThrow() + "/" + CONTAINER + "?format=json&prefix=" + id))
                .header("X-Auth-Token", auth.headers().firstValue("X-Auth-Token").orElseThrow()).build(),
                BodyHandlers.ofString());
        if (listing.statusCode() == 404) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        JSON.readTree(listing.body()).forEach(entry -> names.add(entry.get("name").asText()));
        return names;
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static String swiftSh(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of("scripts/swift.sh").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path errors = Files.createTempFile("swift-sh", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), UTF_8).strip();
            int exit = process.waitFor();
            assertThat(exit).as("scripts/swift.sh %s: %s", String.join(" ", args), Files.readString(errors)).isZero();
            return out;
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    @Test
    void storeDetailsShowSwiftsPropertiesAndTheRefusedStoreAsUnavailable() throws Exception {
        JsonNode stores = JSON.readTree(server.send(server.request("/v2/info/stores/detail")).body()).get("stores");

        JsonNode swift = stores.get(0);
        assertThat(swift.get("id").asText()).isEqualTo("swift");
        assertThat(swift.get("type").asText()).isEqualTo("swift");
        assertThat(swift.has("read-only")).isFalse();
        assertThat(swift.has("available")).isFalse();
        assertThat(swift.get("properties")).isEqualTo(JSON.readTree("""
                {"container": "%s", "large_object_size": 1024000, "large_object_chunk_size": 1024000}"""
                .formatted(CONTAINER)));
        JsonNode refused = stores.get(2);
        assertThat(refused.get("id").asText()).isEqualTo("badswift");
        assertThat(refused.has("read-only")).isFalse();
        assertThat(refused.get("available").asText()).isEqualTo("false");
        assertThat(refused.get("unavailable_reason").asText()).contains("refused the credentials")
                .doesNotContain("not-the-key");
    }

    @Test
    void uploadsWithAndWithoutALengthReadBackAndDeleteRemovesEverySegment() throws Exception {
        byte[] data = bytes(2_500_000);
        String sized = server.createRawImage();
        String chunked = server.createRawImage();

        assertThat(upload(sized, BodyPublishers.ofByteArray(data), null).statusCode()).isEqualTo(204);
        assertThat(upload(chunked, BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(data)), "swift")
                .statusCode()).isEqualTo(204);

        for (String id : List.of(sized, chunked)) {
            JsonNode image = show(id);
            assertThat(image.get("status").asText()).isEqualTo("active");
            assertThat(image.get("stores").asText()).isEqualTo("swift");
            assertThat(image.get("size").asLong()).isEqualTo(data.length);
            assertThat(swiftObjects(id)).containsExactly(id, id + "-00001", id + "-00002", id + "-00003");
            assertThat(server.sendForBytes(server.request("/v2/images/" + id + "/file")).body()).isEqualTo(data);
            HttpResponse<byte[]> ranged = server.sendForBytes(server.request("/v2/images/" + id + "/file")
                    .header("Range", "bytes=1023990-1024009"));
            assertThat(ranged.statusCode()).isEqualTo(206);
            assertThat(ranged.body()).isEqualTo(Arrays.copyOfRange(data, 1023990, 1024010));

            assertThat(server.send(server.request("/v2/images/" + id).DELETE()).statusCode()).isEqualTo(204);
            assertThat(swiftObjects(id)).isEmpty();
        }
    }

    @Test
    void theRefusedStoreTurnsUploadsAwayAndTheOtherStoresWork() throws Exception {
        String id = server.createRawImage();

        HttpResponse<String> refused = upload(id, BodyPublishers.ofByteArray(bytes(10)), "badswift");

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("Store badswift is unavailable").contains("refused the credentials")
                .doesNotContain("not-the-key").doesNotContain("Traceback");
        assertThat(show(id).get("status").asText()).isEqualTo("queued");
        assertThat(upload(id, BodyPublishers.ofByteArray(bytes(10)), "local").statusCode()).isEqualTo(204);
        assertThat(show(id).get("stores").asText()).isEqualTo("local");
    }

    @Test
    void theProxyKilledMidUploadIs503NamingTheStoreAndSwiftWorksAgainWhenItIsBack() throws Exception {
        String id = server.createRawImage();
        byte[] chunk = bytes(64 * 1024);
        RawHttp.Response response;
        try (RawHttp raw = new RawHttp(server.uri("/").getPort())) {
            raw.send(RawHttp.head("PUT /v2/images/" + id + "/file HTTP/1.1", "Host: 127.0.0.1",
                    "Content-Type: application/octet-stream", "Transfer-Encoding: chunked"));
            for (int i = 0; i < 40; i++) { // 2.5 MiB: two segments written, the third under way
                sendChunk(raw, chunk);
            }
            waitFor("two segments in Swift", () -> {
                try {
                    return swiftObjects(id).contains(id + "-00002");
                } catch (Exception e) {
                    return false;
                }
            });
            String proxy = swiftSh("pid", "proxy");
            new ProcessBuilder("kill", "-9", proxy).start().waitFor();
            try {
                for (int i = 0; i < 40; i++) {
                    sendChunk(raw, chunk);
                }
                raw.send("0\r\n\r\n");
            } catch (IOException e) {
                // the service may answer and close before taking the rest
            }
            response = raw.response();
        } finally {
            swiftSh("start");
        }

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.text()).contains("swift").doesNotContain(key);
        assertThat(show(id).get("status").asText()).isEqualTo("queued");
        // what was written is removed once Swift is back, without a restart of the service
        waitFor("the segments to be removed", () -> {
            try {
                return swiftObjects(id).isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
        byte[] data = bytes(1_500_000);
        assertThat(upload(id, BodyPublishers.ofByteArray(data), null).statusCode()).isEqualTo(204);
        assertThat(server.sendForBytes(server.request("/v2/images/" + id + "/file")).body()).isEqualTo(data);
    }

    private static HttpResponse<String> copyImage(String id, String store) throws Exception {
        return server.send(server.request("/v2/images/" + id + "/import").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"" + store
                        + "\"]}")));
    }

    /** The image once its copy ended (no store left to import to), with {@code stores} as expected. */
    private static JsonNode copied(String id, String stores) throws Exception {
        waitFor("the copy of " + id + " to end with stores " + stores, () -> {
            try {
                JsonNode image = show(id);
                return image.path("os_glance_importing_to_stores").asText("x").isEmpty()
                        && image.get("stores").asText().equals(stores);
            } catch (Exception e) {
                return false;
            }
        });
        return show(id);
    }

    /** The image's data as another Swift client reads it (the manifest: every segment in order). */
    private static byte[] inSwift(String id) throws Exception {
        HttpResponse<Void> auth = HTTP.send(HttpRequest.newBuilder(URI.create(authAddress)).header("X-Auth-User", user)
                .header("X-Auth-Key", key).build(), BodyHandlers.discarding());
        HttpResponse<byte[]> object = HTTP.send(HttpRequest.newBuilder(URI.create(auth.headers()
                .firstValue("X-Storage-Url").orElseThrow() + "/" + CONTAINER + "/" + id))
                .header("X-Auth-Token", auth.headers().firstValue("X-Auth-Token").orElseThrow()).build(),
                BodyHandlers.ofByteArray());
        assertThat(object.statusCode()).isEqualTo(200);
        return object.body();
    }

    private static byte[] inFileStore(String id) throws IOException {
        return java.nio.file.Files.readAllBytes(server.directory().resolve("local").resolve(id));
    }

    private static byte[] download(String id) throws Exception {
        return server.sendForBytes(server.request("/v2/images/" + id + "/file")).body();
    }

    @Test
    void copyImageFromTheFileStoreToSwiftAndBackLeavesTheSameBytesInBoth() throws Exception {
        byte[] data = bytes(2_500_000);
        String fromFile = server.createRawImage();
        String fromSwift = server.createRawImage();
        assertThat(upload(fromFile, BodyPublishers.ofByteArray(data), "local").statusCode()).isEqualTo(204);
        assertThat(upload(fromSwift, BodyPublishers.ofByteArray(data), "swift").statusCode()).isEqualTo(204);

        assertThat(copyImage(fromFile, "swift").statusCode()).isEqualTo(202);
        assertThat(copyImage(fromSwift, "local").statusCode()).isEqualTo(202);

        for (String id : List.of(fromFile, fromSwift)) {
            JsonNode image = copied(id, id.equals(fromFile) ? "local,swift" : "swift,local");
            assertThat(image.get("status").asText()).isEqualTo("active");
            assertThat(image.get("size").asLong()).isEqualTo(data.length);
            assertThat(inFileStore(id)).isEqualTo(data);
            assertThat(inSwift(id)).isEqualTo(data);
            assertThat(swiftObjects(id)).containsExactly(id, id + "-00001", id + "-00002", id + "-00003");
            assertThat(download(id)).isEqualTo(data);
        }
    }

    @Test
    void copyImageBetweenSwiftAndRbdLeavesTheSameBytesInBoth() throws Exception {
        Assumptions.assumeTrue(cephConf != null && !cephConf.isBlank(), "no Ceph: run scripts/ceph.sh start");
        byte[] data = bytes(2_500_000);
        String fromSwift = server.createRawImage();
        String fromRbd = server.createRawImage();
        assertThat(upload(fromSwift, BodyPublishers.ofByteArray(data), "swift").statusCode()).isEqualTo(204);
        assertThat(upload(fromRbd, BodyPublishers.ofByteArray(data), "rbd").statusCode()).isEqualTo(204);

        assertThat(copyImage(fromSwift, "rbd").statusCode()).isEqualTo(202);
        assertThat(copyImage(fromRbd, "swift").statusCode()).isEqualTo(202);

        copied(fromSwift, "swift,rbd");
        copied(fromRbd, "rbd,swift");
        for (String id : List.of(fromSwift, fromRbd)) {
            assertThat(inSwift(id)).isEqualTo(data);
            // the rbd copy alone: the Swift data goes, and what is read then comes from rbd
            assertThat(server.send(server.request("/v2/stores/swift/" + id).DELETE()).statusCode()).isEqualTo(204);
            assertThat(show(id).get("stores").asText()).isEqualTo("rbd");
            assertThat(swiftObjects(id)).isEmpty();
            assertThat(download(id)).isEqualTo(data);
        }
    }

    @Test
    void aCopyIntoSwiftCutOffMidwayLeavesNoSegmentsAndTheImageActiveInItsFirstStore() throws Exception {
        byte[] data = bytes(2_500_000);
        String id = server.createRawImage();
        assertThat(upload(id, BodyPublishers.ofByteArray(data), "local").statusCode()).isEqualTo(204);
        // the proxy "dies" (the relay to it: every connection cut, new ones refused) while segment 2 is sent
        relay.cutOnce("PUT " + URI.create(inSwiftUrl()).getPath() + "/" + CONTAINER + "/" + id + "-00002 ", relay::kill);
        try {
            assertThat(copyImage(id, "cutswift").statusCode()).isEqualTo(202);
            JsonNode image = copied(id, "local");
            assertThat(image.get("status").asText()).isEqualTo("active");
            assertThat(relay.cuts()).isPositive();
        } finally {
            relay.restart();
        }
        waitFor("the segments of the cut copy to be removed", () -> {
            try {
                return swiftObjects(id).isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode image = show(id);
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("stores").asText()).isEqualTo("local");
        assertThat(download(id)).isEqualTo(data);
        // Swift, back, takes the copy without a restart
        assertThat(copyImage(id, "cutswift").statusCode()).isEqualTo(202);
        copied(id, "local,cutswift");
        assertThat(inSwift(id)).isEqualTo(data);
    }

    private static String inSwiftUrl() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(authAddress)).header("X-Auth-User", user)
                .header("X-Auth-Key", key).build(), BodyHandlers.discarding()).headers().firstValue("X-Storage-Url")
                .orElseThrow();
    }

    private static void sendChunk(RawHttp raw, byte[] chunk) throws IOException {
        raw.send(Integer.toHexString(chunk.length) + "\r\n");
        raw.send(chunk);
        raw.send("\r\n");
    }
}
