package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.glancej.app.GlanceApplication;
import org.glancej.config.ConfigFile;
import org.glancej.http.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The staging store on a 4 MiB tmpfs, over real HTTP: a stage larger than the room left is answered 413 with
 * upstream's message (its filesystem store's StorageFull), the image is {@code queued} again and the partial
 * staged data is gone, so a stage that fits then works; a web-download that fills staging fails its task and
 * leaves nothing. Mounting needs root (as in CI); elsewhere the test is skipped.
 */
class StagingFullApiTest {
    private static final String FULL = "Image storage media is full: There is not enough disk space on the image"
            + " storage media.";
    private static final byte[] TOO_BIG = StageApiTest.randomBytes(6 << 20);
    private static final byte[] FITS = StageApiTest.randomBytes(1 << 20);

    private final HttpClient client = HttpClient.newHttpClient();
    private Path directory;
    private Path staging;
    private boolean mounted;
    private HttpServer web;
    private GlanceApplication app;

    @BeforeEach
    void startWithStagingOnASmallTmpfs() throws Exception {
        directory = Files.createTempDirectory("glance-staging-full");
        staging = Files.createDirectories(directory.resolve("staging"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", staging.toString()) == 0;
        Assumptions.assumeTrue(mounted, "mounting a tmpfs needs root");
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/big.raw", exchange -> {
            exchange.sendResponseHeaders(200, TOO_BIG.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(TOO_BIG);
            } catch (IOException e) {
                // the importer stopped reading: its staging store is full
            }
            exchange.close();
        });
        web.start();
        app = GlanceApplication.start(ConfigFile.parse("""
                [DEFAULT]
                bind_host = 127.0.0.1
                bind_port = 0
                enabled_backends = a:file
                [database]
                connection = sqlite:///%1$s/glance.sqlite
                [glance_store]
                default_backend = a
                [a]
                filesystem_store_datadir = %1$s/a
                [os_glance_staging_store]
                filesystem_store_datadir = %2$s
                [os_glance_tasks_store]
                filesystem_store_datadir = %1$s/tasks
                [import_filtering_opts]
                allowed_hosts = 127.0.0.1
                allowed_ports = %3$d
                """.formatted(directory, staging, web.getAddress().getPort())));
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (web != null) {
            web.stop(0);
        }
        if (mounted) {
            run("umount", staging.toString());
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aStageThatFillsStagingIs413AndLeavesTheImageQueuedWithNothingStaged() throws Exception {
        for (BodyPublisher body : List.of(BodyPublishers.ofByteArray(TOO_BIG),
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(TOO_BIG)))) {
            String id = create();
            HttpResponse<String> answer;
            try (LogCapture logs = new LogCapture()) {
                answer = stage(id, body);
                assertThat(logs.errorsOrStackTraces()).isEmpty();
            }

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
            assertThat(ApiCalls.message(answer)).isEqualTo(FULL);
            JsonNode image = show(id);
            assertThat(image.get("status").asText()).isEqualTo("queued");
            assertThat(image.get("size").isNull()).isTrue();
            assertThat(stagedFiles()).isEmpty();
        }

        String id = create();
        assertThat(stage(id, BodyPublishers.ofByteArray(FITS)).statusCode()).isEqualTo(204);
        assertThat(send("POST", "/v2/images/" + id + "/import", "{\"method\": {\"name\": \"glance-direct\"}}")
                .statusCode()).isEqualTo(202);
        JsonNode task = finishedTask(id);
        assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("success");
        assertThat(show(id).get("checksum").asText()).isEqualTo(StageApiTest.hex("MD5", FITS));
        assertThat(stagedFiles()).isEmpty();
    }

    @Test
    void aWebDownloadThatFillsStagingFailsItsTaskAndLeavesNothing() throws Exception {
        String id = create();
        String uri = "http://127.0.0.1:" + web.getAddress().getPort() + "/big.raw";

        try (LogCapture logs = new LogCapture()) {
            assertThat(send("POST", "/v2/images/" + id + "/import", "{\"method\": {\"name\": \"web-download\","
                    + " \"uri\": \"" + uri + "\"}}").statusCode()).isEqualTo(202);
            JsonNode task = finishedTask(id);

            assertThat(task.get("status").asText()).isEqualTo("failure");
            assertThat(task.get("message").asText()).isEqualTo(FULL);
            assertThat(logs.errorsOrStackTraces()).isEmpty();
        }
        JsonNode image = show(id);
        assertThat(image.get("status").asText()).isEqualTo("queued");
        assertThat(image.get("os_glance_failed_import").asText()).isEqualTo("a");
        assertThat(image.has("os_glance_import_task")).isFalse();
        assertThat(stagedFiles()).isEmpty();
        try (Stream<Path> stored = Files.list(directory.resolve("a"))) {
            assertThat(stored.toList()).isEmpty();
        }
    }

    private List<String> stagedFiles() throws IOException {
        try (Stream<Path> files = Files.list(staging)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private String create() throws Exception {
        HttpResponse<String> created = send("POST", "/v2/images",
                "{\"name\": \"full\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        return Json.MAPPER.readTree(created.body()).get("id").asText();
    }

    private HttpResponse<String> stage(String id, BodyPublisher body) throws Exception {
        return client.send(request("/v2/images/" + id + "/stage").header("Content-Type", "application/octet-stream")
                .PUT(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode finishedTask(String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonNode tasks = Json.MAPPER.readTree(send("GET", "/v2/images/" + id + "/tasks", null).body()).get("tasks");
            if (!tasks.isEmpty() && tasks.get(0).get("status").asText().matches("success|failure")) {
                return tasks.get(0);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("import did not finish: " + tasks);
            }
            Thread.sleep(50);
        }
    }

    private JsonNode show(String id) throws Exception {
        return Json.MAPPER.readTree(send("GET", "/v2/images/" + id, null).body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = request(path);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.method(method, body == null ? BodyPublishers.noBody()
                : BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(60));
    }

    private static int run(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }
}
