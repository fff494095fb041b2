package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the service in the middle of a stage, then a restart on the same database and staging
 * directory: the stage is recovered to {@code queued}; a plain stage's data is gone, a resumable stage keeps the
 * bytes that reached the staging directory and continues from there. The service runs as a real process.
 */
class StageKillApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private Path dir;
    private int port;
    private Process service;

    @BeforeEach
    void configure() throws IOException {
        dir = Files.createTempDirectory("glance-stage-kill");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("glance-api.conf"), """
                [DEFAULT]
                bind_host = 127.0.0.1
                bind_port = %d
                node_staging_uri = file://%s/staging
                [database]
                connection = sqlite:///%s/glance.sqlite
                [glance_store]
                filesystem_store_datadir = %s/images
                [upload_recovery]
                heartbeat_interval = 1
                recovery_interval = 1
                progress_interval = 1
                """.formatted(port, dir, dir, dir));
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (service != null) {
            service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void startService() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        service = new ProcessBuilder(List.of(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "org.glancej.app.GlanceApiMain", "--config-file",
                dir.resolve("glance-api.conf").toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile()).start();
        await("the service to answer", () -> {
            try {
                return send(request("/versions")).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private void killService() throws Exception {
        service.destroyForcibly(); // SIGKILL
        assertThat(service.waitFor(30, TimeUnit.SECONDS)).isTrue();
        service = null;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), BodyHandlers.ofString());
    }

    private String createImage() throws Exception {
        HttpResponse<String> created = send(request("/v2/images").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\": \"t\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    private String status(String id) throws Exception {
        return JSON.readTree(send(request("/v2/images/" + id)).body()).get("status").asText();
    }

    private long held(String id) throws Exception {
        HttpResponse<String> head = send(request("/v2/images/" + id + "/stage").method("HEAD", BodyPublishers.noBody()));
        return Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
    }

    private RawHttp startStage(String id, byte[] data, boolean resumable, int sent) throws Exception {
        RawHttp raw = new RawHttp(port);
        String range = "Content-Range: bytes 0-" + (data.length - 1) + "/" + data.length;
        raw.send(RawHttp.head("PUT /v2/images/" + id + "/stage HTTP/1.1", "Host: 127.0.0.1",
                "Content-Type: application/octet-stream", "Content-Length: " + data.length,
                resumable ? range : "X-Plain: yes"));
        raw.send(Arrays.copyOf(data, sent));
        await("the stage to hold " + sent + " bytes", () -> held(id) >= sent);
        return raw;
    }

    private static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    @FunctionalInterface
    private interface Check {
        boolean ok() throws Exception;
    }

    private static byte[] randomBytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    @Test
    void resumableStageKilledMidwayContinuesAfterRestartFromTheBytesKept() throws Exception {
        startService();
        String id = createImage();
        byte[] data = randomBytes(4_000_000);
        Path staged = dir.resolve("staging").resolve(id);
        try (RawHttp raw = startStage(id, data, true, 1_500_000)) {
            killService();
        }
        startService();
        await("recovery to put the stage back to queued", () -> status(id).equals("queued"));

        long kept = held(id);
        assertThat(kept).isPositive().isLessThanOrEqualTo(1_500_000).isEqualTo(Files.size(staged));
        assertThat(Files.readAllBytes(staged)).isEqualTo(Arrays.copyOf(data, (int) kept));
        HttpResponse<String> rest = send(request("/v2/images/" + id + "/stage")
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", "bytes " + kept + "-" + (data.length - 1) + "/" + data.length)
                .PUT(BodyPublishers.ofByteArray(Arrays.copyOfRange(data, (int) kept, data.length))));

        assertThat(rest.statusCode()).isEqualTo(204);
        assertThat(status(id)).isEqualTo("uploading");
        assertThat(Files.readAllBytes(staged)).isEqualTo(data);
        // the restarted service had no digests of the held bytes: it hashed them again from the staging store
        assertThat(stagedMd5(id)).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("MD5").digest(data)));
    }

    private String stagedMd5(String id) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("glance.sqlite"));
                var ps = c.prepareStatement("SELECT value FROM image_properties WHERE image_id = ? AND name = ?"
                        + " AND deleted = 0")) {
            ps.setString(1, id);
            ps.setString(2, "os_glance_staged_md5");
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void plainStageKilledMidwayIsQueuedWithoutDataAfterRestartAndStagesAgain() throws Exception {
        startService();
        String id = createImage();
        byte[] data = randomBytes(4_000_000);
        Path staged = dir.resolve("staging").resolve(id);
        try (RawHttp raw = startStage(id, data, false, 1_500_000)) {
            killService();
        }
        assertThat(staged).exists();
        startService();
        await("recovery to put the stage back to queued", () -> status(id).equals("queued"));
        await("the partial data to be removed", () -> !Files.exists(staged));

        HttpResponse<String> again = send(request("/v2/images/" + id + "/stage")
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofByteArray(data)));
        assertThat(again.statusCode()).isEqualTo(204);
        assertThat(status(id)).isEqualTo("uploading");
        assertThat(Files.readAllBytes(staged)).isEqualTo(data);
    }
}
