package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The import parts connected, over real HTTP: a stage then a glance-direct import to active, the import plugins on
 * the staged data (a qcow2 converted to raw), web-download from a local HTTP server allowed by
 * {@code [import_filtering_opts]}, and upstream's refusals (a partial stage, an internal URL).
 */
class ImportFlowApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the local web server serves, by path. */
    private static final Map<String, byte[]> WEB = new ConcurrentHashMap<>();
    private static final HttpServer WEB_SERVER = webServer();

    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension("""
            [DEFAULT]
            enabled_import_methods = [glance-direct, web-download, copy-image]
            [image_import_opts]
            image_import_plugins = ['image_conversion']
            [image_conversion]
            output_format = raw
            [import_filtering_opts]
            allowed_hosts = 127.0.0.1
            allowed_ports = %d
            """.formatted(WEB_SERVER.getAddress().getPort()));

    private static HttpServer webServer() {
        try {
            HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            web.createContext("/", exchange -> {
                byte[] body = WEB.get(exchange.getRequestURI().getPath());
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
                exchange.close();
            });
            web.start();
            return web;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopWebServer() {
        WEB_SERVER.stop(0);
    }

    private static String create(String diskFormat) throws Exception {
        HttpResponse<String> created = server.send(server.request("/v2/images")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(
                        "{\"name\": \"flow\", \"disk_format\": \"" + diskFormat + "\", \"container_format\": \"bare\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    private static HttpResponse<String> importImage(String id, String body) throws Exception {
        return server.send(server.request("/v2/images/" + id + "/import")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
    }

    private static JsonNode show(String id) throws Exception {
        return JSON.readTree(server.send(server.request("/v2/images/" + id)).body());
    }

    private static JsonNode finishedTask(String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonNode tasks = JSON.readTree(server.send(server.request("/v2/images/" + id + "/tasks")).body())
                    .get("tasks");
            if (!tasks.isEmpty() && tasks.get(0).get("status").asText().matches("success|failure")) {
                return tasks.get(0);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("import did not finish: " + tasks);
            }
            Thread.sleep(50);
        }
    }

    private static HttpResponse<String> stage(String id, byte[] data) throws Exception {
        return server.send(server.request("/v2/images/" + id + "/stage")
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofByteArray(data)));
    }

    private static HttpResponse<String> stagePart(String id, byte[] data, int from, int to, int total)
            throws Exception {
        return server.send(server.request("/v2/images/" + id + "/stage")
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + total)
                .PUT(BodyPublishers.ofByteArray(Arrays.copyOfRange(data, from, to))));
    }

    private static long held(String id) throws Exception {
        return Long.parseLong(server.send(server.request("/v2/images/" + id + "/stage")
                .method("HEAD", BodyPublishers.noBody())).headers().firstValue("Upload-Offset").orElseThrow());
    }

    /** A hidden property, read from the database: clients never see it. */
    private static String property(String id, String name) throws Exception {
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

    private static byte[] download(String id) throws Exception {
        return server.sendForBytes(server.request("/v2/images/" + id + "/file")).body();
    }

    private static Path staged(String id) {
        return server.directory().resolve("staging").resolve(id);
    }

    @Test
    void stagedDataImportsToActiveWithItsChecksumsAndLeavesNothingStaged() throws Exception {
        byte[] data = StageApiTest.randomBytes(300_000);
        String id = create("raw");
        assertThat(stage(id, data).statusCode()).isEqualTo(204);
        assertThat(property(id, "os_glance_staged_md5")).isNotNull();

        HttpResponse<String> answer = importImage(id, "{\"method\": {\"name\": \"glance-direct\"}}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(finishedTask(id).get("status").asText()).isEqualTo("success");
        JsonNode image = show(id);
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("size").asLong()).isEqualTo(data.length);
        assertThat(image.get("checksum").asText()).isEqualTo(StageApiTest.hex("MD5", data));
        assertThat(image.get("os_hash_value").asText()).isEqualTo(StageApiTest.hex("SHA-512", data));
        assertThat(download(id)).isEqualTo(data);
        assertThat(staged(id)).doesNotExist();
        assertThat(property(id, "os_glance_staged_md5")).isNull();
        assertThat(property(id, "os_glance_staged_hash")).isNull();
    }

    @Test
    void stagedDataIsHashedOnceWhenItIsStagedNotAgainWhenItIsImported() throws Exception {
        byte[] data = StageApiTest.randomBytes(100_000);
        String id = create("raw");
        assertThat(stage(id, data).statusCode()).isEqualTo(204);
        // the staging area is the service's own: bytes changed there behind its back show which hashes are kept
        byte[] changed = data.clone();
        changed[0] ^= 1;
        Files.write(staged(id), changed);

        assertThat(importImage(id, "{\"method\": {\"name\": \"glance-direct\"}}").statusCode()).isEqualTo(202);

        assertThat(finishedTask(id).get("status").asText()).isEqualTo("success");
        JsonNode image = show(id);
        assertThat(image.get("checksum").asText()).isEqualTo(StageApiTest.hex("MD5", data));
        assertThat(image.get("os_hash_value").asText()).isEqualTo(StageApiTest.hex("SHA-512", data));
    }

    @Test
    void aPartlyStagedImageCannotBeImported() throws Exception {
        byte[] data = StageApiTest.randomBytes(200_000);
        String id = create("raw");
        assertThat(stagePart(id, data, 0, 100_000, data.length).statusCode()).isEqualTo(204);

        HttpResponse<String> answer = importImage(id, "{\"method\": {\"name\": \"glance-direct\"}}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
        assertThat(answer.body()).contains("Image needs to be staged before 'glance-direct' method can be used");
        assertThat(show(id).get("status").asText()).isEqualTo("queued");
        assertThat(held(id)).isEqualTo(100_000);
    }

    @Test
    void aStagedQcow2IsConvertedToRawBeforeItGoesToTheStore() throws Exception {
        Path qcow2 = server.directory().resolve("input.qcow2");
        run("qemu-img", "create", "-q", "-f", "qcow2", qcow2.toString(), "4M");
        run("qemu-io", "-c", "write -P 0x5a 0 1M", qcow2.toString());
        byte[] raw = new byte[4 << 20];
        Arrays.fill(raw, 0, 1 << 20, (byte) 0x5a);
        String id = create("qcow2");
        assertThat(stage(id, Files.readAllBytes(qcow2)).statusCode()).isEqualTo(204);

        assertThat(importImage(id, "{\"method\": {\"name\": \"glance-direct\"}}").statusCode()).isEqualTo(202);

        JsonNode task = finishedTask(id);
        assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("success");
        JsonNode image = show(id);
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("disk_format").asText()).isEqualTo("raw");
        assertThat(image.get("size").asLong()).isEqualTo(raw.length);
        assertThat(image.get("virtual_size").asLong()).isEqualTo(raw.length);
        assertThat(image.get("checksum").asText()).isEqualTo(StageApiTest.hex("MD5", raw));
        assertThat(download(id)).isEqualTo(raw);
        assertThat(staged(id)).doesNotExist();
    }

    @Test
    void aPluginThatRefusesTheDataFailsTheImportAndPutsTheImageBack() throws Exception {
        Path base = server.directory().resolve("base.raw");
        Files.write(base, new byte[1 << 20]);
        Path qcow2 = server.directory().resolve("backed.qcow2");
        run("qemu-img", "create", "-q", "-f", "qcow2", "-b", base.toString(), "-F", "raw", qcow2.toString());
        String id = create("qcow2");
        assertThat(stage(id, Files.readAllBytes(qcow2)).statusCode()).isEqualTo(204);

        assertThat(importImage(id, "{\"method\": {\"name\": \"glance-direct\"}}").statusCode()).isEqualTo(202);

        JsonNode task = finishedTask(id);
        assertThat(task.get("status").asText()).isEqualTo("failure");
        assertThat(task.get("message").asText()).contains("backing file").doesNotContain(server.directory().toString());
        JsonNode image = show(id);
        assertThat(image.get("status").asText()).isEqualTo("queued");
        assertThat(image.get("disk_format").asText()).isEqualTo("qcow2");
        try (var left = Files.list(server.directory().resolve("staging"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(id));
        }
        assertThat(property(id, "os_glance_staged_md5")).isNull();
    }

    @Test
    void webDownloadFetchesFromAnAllowedServerToActive() throws Exception {
        byte[] data = StageApiTest.randomBytes(500_000);
        WEB.put("/images/web.raw", data);
        String id = create("raw");
        String uri = "http://127.0.0.1:" + WEB_SERVER.getAddress().getPort() + "/images/web.raw";

        HttpResponse<String> answer = importImage(id,
                "{\"method\": {\"name\": \"web-download\", \"uri\": \"" + uri + "\"}}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode task = finishedTask(id);
        assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("success");
        JsonNode image = show(id);
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("checksum").asText()).isEqualTo(StageApiTest.hex("MD5", data));
        assertThat(image.get("os_hash_value").asText()).isEqualTo(StageApiTest.hex("SHA-512", data));
        assertThat(download(id)).isEqualTo(data);
        assertThat(staged(id)).doesNotExist();
    }

    @Test
    void webDownloadOfAMissingFileFailsTheTaskAndPutsTheImageBack() throws Exception {
        String id = create("raw");
        String uri = "http://127.0.0.1:" + WEB_SERVER.getAddress().getPort() + "/images/absent.raw";

        assertThat(importImage(id, "{\"method\": {\"name\": \"web-download\", \"uri\": \"" + uri + "\"}}")
                .statusCode()).isEqualTo(202);

        JsonNode task = finishedTask(id);
        assertThat(task.get("status").asText()).isEqualTo("failure");
        assertThat(task.get("message").asText()).isNotEmpty().doesNotContain("Exception");
        assertThat(show(id).get("status").asText()).isEqualTo("queued");
        assertThat(staged(id)).doesNotExist();
    }

    @Test
    void webDownloadOfAnInternalUrlIsRefusedWhenAskedFor() throws Exception {
        String id = create("raw");
        for (String uri : new String[] {"http://127.1:" + WEB_SERVER.getAddress().getPort() + "/images/web.raw",
                "http://169.254.169.254/latest/meta-data/", "http://[::1]/x"}) {
            HttpResponse<String> answer = importImage(id,
                    "{\"method\": {\"name\": \"web-download\", \"uri\": \"" + uri + "\"}}");

            assertThat(answer.statusCode()).as(uri).isEqualTo(400);
            assertThat(answer.body()).contains("URI for web-download does not pass filtering");
        }
        assertThat(show(id).get("status").asText()).isEqualTo("queued");
        assertThat(JSON.readTree(server.send(server.request("/v2/images/" + id + "/tasks")).body()).get("tasks"))
                .isEmpty();
    }

    @Test
    void aLegacyImportTaskReadsItsUrlIntoANewImage() throws Exception {
        byte[] data = StageApiTest.randomBytes(400_000);
        WEB.put("/images/legacy.raw", data);
        String base = "http://127.0.0.1:" + WEB_SERVER.getAddress().getPort() + "/images/";
        String body = "{\"type\": \"import\", \"input\": {\"import_from\": \"%s\", \"import_from_format\": \"raw\","
                + " \"image_properties\": {\"name\": \"legacy\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}}}";

        JsonNode done = finishedLegacyTask(body.formatted(base + "legacy.raw"));

        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("success");
        String id = done.at("/result/image_id").asText();
        JsonNode image = show(id);
        assertThat(image.get("name").asText()).isEqualTo("legacy");
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("checksum").asText()).isEqualTo(StageApiTest.hex("MD5", data));
        assertThat(download(id)).isEqualTo(data);

        JsonNode failed = finishedLegacyTask(body.formatted(base + "absent.raw"));
        assertThat(failed.get("status").asText()).isEqualTo("failure");
        assertThat(failed.get("message").asText()).isNotEmpty().doesNotContain("Exception");
        JsonNode legacyImages = JSON.readTree(server.send(server.request("/v2/images?name=legacy")).body());
        assertThat(legacyImages.get("images")).hasSize(1);
    }

    private static JsonNode finishedLegacyTask(String body) throws Exception {
        HttpResponse<String> created = server.send(server.request("/v2/tasks")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String taskId = JSON.readTree(created.body()).get("id").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonNode task = JSON.readTree(server.send(server.request("/v2/tasks/" + taskId)).body());
            if (task.get("status").asText().matches("success|failure")) {
                return task;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("task did not finish: " + task);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void version26IsAdvertisedAndServedNowThatImportWorks() throws Exception {
        JsonNode versions = JSON.readTree(server.send(server.request("/versions")).body()).get("versions");

        assertThat(versions.findValuesAsText("id")).contains("v2.6", "v2.7");
        assertThat(server.send(server.request("/v2.6/info/import")).statusCode()).isEqualTo(200);
    }

    @Test
    void webDownloadIsAdvertised() throws Exception {
        JsonNode info = JSON.readTree(server.send(server.request("/v2/info/import")).body());

        assertThat(info.at("/import-methods/value").toString())
                .isEqualTo("[\"glance-direct\",\"web-download\",\"copy-image\"]");
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }
}
