package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.glancej.db.Database;
import org.glancej.images.Image;
import org.glancej.images.ImageChanges;
import org.glancej.images.ImageDao;
import org.glancej.images.ImageStatus;
import org.glancej.images.TaskLockDao;
import org.glancej.images.UploadDao;
import org.glancej.tasks.Task;
import org.glancej.tasks.TaskDao;
import org.glancej.tasks.TaskRecovery;
import org.glancej.tasks.TaskStatus;
import org.junit.jupiter.api.Test;

/**
 * Interoperable import over HTTP on every database, with two file stores and a staging store: glance-direct to
 * several stores, copy-image, all_stores_must_succeed both ways with a broken store, the image's tasks, the
 * import methods, and upstream's refusals.
 */
class ImportApiTest extends EveryDatabaseApiTestSupport {
    private static final byte[] DATA = "import me, I am raw data\n".repeat(2000).getBytes(StandardCharsets.UTF_8);

    @Override
    protected String extraConfig() {
        return """
                [DEFAULT]
                enabled_backends = fast:file, cheap:file, broken:file
                [glance_store]
                default_backend = cheap
                [fast]
                filesystem_store_datadir = ${dir}/fast
                weight = 100
                [cheap]
                filesystem_store_datadir = ${dir}/cheap
                [broken]
                filesystem_store_datadir = ${dir}/broken
                [os_glance_staging_store]
                filesystem_store_datadir = ${dir}/staging
                [os_glance_tasks_store]
                filesystem_store_datadir = ${dir}/tasks
                [import_filtering_opts]
                allowed_hosts = 127.0.0.1
                allowed_ports = 1
                [image_import_opts]
                image_import_plugins = ['image_conversion']
                [image_conversion]
                output_format = raw
                [upload_recovery]
                heartbeat_interval = 1
                owner_timeout = 3
                recovery_interval = 1
                """;
    }

    private String createRaw() throws Exception {
        return api.create(null, "{\"name\": \"imp\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
    }

    /** Stages data as the stage call does: the object named by the image id in the staging store, uploading. */
    private String staged(byte[] data) throws Exception {
        String id = createRaw();
        Files.write(server.directory().resolve("staging").resolve(id), data);
        try (Connection c = fresh.connect();
                PreparedStatement ps = c.prepareStatement("UPDATE images SET status = 'uploading' WHERE id = ?")) {
            ps.setString(1, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        return id;
    }

    private HttpResponse<String> importImage(String id, String body) throws Exception {
        return api.send("POST", "/v2/images/" + id + "/import", body);
    }

    private JsonNode waitFor(String id, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode image = api.show(null, id);
        while (!done.test(image)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("import did not finish: " + image);
            }
            Thread.sleep(50);
            image = api.show(null, id);
        }
        return image;
    }

    private JsonNode tasksOf(String id) throws Exception {
        HttpResponse<String> answer = api.send("GET", "/v2/images/" + id + "/tasks", null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return ApiCalls.json(answer).get("tasks");
    }

    private JsonNode finishedTasks(String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode tasks = tasksOf(id);
        while (tasks.isEmpty() || !tasks.get(0).get("status").asText().matches("success|failure")) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("task did not finish: " + tasks);
            }
            Thread.sleep(50);
            tasks = tasksOf(id);
        }
        return tasks;
    }

    /** The image's tasks once there are {@code count} and none is still running (their order may tie on time). */
    private JsonNode allFinished(String id, int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode tasks = tasksOf(id);
        while (tasks.size() < count || tasks.findValuesAsText("status").stream()
                .anyMatch(status -> !status.matches("success|failure"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("tasks did not finish: " + tasks);
            }
            Thread.sleep(50);
            tasks = tasksOf(id);
        }
        return tasks;
    }

    private byte[] download(String id) throws Exception {
        return server.sendForBytes(server.request("/v2/images/" + id + "/file")).body();
    }

    @Test
    void importMethodsAreThoseThisServiceCanRun() throws Exception {
        HttpResponse<String> info = api.send("GET", "/v2/info/import", null);

        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(ApiCalls.json(info).toString()).isEqualTo("{\"import-methods\":{\"description\":"
                + "\"Import methods available.\",\"type\":\"array\",\"value\":[\"glance-direct\",\"web-download\",\"copy-image\"]}}");
        HttpResponse<String> created = api.send("POST", "/v2/images", "{\"name\": \"x\"}");
        assertThat(created.headers().firstValue("OpenStack-image-import-methods")).hasValue("glance-direct,web-download,copy-image");
        assertThat(created.headers().firstValue("OpenStack-image-store-ids")).hasValue("fast,cheap,broken");
    }

    @Test
    void glanceDirectImportsStagedDataIntoEachStoreAndRemovesIt() throws Exception {
        String id = staged(DATA);

        HttpResponse<String> answer = importImage(id,
                "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"fast\", \"cheap\"]}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode image = waitFor(id, i -> i.get("status").asText().equals("active")
                && i.path("os_glance_importing_to_stores").asText("x").isEmpty());
        assertThat(image.get("stores").asText()).isEqualTo("fast,cheap");
        assertThat(image.get("size").asLong()).isEqualTo(DATA.length);
        assertThat(image.get("os_glance_failed_import").asText()).isEmpty();
        assertThat(download(id)).isEqualTo(DATA);
        // the image turns active with its last store; the staged data and the lock go before the task ends
        JsonNode tasks = finishedTasks(id);
        assertThat(server.directory().resolve("staging").resolve(id)).doesNotExist();
        assertThat(tasks).hasSize(1);
        JsonNode task = tasks.get(0);
        assertThat(task.get("status").asText()).isEqualTo("success");
        assertThat(task.get("type").asText()).isEqualTo("api_image_import");
        assertThat(task.get("request_id").asText()).isEqualTo(answer.headers().firstValue("x-openstack-request-id")
                .orElseThrow());
        assertThat(task.get("input").get("import_req").get("method").get("name").asText()).isEqualTo("glance-direct");
        assertThat(task.get("result").get("image_id").asText()).isEqualTo(id);
        assertThat(task.get("result").get("progress").get("bytes_done").asLong()).isEqualTo(DATA.length);
        assertThat(task.get("result").get("progress").get("bytes_total").asLong()).isEqualTo(DATA.length);
        // upstream's message: the count of its last store copy, in whole MiB
        assertThat(task.get("message").asText()).isEqualTo("Copied 0 MiB");
        assertThat(api.show(null, id).has("os_glance_import_task")).isFalse();
    }

    @Test
    void aFailingStoreUndoesTheImportWhenAllStoresMustSucceed() throws Exception {
        Path broken = server.directory().resolve("broken");
        String id = staged(DATA);
        breakStore(broken);
        try {
            assertThat(importImage(id, "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"cheap\", \"broken\"]}")
                    .statusCode()).isEqualTo(202);

            JsonNode task = finishedTasks(id).get(0);
            assertThat(task.get("status").asText()).isEqualTo("failure");
            assertThat(task.get("message").asText()).isNotEmpty();
            JsonNode image = api.show(null, id);
            assertThat(image.get("status").asText()).isEqualTo("queued");
            assertThat(image.get("os_glance_failed_import").asText()).isEqualTo("broken");
            assertThat(image.get("os_glance_importing_to_stores").asText()).isEmpty();
            assertThat(image.has("os_glance_import_task")).isFalse();
            assertThat(server.directory().resolve("cheap").resolve(id)).doesNotExist();
            assertThat(server.directory().resolve("staging").resolve(id)).doesNotExist();
        } finally {
            repairStore(broken);
        }
    }

    @Test
    void aPluginThatRefusesTheDataFailsTheImportToEveryStoreAndLeavesNothing() throws Exception {
        Path work = Files.createTempDirectory(server.directory(), "backed");
        Files.write(work.resolve("base.raw"), new byte[1 << 20]);
        run("qemu-img", "create", "-q", "-f", "qcow2", "-b", work.resolve("base.raw").toString(), "-F", "raw",
                work.resolve("backed.qcow2").toString());
        String id = staged(Files.readAllBytes(work.resolve("backed.qcow2")));
        try (Connection c = fresh.connect();
                PreparedStatement ps = c.prepareStatement("UPDATE images SET disk_format = 'qcow2' WHERE id = ?")) {
            ps.setString(1, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }

        int round = 0;
        for (String allMustSucceed : List.of("true", "false")) {
            round++;
            assertThat(importImage(id, "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"fast\", \"cheap\"],"
                    + " \"all_stores_must_succeed\": " + allMustSucceed + "}").statusCode()).isEqualTo(202);

            JsonNode tasks = allFinished(id, round);
            for (JsonNode task : tasks) {
                assertThat(task.get("status").asText()).isEqualTo("failure");
                assertThat(task.get("message").asText()).contains("backing file");
            }
            JsonNode image = api.show(null, id);
            assertThat(image.get("status").asText()).isEqualTo("queued");
            assertThat(image.get("disk_format").asText()).isEqualTo("qcow2");
            assertThat(image.get("os_glance_importing_to_stores").asText()).isEmpty();
            assertThat(image.has("os_glance_import_task")).isFalse();
            assertThat(server.directory().resolve("fast").resolve(id)).doesNotExist();
            assertThat(server.directory().resolve("cheap").resolve(id)).doesNotExist();
            try (var left = Files.list(server.directory().resolve("staging"))) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(id));
            }
            // staged again for the second round, as a client would after a failure
            Files.write(server.directory().resolve("staging").resolve(id), Files.readAllBytes(work.resolve("backed.qcow2")));
            try (Connection c = fresh.connect(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE images SET status = 'uploading' WHERE id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
        }
    }

    @Test
    void aFailingStoreIsListedAndTheOthersKeptWhenNotAllMustSucceed() throws Exception {
        Path broken = server.directory().resolve("broken");
        String id = staged(DATA);
        breakStore(broken);
        try {
            assertThat(importImage(id, "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"broken\", \"cheap\"],"
                    + " \"all_stores_must_succeed\": false}").statusCode()).isEqualTo(202);

            JsonNode task = finishedTasks(id).get(0);
            assertThat(task.get("status").asText()).isEqualTo("success");
            JsonNode image = api.show(null, id);
            assertThat(image.get("status").asText()).isEqualTo("active");
            assertThat(image.get("stores").asText()).isEqualTo("cheap");
            assertThat(image.get("os_glance_failed_import").asText()).isEqualTo("broken");
            assertThat(download(id)).isEqualTo(DATA);
        } finally {
            repairStore(broken);
        }
    }

    @Test
    void aDownloadThatFailsListsEveryTargetStoreAsFailed() throws Exception {
        String id = createRaw();

        // nothing listens on port 1: the fetch fails before any store is written
        assertThat(importImage(id, "{\"method\": {\"name\": \"web-download\", \"uri\": \"http://127.0.0.1:1/image.raw\"},"
                + " \"stores\": [\"fast\", \"cheap\"]}").statusCode()).isEqualTo(202);

        JsonNode task = finishedTasks(id).get(0);
        assertThat(task.get("status").asText()).isEqualTo("failure");
        JsonNode image = api.show(null, id);
        assertThat(image.get("status").asText()).isEqualTo("queued");
        assertThat(image.get("os_glance_failed_import").asText().split(",")).containsExactlyInAnyOrder("fast", "cheap");
        assertThat(image.path("os_glance_importing_to_stores").asText("")).isEmpty();
    }

    /** The store's directory replaced by a file: every write to it fails. */
    private static void breakStore(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
        Files.writeString(dir, "not a directory");
    }

    private static void repairStore(Path dir) throws Exception {
        Files.deleteIfExists(dir);
        Files.createDirectories(dir);
    }

    @Test
    void copyImageAddsAStoreAndKeepsTheImageActive() throws Exception {
        String id = createRaw();
        HttpResponse<String> uploaded = server.send(server.request("/v2/images/" + id + "/file")
                .header("Content-Type", "application/octet-stream").header("X-Image-Meta-Store", "cheap")
                .PUT(BodyPublishers.ofByteArray(DATA)));
        assertThat(uploaded.statusCode()).isEqualTo(204);

        assertThat(importImage(id, "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"fast\"]}").statusCode())
                .isEqualTo(202);

        JsonNode image = waitFor(id, i -> i.get("stores").asText().equals("fast,cheap")
                && i.path("os_glance_importing_to_stores").asText("x").isEmpty());
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(Files.readAllBytes(server.directory().resolve("fast").resolve(id))).isEqualTo(DATA);
        assertThat(finishedTasks(id).get(0).get("status").asText()).isEqualTo("success");
        HttpResponse<String> again = importImage(id, "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"fast\"]}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(ApiCalls.message(again)).isEqualTo("Image is already present at store 'fast'");
        assertThat(importImage(id, "{\"method\": {\"name\": \"copy-image\"}, \"all_stores\": true}").statusCode())
                .as("only the broken store is left, which an all-stores copy still tries").isEqualTo(202);
    }

    @Test
    void importsAreRefusedAsUpstreamRefusesThem() throws Exception {
        String queued = createRaw();
        String staged = staged(DATA);
        expect(queued, "{}", 400, "Import request requires a 'method' field.");
        expect(queued, "{\"method\": {}}", 400, "Import request requires a 'name' field.");
        expect(queued, "{\"method\": {\"name\": \"glance-download\", \"glance_region\": \"r\", "
                + "\"glance_image_id\": \"00000000-0000-0000-0000-000000000000\"}}", 400,
                "Unknown import method name 'glance-download'.");
        expect(queued, "{\"method\": {\"name\": \"glance-direct\"}, \"all_stores\": \"yes\"}", 400,
                "'all_stores' must be boolean value only");
        expect(queued, "{\"method\": {\"name\": \"glance-direct\"}, \"all_stores_must_succeed\": 1}", 400,
                "'all_stores_must_succeed' must be boolean value only");
        expect(queued, "{\"method\": {\"name\": \"glance-direct\"}}", 409,
                "Image needs to be staged before 'glance-direct' method can be used");
        expect(queued, "{\"method\": {\"name\": \"copy-image\"}}", 409,
                "Only images with status active can be targeted for copying");
        expect(staged, "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"nowhere\"]}", 409,
                "Unknown scheme 'nowhere' found in URI");
        expect(staged, "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"fast\"], \"all_stores\": true}",
                400, "All_stores parameter can't be used with x-image-meta-store header or stores parameter");
        expect("00000000-0000-0000-0000-000000000000", "{\"method\": {\"name\": \"glance-direct\"}}", 404, null);
        assertThat(api.send("GET", "/v2/images/00000000-0000-0000-0000-000000000000/tasks", null).statusCode())
                .isEqualTo(404);
        assertThat(api.send("PUT", "/v2/images/" + staged + "/import", "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void anImportLockIsRespectedWhileItsTaskLivesAndBrokenWhenItsTaskIsGone() throws Exception {
        String id = staged(DATA);
        Instant now = Instant.now();
        try (Database db = fresh.open()) {
            TaskDao tasks = new TaskDao(db.dataSource(), db.dialect());
            // heard from "in the future", so that recovery does not take it for a dead process's meanwhile
            Task live = Task.pending(UUID.randomUUID().toString(), Task.API_IMAGE_IMPORT, "", now.plusSeconds(3600), id,
                    null, null, "{}");
            tasks.insert(live);
            new TaskLockDao(db.dataSource(), db.dialect()).take(id, live.id(), now);

            expect(id, "{\"method\": {\"name\": \"glance-direct\"}}", 409, "Image has active task");

            tasks.finish(live.id(), TaskStatus.PENDING, TaskStatus.FAILURE, null, "gone", now, now);
            tasks.deleteExpired(now.plusSeconds(1));
        }

        // a lock whose task no longer exists is stale, as upstream: it is broken and the import runs
        assertThat(importImage(id, "{\"method\": {\"name\": \"glance-direct\"}}").statusCode()).isEqualTo(202);
        assertThat(finishedTasks(id).get(0).get("status").asText()).isEqualTo("success");
        assertThat(api.show(null, id).get("status").asText()).isEqualTo("active");
    }

    @Test
    void anImportWhoseProcessDiedIsFailedUndoneAndCanBeRetried() throws Exception {
        String id = staged(DATA);
        Path partial = server.directory().resolve("cheap").resolve(id);
        Files.write(partial, new byte[1000]);
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(5));
        String taskId = UUID.randomUUID().toString();
        try (Database db = fresh.open()) {
            TaskDao tasks = new TaskDao(db.dataSource(), db.dialect());
            tasks.insert(Task.pending(taskId, Task.API_IMAGE_IMPORT, "", longAgo, id, null, null,
                    "{\"image_id\": \"" + id + "\", \"import_req\": {\"method\": {\"name\": \"glance-direct\"}},"
                            + " \"backend\": [\"cheap\"]}"));
            tasks.transition(taskId, TaskStatus.PENDING, TaskStatus.PROCESSING, longAgo);
            new TaskLockDao(db.dataSource(), db.dialect()).take(id, taskId, longAgo);
            ImageDao images = new ImageDao(db.dataSource(), db.dialect());
            Image image = images.find(id).orElseThrow();
            Map<String, String> properties = new HashMap<>(image.properties());
            properties.put("os_glance_importing_to_stores", "cheap");
            assertThat(images.update(image, ImageChanges.withProperties(image, properties), image.status())).isTrue();
            // the dead process was writing to the cheap store: its upload markers say where
            new UploadDao(db.dataSource(), db.dialect()).begin(id, ImageStatus.UPLOADING, ImageStatus.IMPORTING,
                    "dead-host:boot:1:1", "file://" + partial.toAbsolutePath(), longAgo);
        }

        JsonNode task = finishedTasks(id).get(0);

        assertThat(task.get("id").asText()).isEqualTo(taskId);
        assertThat(task.get("status").asText()).isEqualTo("failure");
        assertThat(task.get("message").asText()).isEqualTo(TaskRecovery.DEAD_RUNNER_MESSAGE);
        // the lock goes last, after the image is put back
        JsonNode image = waitFor(id, i -> i.get("status").asText().equals("queued") && !i.has("os_glance_import_task"));
        assertThat(image.get("os_glance_failed_import").asText()).isEqualTo("cheap");
        assertThat(image.get("os_glance_importing_to_stores").asText()).isEmpty();
        assertThat(server.directory().resolve("staging").resolve(id)).doesNotExist();
        Instant deadline = Instant.now().plusSeconds(10);
        while (Files.exists(partial) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(partial).doesNotExist();

        // staged again, the import runs to the end
        Files.write(server.directory().resolve("staging").resolve(id), DATA);
        try (Connection c = fresh.connect();
                PreparedStatement ps = c.prepareStatement("UPDATE images SET status = 'uploading' WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
        assertThat(importImage(id, "{\"method\": {\"name\": \"glance-direct\"}}").statusCode()).isEqualTo(202);
        waitFor(id, i -> i.get("status").asText().equals("active"));
        assertThat(download(id)).isEqualTo(DATA);
    }

    @Test
    void anImportThatNeverStartedBeforeItsProcessDiedLeavesTheStagedImageReadyToImport() throws Exception {
        String id = staged(DATA);
        String taskId = UUID.randomUUID().toString();
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(5));
        try (Database db = fresh.open()) {
            new TaskDao(db.dataSource(), db.dialect()).insert(Task.pending(taskId, Task.API_IMAGE_IMPORT, "", longAgo,
                    id, null, null, "{\"image_id\": \"" + id + "\", \"import_req\": {\"method\": {\"name\":"
                            + " \"glance-direct\"}}, \"backend\": [\"cheap\"]}"));
            new TaskLockDao(db.dataSource(), db.dialect()).take(id, taskId, longAgo);
        }

        assertThat(finishedTasks(id).get(0).get("status").asText()).isEqualTo("failure");

        JsonNode image = api.show(null, id);
        assertThat(image.get("status").asText()).isEqualTo("uploading");
        assertThat(image.has("os_glance_import_task")).isFalse();
        assertThat(server.directory().resolve("staging").resolve(id)).exists();
        assertThat(importImage(id, "{\"method\": {\"name\": \"glance-direct\"}}").statusCode()).isEqualTo(202);
        waitFor(id, i -> i.get("status").asText().equals("active"));
    }

    private void expect(String id, String body, int status, String message) throws Exception {
        HttpResponse<String> answer = importImage(id, body);
        assertThat(answer.statusCode()).as(body + " -> " + answer.body()).isEqualTo(status);
        if (message != null) {
            assertThat(ApiCalls.message(answer)).isEqualTo(message);
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }
}
