package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.glancej.http.Json;
import org.glancej.imports.source.ScriptedHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * web-download from a source that misbehaves mid-body, over real HTTP to two file stores: it stalls (the read
 * timeout of {@code [import_source]}), closes before its Content-Length, or ends a chunked body without the last
 * chunk. Each time the task fails with a message saying what the source did, the image is left as upstream's
 * download revert leaves it ({@code queued}, every target store in {@code os_glance_failed_import}, no lock),
 * nothing is left in staging or the stores, nothing is logged as an error, and the same import then succeeds.
 */
class WebDownloadFaultsApiTest {
    private static final byte[] DATA = StageApiTest.randomBytes(300_000);
    private static final ScriptedHttpServer SOURCE = scriptedServer();

    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension("""
            [DEFAULT]
            enabled_backends = a:file, b:file
            [glance_store]
            default_backend = a
            [a]
            filesystem_store_datadir = ${dir}/a
            [b]
            filesystem_store_datadir = ${dir}/b
            [os_glance_staging_store]
            filesystem_store_datadir = ${dir}/staging
            [os_glance_tasks_store]
            filesystem_store_datadir = ${dir}/tasks
            [import_filtering_opts]
            allowed_hosts = 127.0.0.1
            allowed_ports = %d
            [import_source]
            read_timeout = 2
            """.formatted(SOURCE.port()));

    private static ScriptedHttpServer scriptedServer() {
        try {
            ScriptedHttpServer source = new ScriptedHttpServer();
            source.respond("/whole.raw", 200, "Content-Length: " + DATA.length + "\r\n", DATA);
            return source;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopSource() throws IOException {
        SOURCE.close();
    }

    private static void head(OutputStream out, String fields) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\n" + fields + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aSourceThatStallsMidBodyFailsTheImportAfterTheReadTimeout() throws Exception {
        SOURCE.on("/stall.raw", out -> {
            head(out, "Content-Length: " + DATA.length + "\r\n");
            out.write(DATA, 0, 100_000);
            out.flush();
            Thread.sleep(30_000);
        });

        JsonNode task = failedImport("/stall.raw");

        assertThat(task.get("message").asText())
                .isEqualTo("The web-download source sent no data for 2 seconds after 100000 bytes");
    }

    @Test
    void aSourceThatClosesBeforeItsContentLengthFailsTheImport() throws Exception {
        SOURCE.on("/short.raw", out -> {
            head(out, "Content-Length: " + DATA.length + "\r\n");
            out.write(DATA, 0, 100_000);
        });

        JsonNode task = failedImport("/short.raw");

        assertThat(task.get("message").asText()).startsWith(
                "The web-download source closed the connection before the end of the data, after 100000 bytes");
    }

    @Test
    void aChunkedBodyThatEndsWithoutItsLastChunkFailsTheImport() throws Exception {
        SOURCE.on("/chunked.raw", out -> {
            head(out, "Transfer-Encoding: chunked\r\n");
            for (int i = 0; i < 3; i++) {
                out.write("8000\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.write(DATA, i * 0x8000, 0x8000);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            // the connection closes here, where the next chunk size or the last chunk "0" should come
        });

        JsonNode task = failedImport("/chunked.raw");

        assertThat(task.get("message").asText()).startsWith(
                "The web-download source closed the connection before the end of the data, after 98304 bytes");
    }

    @Test
    void aChunkedBodyCutInsideAChunkFailsTheImport() throws Exception {
        SOURCE.on("/cut-chunk.raw", out -> {
            head(out, "Transfer-Encoding: chunked\r\n");
            out.write("10000\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.write(DATA, 0, 1000);
        });

        JsonNode task = failedImport("/cut-chunk.raw");

        assertThat(task.get("message").asText()).startsWith(
                "The web-download source closed the connection before the end of the data, after 1000 bytes");
    }

    /** Imports {@code path} to both stores, checks the failure left nothing, then imports the whole data. */
    private static JsonNode failedImport(String path) throws Exception {
        String id = ApiCalls.json(server.send(server.request("/v2/images").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\": \"web\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}"))))
                .get("id").asText();
        JsonNode task;
        try (LogCapture logs = new LogCapture()) {
            assertThat(importFrom(id, path).statusCode()).isEqualTo(202);
            task = finishedTasks(id, 1).get(0);
            assertThat(logs.errorsOrStackTraces()).isEmpty();
        }
        assertThat(task.get("status").asText()).isEqualTo("failure");
        JsonNode image = show(id);
        assertThat(image.get("status").asText()).isEqualTo("queued");
        assertThat(image.get("os_glance_failed_import").asText().split(",")).containsExactlyInAnyOrder("a", "b");
        assertThat(image.path("os_glance_importing_to_stores").asText("")).isEmpty();
        assertThat(image.has("os_glance_import_task")).isFalse();
        assertThat(image.get("size").isNull()).isTrue();
        for (String dir : List.of("staging", "a", "b")) {
            assertThat(filesOf(id, dir)).as(dir).isEmpty();
        }

        assertThat(importFrom(id, "/whole.raw").statusCode()).isEqualTo(202);
        List<JsonNode> tasks = finishedTasks(id, 2);
        assertThat(tasks).as(tasks.toString()).anyMatch(t -> t.get("status").asText().equals("success"));
        JsonNode active = show(id);
        assertThat(active.get("status").asText()).isEqualTo("active");
        assertThat(active.get("stores").asText()).isEqualTo("a,b");
        assertThat(active.get("os_glance_failed_import").asText()).isEmpty();
        assertThat(active.get("checksum").asText()).isEqualTo(StageApiTest.hex("MD5", DATA));
        assertThat(filesOf(id, "staging")).isEmpty();
        return task;
    }

    private static HttpResponse<String> importFrom(String id, String path) throws Exception {
        return server.send(server.request("/v2/images/" + id + "/import").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"method\": {\"name\": \"web-download\", \"uri\": \"" + SOURCE.url(path)
                        + "\"}, \"stores\": [\"a\", \"b\"]}")));
    }

    private static JsonNode show(String id) throws Exception {
        return Json.MAPPER.readTree(server.send(server.request("/v2/images/" + id)).body());
    }

    /** The image's tasks once there are {@code count} and all have ended. */
    private static List<JsonNode> finishedTasks(String id, int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            List<JsonNode> tasks = new ArrayList<>();
            Json.MAPPER.readTree(server.send(server.request("/v2/images/" + id + "/tasks")).body()).get("tasks")
                    .forEach(tasks::add);
            if (tasks.size() == count && tasks.stream().allMatch(t -> t.get("status").asText().matches("success|failure"))) {
                return tasks;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("import did not finish: " + tasks);
            }
            Thread.sleep(50);
        }
    }

    /** The files in a store or staging directory that belong to the image (its data and any scratch file). */
    private static List<String> filesOf(String id, String dir) throws IOException {
        Path path = server.directory().resolve(dir);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (var files = Files.list(path)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.startsWith(id)).toList();
        }
    }
}
