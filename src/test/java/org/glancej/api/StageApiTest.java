package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code PUT /v2/images/{id}/stage}, plain as upstream's and resumable with Content-Range, over real HTTP. */
class StageApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension("""
            [DEFAULT]
            image_size_cap = 5000000
            worker_self_reference_url = http://node-a.example:9292
            """);
    private static final ObjectMapper JSON = new ObjectMapper();

    static String createImage() throws Exception {
        HttpResponse<String> created = server.send(server.request("/v2/images")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\": \"t\", \"disk_format\": \"qcow2\", \"container_format\": \"bare\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    static HttpResponse<String> stage(String id, byte[] data) throws Exception {
        return server.send(server.request("/v2/images/" + id + "/stage")
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofByteArray(data)));
    }

    static HttpResponse<String> stagePart(String id, byte[] data, int from, int to, int total) throws Exception {
        return server.send(server.request("/v2/images/" + id + "/stage")
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + total)
                .PUT(BodyPublishers.ofByteArray(Arrays.copyOfRange(data, from, to))));
    }

    static HttpResponse<String> head(String id) throws Exception {
        return server.send(server.request("/v2/images/" + id + "/stage").method("HEAD", BodyPublishers.noBody()));
    }

    static long held(String id) throws Exception {
        return Long.parseLong(head(id).headers().firstValue("Upload-Offset").orElseThrow());
    }

    static JsonNode show(String id) throws Exception {
        return JSON.readTree(server.send(server.request("/v2/images/" + id)).body());
    }

    static Path staged(String id) {
        return server.directory().resolve("staging").resolve(id);
    }

    static byte[] randomBytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    /** A hidden property, read from the database: clients never see it. */
    static String property(String id, String name) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.directory().resolve("glance.sqlite"));
                PreparedStatement ps = c.prepareStatement(
                        "SELECT value FROM image_properties WHERE image_id = ? AND name = ? AND deleted = 0")) {
            ps.setString(1, id);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    @Test
    void plainStageTakesAQueuedImageToUploadingWithItsDataInStaging() throws Exception {
        String id = createImage();
        byte[] data = randomBytes(1_500_000);

        HttpResponse<String> response = stage(id, data);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Upload-Offset")).isEmpty();
        JsonNode image = show(id);
        assertThat(image.get("status").asText()).isEqualTo("uploading");
        assertThat(image.get("size").asLong()).isEqualTo(data.length);
        assertThat(image.get("checksum").isNull()).isTrue();
        assertThat(image.has("os_glance_stage_host")).isFalse();
        assertThat(property(id, "os_glance_stage_host")).isEqualTo("http://node-a.example:9292");
        assertThat(image.toString()).doesNotContain("os_glance_upload").doesNotContain("os_glance_staged");
        assertThat(Files.readAllBytes(staged(id))).isEqualTo(data);
        assertThat(property(id, "os_glance_staged_md5")).isEqualTo(hex("MD5", data));
        assertThat(held(id)).isEqualTo(data.length);
    }

    @Test
    void secondStageAndStageOfAnActiveImageAreConflicts() throws Exception {
        String id = createImage();
        assertThat(stage(id, randomBytes(10)).statusCode()).isEqualTo(204);
        HttpResponse<String> again = stage(id, randomBytes(10));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("uploading to uploading");
        assertThat(Files.readAllBytes(staged(id))).isEqualTo(randomBytes(10));
    }

    @Test
    void stageNeedsOctetStream() throws Exception {
        String id = createImage();
        HttpResponse<String> response = server.send(server.request("/v2/images/" + id + "/stage")
                .header("Content-Type", "application/json").PUT(BodyPublishers.ofString("{}")));
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(show(id).get("status").asText()).isEqualTo("queued");
    }

    @Test
    void stageOfUnknownImageIs404() throws Exception {
        assertThat(stage("6f3c2a1e-0000-4000-8000-000000000001", new byte[] {1}).statusCode()).isEqualTo(404);
    }

    @Test
    void stagePastTheSizeCapIs413AndLeavesTheImageQueuedWithoutData() throws Exception {
        String id = createImage();
        byte[] data = randomBytes(6_000_000);
        HttpResponse<String> response = server.send(server.request("/v2/images/" + id + "/stage")
                .header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(data))));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(show(id).get("status").asText()).isEqualTo("queued");
        assertThat(staged(id)).doesNotExist();
    }

    @Test
    void deletingAStagedImageRemovesItsStagedData() throws Exception {
        String id = createImage();
        assertThat(stage(id, randomBytes(1000)).statusCode()).isEqualTo(204);
        assertThat(staged(id)).exists();

        assertThat(server.send(server.request("/v2/images/" + id).DELETE()).statusCode()).isEqualTo(204);

        assertThat(staged(id)).doesNotExist();
    }

    @Test
    void deletingAnImageWithAPartialStageRemovesThePart() throws Exception {
        String id = createImage();
        byte[] data = randomBytes(3000);
        assertThat(stagePart(id, data, 0, 1000, 3000).statusCode()).isEqualTo(204);

        assertThat(server.send(server.request("/v2/images/" + id).DELETE()).statusCode()).isEqualTo(204);

        assertThat(staged(id)).doesNotExist();
    }

    @Test
    void resumableStageInPartsEndsUploadingWithTheWholeDataAndItsHashes() throws Exception {
        String id = createImage();
        byte[] data = randomBytes(3_000_000);

        HttpResponse<String> first = stagePart(id, data, 0, 1_000_000, data.length);

        assertThat(first.statusCode()).isEqualTo(204);
        assertThat(first.headers().firstValue("Upload-Offset")).contains("1000000");
        assertThat(show(id).get("status").asText()).isEqualTo("queued");
        HttpResponse<String> progress = head(id);
        assertThat(progress.statusCode()).isEqualTo(200);
        assertThat(progress.headers().firstValue("Upload-Offset")).contains("1000000");
        assertThat(progress.headers().firstValue("Upload-Length")).contains("3000000");

        assertThat(stagePart(id, data, 1_000_000, data.length, data.length).statusCode()).isEqualTo(204);

        JsonNode image = show(id);
        assertThat(image.get("status").asText()).isEqualTo("uploading");
        assertThat(image.get("size").asLong()).isEqualTo(data.length);
        assertThat(Files.readAllBytes(staged(id))).isEqualTo(data);
        assertThat(property(id, "os_glance_staged_md5")).isEqualTo(hex("MD5", data));
        assertThat(property(id, "os_glance_staged_hash")).isEqualTo("sha512:" + hex("SHA-512", data));
        JsonNode body = JSON.readTree(server.send(server.request("/v2/images/" + id + "/stage")).body());
        assertThat(body.get("bytes_held").asLong()).isEqualTo(data.length);
        assertThat(body.get("complete").asBoolean()).isTrue();
    }

    @Test
    void aPartThatContinuesInTheSameProcessContinuesTheDigestsInsteadOfRereadingTheHeldBytes() throws Exception {
        String id = createImage();
        byte[] data = randomBytes(2_000_000);
        assertThat(stagePart(id, data, 0, 1_000_000, data.length).statusCode()).isEqualTo(204);
        // changed behind the service's back: only a re-read of the held bytes would see it
        try (var file = java.nio.channels.FileChannel.open(staged(id), java.nio.file.StandardOpenOption.WRITE)) {
            file.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) ~data[0]}), 0);
        }

        assertThat(stagePart(id, data, 1_000_000, data.length, data.length).statusCode()).isEqualTo(204);

        assertThat(property(id, "os_glance_staged_md5")).isEqualTo(hex("MD5", data));
        assertThat(hex("MD5", Files.readAllBytes(staged(id)))).isNotEqualTo(hex("MD5", data));
    }

    @Test
    void partCutShortByTheClientKeepsWhatArrivedAndTheStageContinuesFromThere() throws Exception {
        String id = createImage();
        byte[] data = randomBytes(2_000_000);
        int sent = 700_000;
        try (RawHttp raw = new RawHttp(server.uri("/").getPort())) {
            raw.send(RawHttp.head("PUT /v2/images/" + id + "/stage HTTP/1.1", "Host: 127.0.0.1",
                    "Content-Type: application/octet-stream", "Content-Length: " + data.length,
                    "Content-Range: bytes 0-" + (data.length - 1) + "/" + data.length));
            raw.send(Arrays.copyOf(data, sent));
            awaitHeld(id, sent);
            raw.reset();
        }
        awaitStatus(id, "queued");
        assertThat(held(id)).isEqualTo(sent);

        assertThat(stagePart(id, data, sent, data.length, data.length).statusCode()).isEqualTo(204);

        assertThat(show(id).get("status").asText()).isEqualTo("uploading");
        assertThat(Files.readAllBytes(staged(id))).isEqualTo(data);
        assertThat(property(id, "os_glance_staged_md5")).isEqualTo(hex("MD5", data));
    }

    @Test
    void gapsOverlapsAndChangedTotalsAreRefusedAndLoseNothing() throws Exception {
        String id = createImage();
        byte[] data = randomBytes(3000);
        assertThat(stagePart(id, data, 0, 1000, 3000).statusCode()).isEqualTo(204);

        HttpResponse<String> gap = stagePart(id, data, 1500, 3000, 3000);
        assertThat(gap.statusCode()).isEqualTo(416);
        assertThat(gap.headers().firstValue("Upload-Offset")).contains("1000");
        HttpResponse<String> overlap = stagePart(id, data, 500, 3000, 3000);
        assertThat(overlap.statusCode()).isEqualTo(416);
        assertThat(stagePart(id, data, 1000, 2000, 4000).statusCode()).isEqualTo(400);
        HttpResponse<String> plain = stage(id, data);
        assertThat(plain.statusCode()).isEqualTo(409);
        assertThat(plain.body()).contains("has data on staging");

        assertThat(show(id).get("status").asText()).isEqualTo("queued");
        assertThat(held(id)).isEqualTo(1000);
        assertThat(Files.readAllBytes(staged(id))).isEqualTo(Arrays.copyOf(data, 1000));
        assertThat(stagePart(id, data, 1000, 3000, 3000).statusCode()).isEqualTo(204);
        assertThat(Files.readAllBytes(staged(id))).isEqualTo(data);
    }

    @Test
    void malformedRangesAndTotalsAboveTheCapAreRefused() throws Exception {
        String id = createImage();
        for (String range : new String[] {"bytes 5-2/10", "bytes 0-10/10", "bytes */10", "items 0-1/2", "bytes 0-x/2"}) {
            HttpResponse<String> response = server.send(server.request("/v2/images/" + id + "/stage")
                    .header("Content-Type", "application/octet-stream").header("Content-Range", range)
                    .PUT(BodyPublishers.ofByteArray(new byte[2])));
            assertThat(response.statusCode()).as(range).isEqualTo(400);
        }
        HttpResponse<String> wrongLength = server.send(server.request("/v2/images/" + id + "/stage")
                .header("Content-Type", "application/octet-stream").header("Content-Range", "bytes 0-9/10")
                .PUT(BodyPublishers.ofByteArray(new byte[5])));
        assertThat(wrongLength.statusCode()).isEqualTo(400);
        HttpResponse<String> tooLarge = server.send(server.request("/v2/images/" + id + "/stage")
                .header("Content-Type", "application/octet-stream").header("Content-Range", "bytes 0-1/6000000")
                .PUT(BodyPublishers.ofByteArray(new byte[2])));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(show(id).get("status").asText()).isEqualTo("queued");
        assertThat(staged(id)).doesNotExist();
    }

    @Test
    void concurrentPartsToOneImageOneWinsTheOtherIs409AndProgressIsLive() throws Exception {
        String id = createImage();
        byte[] data = randomBytes(2_000_000);
        try (RawHttp raw = new RawHttp(server.uri("/").getPort())) {
            raw.send(RawHttp.head("PUT /v2/images/" + id + "/stage HTTP/1.1", "Host: 127.0.0.1",
                    "Content-Type: application/octet-stream", "Content-Length: " + data.length,
                    "Content-Range: bytes 0-" + (data.length - 1) + "/" + data.length));
            raw.send(Arrays.copyOf(data, 500_000));
            awaitHeld(id, 500_000);

            JsonNode live = JSON.readTree(server.send(server.request("/v2/images/" + id + "/stage")).body());
            assertThat(live.get("receiving").asBoolean()).isTrue();
            assertThat(live.get("bytes_total").asLong()).isEqualTo(data.length);
            assertThat(show(id).get("status").asText()).isEqualTo("uploading");
            assertThat(stagePart(id, data, 0, data.length, data.length).statusCode()).isEqualTo(409);
            assertThat(stage(id, data).statusCode()).isEqualTo(409);

            raw.send(Arrays.copyOfRange(data, 500_000, data.length));
            assertThat(raw.response().status()).isEqualTo(204);
        }
        assertThat(show(id).get("status").asText()).isEqualTo("uploading");
        assertThat(Files.readAllBytes(staged(id))).isEqualTo(data);
    }

    static void awaitHeld(String id, long bytes) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (held(id) >= bytes) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("stage of " + id + " never held " + bytes + " bytes");
    }

    static void awaitStatus(String id, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (show(id).get("status").asText().equals(status)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(id + " never became " + status + ": " + show(id));
    }
}
