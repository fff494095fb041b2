package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImageDataApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension("[DEFAULT]\nimage_size_cap = 5000000\n");
    private static final ObjectMapper JSON = new ObjectMapper();

    static String createImage(String diskFormat) throws Exception {
        HttpResponse<String> created = server.send(server.request("/v2/images")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\": \"t\", \"disk_format\": \"" + diskFormat
                        + "\", \"container_format\": \"bare\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    static HttpResponse<String> upload(String id, byte[] data, boolean chunked) throws Exception {
        HttpRequest.BodyPublisher body = chunked
                ? BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(data))
                : BodyPublishers.ofByteArray(data);
        return server.send(server.request("/v2/images/" + id + "/file")
                .header("Content-Type", "application/octet-stream").PUT(body));
    }

    static JsonNode show(String id) throws Exception {
        return JSON.readTree(server.send(server.request("/v2/images/" + id)).body());
    }

    static byte[] randomBytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    @Test
    void uploadActivatesTheImageWithSizeAndBothHashes() throws Exception {
        String id = createImage("raw");
        byte[] data = randomBytes(3_000_000);

        assertThat(upload(id, data, false).statusCode()).isEqualTo(204);

        JsonNode image = show(id);
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("size").asLong()).isEqualTo(data.length);
        assertThat(image.get("virtual_size").asLong()).isEqualTo(data.length);
        assertThat(image.get("checksum").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)));
        assertThat(image.get("os_hash_algo").asText()).isEqualTo("sha512");
        assertThat(image.get("os_hash_value").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data)));
    }

    @Test
    void chunkedUploadAndFullDownloadRoundTrip() throws Exception {
        String id = createImage("raw");
        byte[] data = randomBytes(1_234_567);
        assertThat(upload(id, data, true).statusCode()).isEqualTo(204);

        HttpResponse<byte[]> download = server.sendForBytes(server.request("/v2/images/" + id + "/file").GET());

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(data);
        assertThat(download.headers().firstValue("Content-MD5")).contains(show(id).get("checksum").asText());
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(data.length);
        assertThat(download.headers().firstValue("Content-Type")).contains("application/octet-stream");
    }

    @Test
    void rangesAreServedAsGlanceDoes() throws Exception {
        String id = createImage("raw");
        byte[] data = randomBytes(1000);
        upload(id, data, false);

        HttpResponse<byte[]> partial = server.sendForBytes(
                server.request("/v2/images/" + id + "/file").header("Range", "bytes=10-19").GET());
        assertThat(partial.statusCode()).isEqualTo(206);
        assertThat(partial.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 10, 20));
        assertThat(partial.headers().firstValue("Content-Range")).contains("bytes 10-19/1000");

        HttpResponse<byte[]> suffix = server.sendForBytes(
                server.request("/v2/images/" + id + "/file").header("Range", "bytes=-5").GET());
        assertThat(suffix.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 995, 1000));

        assertThat(server.send(server.request("/v2/images/" + id + "/file").header("Range", "bytes=1000-").GET())
                .statusCode()).isEqualTo(416);
        assertThat(server.send(server.request("/v2/images/" + id + "/file").header("Range", "bytes=0-1,5-6").GET())
                .statusCode()).isEqualTo(400);
        assertThat(server.send(server.request("/v2/images/" + id + "/file").header("Range", "pages=1").GET())
                .statusCode()).isEqualTo(416);
    }

    @Test
    void legacyContentRangeIsServedWithinTheImageAndRefusedPastItsEnd() throws Exception {
        String id = createImage("raw");
        byte[] data = randomBytes(1000);
        upload(id, data, false);

        HttpResponse<byte[]> partial = server.sendForBytes(
                server.request("/v2/images/" + id + "/file").header("Content-Range", "bytes 990-999/*").GET());
        assertThat(partial.statusCode()).isEqualTo(206);
        assertThat(partial.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 990, 1000));
        // upstream: a stop past the image with no total length is unsatisfiable, not clipped
        assertThat(server.send(server.request("/v2/images/" + id + "/file")
                .header("Content-Range", "bytes 0-5000/*").GET()).statusCode()).isEqualTo(416);
        assertThat(server.send(server.request("/v2/images/" + id + "/file")
                .header("Content-Range", "bytes 0-1000/*").GET()).statusCode()).isEqualTo(416);
    }

    @Test
    void imageWithoutDataAnswers204() throws Exception {
        String id = createImage("raw");
        assertThat(server.send(server.request("/v2/images/" + id + "/file").GET()).statusCode()).isEqualTo(204);
    }

    @Test
    void uploadOverTheSizeCapIs413AndLeavesTheImageQueuedWithoutData() throws Exception {
        String id = createImage("raw");

        HttpResponse<String> tooBig = upload(id, randomBytes(6_000_000), true);

        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(show(id).get("status").asText()).isEqualTo("queued");
        assertThat(Files.exists(server.directory().resolve("images").resolve(id))).isFalse();
        assertThat(upload(id, randomBytes(10), false).statusCode()).isEqualTo(204);
    }

    @Test
    void secondUploadConflictsAndWrongContentTypeIs415() throws Exception {
        String id = createImage("raw");
        assertThat(server.send(server.request("/v2/images/" + id + "/file")
                .header("Content-Type", "application/json").PUT(BodyPublishers.ofString("{}"))).statusCode())
                .isEqualTo(415);
        upload(id, randomBytes(10), false);
        assertThat(upload(id, randomBytes(10), false).statusCode()).isEqualTo(409);
    }

    @Test
    void announcedImageSizeMustBeANumberAndMatchTheData() throws Exception {
        String id = createImage("raw");
        HttpResponse<String> notANumber = putWithAnnouncedSize(id, randomBytes(100), "ten");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body()).contains("Invalid or missing image size in request headers.");

        HttpResponse<String> differs = putWithAnnouncedSize(id, randomBytes(100), "99");
        assertThat(differs.statusCode()).isEqualTo(400);
        assertThat(differs.body()).contains("100 bytes long, but x-openstack-image-size announced 99");
        FormatEnforcementApiTest.assertQueuedWithoutData(server, id);

        assertThat(putWithAnnouncedSize(id, randomBytes(100), "100").statusCode()).isEqualTo(204);
        assertThat(show(id).get("size").asLong()).isEqualTo(100);
    }

    private HttpResponse<String> putWithAnnouncedSize(String id, byte[] data, String size) throws Exception {
        return server.send(server.request("/v2/images/" + id + "/file")
                .header("Content-Type", "application/octet-stream").header("x-openstack-image-size", size)
                .PUT(BodyPublishers.ofByteArray(data)));
    }

    @Test
    void deleteRemovesTheDataFile() throws Exception {
        String id = createImage("raw");
        upload(id, randomBytes(100), false);
        assertThat(Files.exists(server.directory().resolve("images").resolve(id))).isTrue();

        assertThat(server.send(server.request("/v2/images/" + id).DELETE()).statusCode()).isEqualTo(204);

        assertThat(Files.exists(server.directory().resolve("images").resolve(id))).isFalse();
        assertThat(server.send(server.request("/v2/images/" + id)).statusCode()).isEqualTo(404);
    }

    @Test
    void qcow2WithABackingFileIsRefusedAndLeavesNothing() throws Exception {
        String id = createImage("qcow2");
        java.nio.file.Path base = server.directory().resolve("base.raw");
        java.nio.file.Path file = server.directory().resolve("overlay.qcow2");
        Files.write(base, new byte[1 << 20]);
        qemuImg("create", "-f", "qcow2", "-F", "raw", "-b", base.toString(), file.toString());

        HttpResponse<String> refused = upload(id, Files.readAllBytes(file), false);

        assertThat(refused.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(refused.body()).get("message").asText()).contains("safety");
        assertThat(show(id).get("status").asText()).isEqualTo("queued");
        assertThat(Files.exists(server.directory().resolve("images").resolve(id))).isFalse();
    }

    static void qemuImg(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("qemu-img"));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (InputStream out = p.getInputStream()) {
            out.readAllBytes();
        }
        assertThat(p.waitFor()).isZero();
    }

    @Test
    void qcow2VirtualSizeComesFromItsHeader() throws Exception {
        String id = createImage("qcow2");
        java.nio.file.Path file = server.directory().resolve("disk.qcow2");
        Process p = new ProcessBuilder("qemu-img", "create", "-f", "qcow2", file.toString(), "64M")
                .redirectErrorStream(true).start();
        try (InputStream out = p.getInputStream()) {
            out.readAllBytes();
        }
        assertThat(p.waitFor()).isZero();

        assertThat(upload(id, Files.readAllBytes(file), false).statusCode()).isEqualTo(204);

        assertThat(show(id).get("virtual_size").asLong()).isEqualTo(64L << 20);
    }

    @Test
    void withoutMultiStoreTheStoreApiIsAbsentAndTheStoreHeaderIgnored() throws Exception {
        assertThat(server.send(server.request("/v2/info/stores")).statusCode()).isEqualTo(404);
        assertThat(server.send(server.request("/v2/info/stores/detail")).statusCode()).isEqualTo(404);
        String id = createImage("raw");
        assertThat(server.send(server.request("/v2/images/" + id + "/file").header("X-Image-Meta-Store", "nowhere")
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofByteArray(new byte[] {1})))
                .statusCode()).isEqualTo(204);
        assertThat(show(id).has("stores")).isFalse();
        assertThat(server.send(server.request("/v2/stores/file/" + id).DELETE()).statusCode()).isEqualTo(404);
    }
}
