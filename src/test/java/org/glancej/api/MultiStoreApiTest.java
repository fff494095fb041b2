package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The multi-store API (enabled_backends) over HTTP, with two file stores of different weights. */
class MultiStoreApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension("""
            [DEFAULT]
            enabled_backends = fast:file, cheap:file
            [glance_store]
            default_backend = cheap
            [fast]
            filesystem_store_datadir = ${dir}/fast
            store_description = Fast disks
            weight = 100
            [cheap]
            filesystem_store_datadir = ${dir}/cheap
            [os_glance_staging_store]
            filesystem_store_datadir = ${dir}/staging
            [os_glance_tasks_store]
            filesystem_store_datadir = ${dir}/tasks
            """);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> create() throws Exception {
        return server.send(server.request("/v2/images").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\": \"ms\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")));
    }

    private static String createdId() throws Exception {
        HttpResponse<String> created = create();
        assertThat(created.statusCode()).isEqualTo(201);
        return json(created).get("id").asText();
    }

    private static HttpResponse<String> upload(String id, byte[] data, String store) throws Exception {
        var request = server.request("/v2/images/" + id + "/file").header("Content-Type", "application/octet-stream");
        if (store != null) {
            request.header("X-Image-Meta-Store", store);
        }
        return server.send(request.PUT(BodyPublishers.ofByteArray(data)));
    }

    private static JsonNode show(String id) throws Exception {
        return json(server.send(server.request("/v2/images/" + id)));
    }

    @Test
    void storesAreListedInConfigurationOrderWithTheDefaultMarked() throws Exception {
        HttpResponse<String> response = server.send(server.request("/v2/info/stores"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(JSON.readTree("""
                {"stores": [{"id": "fast", "description": "Fast disks"}, {"id": "cheap", "default": "true"}]}"""));
    }

    @Test
    void storeDetailsAddTypeWeightAndTheDriversProperties() throws Exception {
        JsonNode stores = json(server.send(server.request("/v2/info/stores/detail"))).get("stores");

        assertThat(stores.get(0).get("type").asText()).isEqualTo("file");
        assertThat(stores.get(0).get("weight").asLong()).isEqualTo(100);
        assertThat(stores.get(0).get("properties").get("data_dir").asText())
                .isEqualTo(server.directory().resolve("fast").toString());
        assertThat(stores.get(1).get("weight").asLong()).isZero();
    }

    @Test
    void createNamesTheStoresInAHeader() throws Exception {
        assertThat(create().headers().firstValue("OpenStack-image-store-ids")).contains("fast,cheap");
    }

    @Test
    void uploadGoesToTheDefaultStoreOrTheOneNamed() throws Exception {
        String toDefault = createdId();
        String toFast = createdId();

        assertThat(upload(toDefault, new byte[] {1, 2, 3}, null).statusCode()).isEqualTo(204);
        assertThat(upload(toFast, new byte[] {4, 5}, "fast").statusCode()).isEqualTo(204);

        assertThat(show(toDefault).get("stores").asText()).isEqualTo("cheap");
        assertThat(show(toFast).get("stores").asText()).isEqualTo("fast");
        assertThat(Files.exists(server.directory().resolve("cheap").resolve(toDefault))).isTrue();
        assertThat(Files.exists(server.directory().resolve("fast").resolve(toFast))).isTrue();
        assertThat(server.sendForBytes(server.request("/v2/images/" + toFast + "/file").GET()).body())
                .isEqualTo(new byte[] {4, 5});
    }

    @Test
    void anUnknownStoreIsRefusedAndTheImageStaysQueued() throws Exception {
        String id = createdId();

        HttpResponse<String> refused = upload(id, new byte[] {1}, "nowhere");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Unknown scheme 'nowhere' found in URI");
        assertThat(show(id).get("status").asText()).isEqualTo("queued");
    }

    @Test
    void deletingFromOneStoreKeepsTheOtherAndTheLastLocationIsRefused() throws Exception {
        String id = createdId();
        byte[] data = {9, 8, 7, 6};
        assertThat(upload(id, data, "cheap").statusCode()).isEqualTo(204);
        // a second copy in the fast store, as copy-image would make it
        Path copy = server.directory().resolve("fast").resolve(id);
        Files.write(copy, data);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.directory().resolve("glance.sqlite"));
                PreparedStatement ps = c.prepareStatement("INSERT INTO image_locations (image_id, value, created_at,"
                        + " deleted, meta_data, status) VALUES (?, ?, CURRENT_TIMESTAMP, 0, ?, 'active')")) {
            ps.setString(1, id);
            ps.setString(2, "file://" + copy);
            ps.setString(3, "{\"store\": \"fast\"}");
            ps.executeUpdate();
        }
        assertThat(show(id).get("stores").asText()).isEqualTo("fast,cheap");

        assertThat(server.send(server.request("/v2/stores/nowhere/" + id).DELETE()).statusCode()).isEqualTo(409);
        HttpResponse<String> deleted = server.send(server.request("/v2/stores/cheap/" + id).DELETE());

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(Files.exists(server.directory().resolve("cheap").resolve(id))).isFalse();
        assertThat(show(id).get("stores").asText()).isEqualTo("fast");
        assertThat(server.sendForBytes(server.request("/v2/images/" + id + "/file").GET()).body()).isEqualTo(data);
        HttpResponse<String> last = server.send(server.request("/v2/stores/fast/" + id).DELETE());
        assertThat(last.statusCode()).isEqualTo(403);
        assertThat(last.body()).contains("Cannot delete image data from the only store containing it");
        assertThat(Files.exists(copy)).isTrue();
    }

    @Test
    void versionsIncludeTheMultiStoreOnes() throws Exception {
        JsonNode versions = json(server.send(server.request("/versions"))).get("versions");

        // 2.12 (image tasks), 2.10 (copy-image), 2.6 and 2.11 (import) are served
        assertThat(versions.findValuesAsText("id")).contains("v2.17", "v2.8", "v2.13", "v2.12", "v2.11", "v2.10",
                "v2.6");
        assertThat(versions.get(0).get("id").asText()).isEqualTo("v2.17");
        assertThat(versions.get(0).get("status").asText()).isEqualTo("CURRENT");
    }
}
