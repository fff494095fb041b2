package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.glancej.app.GlanceApplication;
import org.glancej.config.ConfigFile;
import org.glancej.http.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole service on an SQLite database on a small tmpfs that fills up, over real HTTP: writes refused
 * while the disk is full are answered 503 and leave nothing; once space is freed, every write answered as
 * done is stored and none answered as failed is. Mounting needs root (as in CI); elsewhere the test is skipped.
 */
class DiskFullApiTest {
    private static final String BIG = "x".repeat(6000);

    private final HttpClient client = HttpClient.newHttpClient();
    private Path directory;
    private Path tmpfs;
    private boolean mounted;
    private GlanceApplication app;

    @BeforeEach
    void startOnASmallTmpfs() throws Exception {
        directory = Files.createTempDirectory("glance-disk-full");
        tmpfs = Files.createDirectories(directory.resolve("db"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", tmpfs.toString()) == 0;
        Assumptions.assumeTrue(mounted, "mounting a tmpfs needs root");
        app = GlanceApplication.start(ConfigFile.parse("""
                [DEFAULT]
                bind_host = 127.0.0.1
                bind_port = 0
                [database]
                connection = sqlite:///%s/glance.sqlite
                pool_timeout = 1
                [glance_store]
                filesystem_store_datadir = %s/images
                """.formatted(tmpfs, directory)));
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (mounted) {
            run("umount", tmpfs.toString());
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void afterTheDiskFillsAndIsFreedEveryAnswerMatchesWhatIsStored() throws Exception {
        Path filler = fillLeaving(192 * 1024);
        List<String> created = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < 60 && refused.size() < 3; i++) {
            String id = UUID.randomUUID().toString();
            HttpResponse<String> answer = create(id, BIG);
            assertThat(answer.statusCode()).as(answer.body()).isIn(201, 503);
            (answer.statusCode() == 201 ? created : refused).add(id);
            if (answer.statusCode() == 503) {
                assertThat(message(answer))
                        .isEqualTo("The image database is unavailable: the disk holding the database is full. Try again later.");
            }
        }
        assertThat(refused).as("the disk never filled").isNotEmpty();

        Files.delete(filler);

        for (String id : created) {
            assertThat(status(id)).isEqualTo("queued");
        }
        for (String id : refused) {
            assertThat(status(id)).as("a create answered 503 was stored").isEqualTo("absent");
        }
        for (int i = 0; i < 20; i++) {
            String id = UUID.randomUUID().toString();
            assertThat(create(id, "small").statusCode()).isEqualTo(201);
            assertThat(status(id)).isEqualTo("queued");
        }
        String retried = refused.getFirst();
        assertThat(create(retried, "retried").statusCode()).isEqualTo(201);
        assertThat(send("PATCH", "/v2/images/" + retried, "[{\"op\": \"add\", \"path\": \"/patched\", \"value\": \"yes\"}]")
                .statusCode()).isEqualTo(200);
        assertThat(show(retried).get("patched").asText()).isEqualTo("yes");
        byte[] data = new byte[100_000];
        new Random(7).nextBytes(data);
        HttpResponse<String> uploaded = client.send(request("/v2/images/" + retried + "/file")
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofByteArray(data)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).isEqualTo(204);
        assertThat(show(retried).get("status").asText()).isEqualTo("active");
        assertThat(send("DELETE", "/v2/images/" + created.getFirst(), null).statusCode()).isEqualTo(204);
        assertThat(status(created.getFirst())).isEqualTo("absent");
    }

    /** Writes a file taking all but {@code room} bytes of the tmpfs. */
    private Path fillLeaving(long room) throws IOException {
        FileStore store = Files.getFileStore(tmpfs);
        long size = store.getUsableSpace() - room;
        Path filler = tmpfs.resolve("filler");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (long written = 0; written + block.length <= size; written += block.length) {
                out.write(block);
            }
        }
        return filler;
    }

    private HttpResponse<String> create(String id, String note) throws Exception {
        return send("POST", "/v2/images", "{\"id\": \"" + id + "\", \"name\": \"full\", \"disk_format\": \"raw\","
                + " \"container_format\": \"bare\", \"note\": \"" + note + "\"}");
    }

    private String status(String id) throws Exception {
        HttpResponse<String> shown = send("GET", "/v2/images/" + id, null);
        assertThat(shown.statusCode()).as(shown.body()).isIn(200, 404);
        return shown.statusCode() == 404 ? "absent" : Json.MAPPER.readTree(shown.body()).get("status").asText();
    }

    private JsonNode show(String id) throws Exception {
        return Json.MAPPER.readTree(send("GET", "/v2/images/" + id, null).body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = request(path);
        if (body != null) {
            request.header("Content-Type", method.equals("PATCH")
                    ? "application/openstack-images-v2.1-json-patch" : "application/json");
        }
        return client.send(request.method(method, body == null ? BodyPublishers.noBody()
                : BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Accept", "application/json");
    }

    private static String message(HttpResponse<String> response) throws IOException {
        String message = Json.MAPPER.readTree(response.body()).get("message").asText();
        int end = message.indexOf("<br />");
        return end < 0 ? message : message.substring(0, end);
    }

    private static int run(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }
}
