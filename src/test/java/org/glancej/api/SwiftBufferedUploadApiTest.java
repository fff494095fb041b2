package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.glancej.store.swift.SwiftRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code swift_buffer_on_upload} against the Swift of {@code scripts/swift.sh}, reached through a relay that cuts
 * the connection of one segment's PUT in the middle: a buffered store sends the segment again from its file and the
 * upload ends active; a store without buffering fails the upload cleanly (503, queued, no segments left).
 */
class SwiftBufferedUploadApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CONTAINER = "glance-buffer-test";
    private static final long CHUNK = 1024000; // 1 "MB" of glance_store
    private static ApiServerExtension server;
    private static SwiftRelay relay;
    private static Path bufferDir;
    private static String storagePath;
    private static String authAddress;
    private static String user;
    private static String key;

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
        URI storage = URI.create(login()[0]);
        storagePath = storage.getPath();
        relay = new SwiftRelay(0, storage.getPort(), null);
        bufferDir = Files.createTempDirectory("swift-buffer");
        String swift = """
                swift_store_auth_address = %s
                swift_store_user = %s
                swift_store_key = %s
                swift_store_auth_version = 1
                swift_store_endpoint = http://127.0.0.1:%d%s
                swift_store_container = %s
                swift_store_create_container_on_put = true
                swift_store_large_object_size = 1
                swift_store_large_object_chunk_size = 1
                """.formatted(authAddress, user, key, relay.port(), storagePath, CONTAINER);
        server = new ApiServerExtension("""
                [DEFAULT]
                enabled_backends = buffered:swift, plain:swift, local:file
                [glance_store]
                default_backend = local
                [buffered]
                %1$sswift_buffer_on_upload = true
                swift_upload_buffer_dir = %2$s
                [plain]
                %1$s
                [local]
                filesystem_store_datadir = ${dir}/local
                """.formatted(swift, bufferDir));
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
        if (bufferDir != null) {
            Files.deleteIfExists(bufferDir);
        }
    }

    /** The storage URL and a token, as another Swift client gets them. */
    private static String[] login() throws Exception {
        HttpResponse<Void> auth = HTTP.send(HttpRequest.newBuilder(URI.create(authAddress)).header("X-Auth-User", user)
                .header("X-Auth-Key", key).build(), BodyHandlers.discarding());
        return new String[] {auth.headers().firstValue("X-Storage-Url").orElseThrow(),
                auth.headers().firstValue("X-Auth-Token").orElseThrow()};
    }

    private static List<String> swiftObjects(String id) throws Exception {
        String[] session = login();
        HttpResponse<String> listing = HTTP.send(HttpRequest.newBuilder(URI.create(session[0] + "/" + CONTAINER
                + "?format=json&prefix=" + id)).header("X-Auth-Token", session[1]).build(), BodyHandlers.ofString());
        List<String> names = new ArrayList<>();
        if (listing.statusCode() == 200) {
            JSON.readTree(listing.body()).forEach(entry -> names.add(entry.get("name").asText()));
        }
        return names;
    }


    private static HttpResponse<String> upload(String id, byte[] data, String store) throws Exception {
        return server.send(server.request("/v2/images/" + id + "/file").header("Content-Type", "application/octet-stream")
                .header("X-Image-Meta-Store", store)
                .PUT(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(data)))); // chunked: size unknown
    }

    private static JsonNode show(String id) throws Exception {
        return JSON.readTree(server.send(server.request("/v2/images/" + id)).body());
    }

    private static byte[] bytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    /** Sizes of the buffer files there are now. */
    private static List<Long> bufferFiles() {
        try (Stream<Path> files = Files.list(bufferDir)) {
            return files.map(p -> p.toFile().length()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String secondSegmentPut(String id) {
        return "PUT " + storagePath + "/" + CONTAINER + "/" + id + "-00002 ";
    }

    @Test
    void aSegmentPutCutMidwayIsSentAgainFromItsBufferAndTheUploadEndsActive() throws Exception {
        byte[] data = bytes((int) (2 * CHUNK + CHUNK / 2));
        String id = server.createRawImage();
        List<List<Long>> buffered = new java.util.concurrent.CopyOnWriteArrayList<>(); // filled on the relay's thread
        int cutsBefore = relay.cuts();
        relay.cutOnce(secondSegmentPut(id), () -> buffered.add(bufferFiles()));

        HttpResponse<String> answer = upload(id, data, "buffered");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
        assertThat(relay.cuts()).isEqualTo(cutsBefore + 1);
        // while the segment was on its way, its buffer was one file of the segment's size, no more
        assertThat(buffered).containsExactly(List.of(CHUNK));
        assertThat(bufferFiles()).isEmpty();
        JsonNode image = show(id);
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("stores").asText()).isEqualTo("buffered");
        assertThat(image.get("size").asLong()).isEqualTo(data.length);
        assertThat(image.get("checksum").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)));
        assertThat(image.get("os_hash_value").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data)));
        assertThat(swiftObjects(id)).containsExactly(id, id + "-00001", id + "-00002", id + "-00003");
        assertThat(server.sendForBytes(server.request("/v2/images/" + id + "/file")).body()).isEqualTo(data);
    }

    @Test
    void withoutBufferingTheSameCutFailsTheUploadCleanly() throws Exception {
        byte[] data = bytes((int) (2 * CHUNK + CHUNK / 2));
        String id = server.createRawImage();
        int cutsBefore = relay.cuts();
        relay.cutOnce(secondSegmentPut(id), () -> {});

        HttpResponse<String> answer = upload(id, data, "plain");

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).contains("Store plain is unavailable").doesNotContain(key);
        assertThat(relay.cuts()).isEqualTo(cutsBefore + 1);
        assertThat(show(id).get("status").asText()).isEqualTo("queued");
        Instant deadline = Instant.now().plusSeconds(30);
        while (!swiftObjects(id).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(swiftObjects(id)).isEmpty();
        // the store works again for the next upload
        assertThat(upload(id, data, "plain").statusCode()).isEqualTo(204);
        assertThat(show(id).get("status").asText()).isEqualTo("active");
    }
}
