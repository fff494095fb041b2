package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A stage in the multi-store form writes to the reserved os_glance_staging_store, and only there. */
class StageMultiStoreApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension("""
            [DEFAULT]
            enabled_backends = fast:file, cheap:file
            [glance_store]
            default_backend = cheap
            [fast]
            filesystem_store_datadir = ${dir}/fast
            [cheap]
            filesystem_store_datadir = ${dir}/cheap
            [os_glance_staging_store]
            filesystem_store_datadir = ${dir}/reserved-staging
            """);

    @Test
    void stageWritesToTheReservedStagingStoreOnly() throws Exception {
        String id = createImage(server);

        assertThat(stage(server, id, new byte[] {1, 2, 3}).statusCode()).isEqualTo(204);

        assertThat(Files.readAllBytes(server.directory().resolve("reserved-staging").resolve(id)))
                .containsExactly(1, 2, 3);
        assertThat(server.directory().resolve("staging").resolve(id)).doesNotExist();
        assertThat(server.directory().resolve("cheap").resolve(id)).doesNotExist();
        assertThat(JSON.readTree(server.send(server.request("/v2/images/" + id)).body()).has("stores")).isFalse();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static String createImage(ApiServerExtension server) throws Exception {
        HttpResponse<String> created = server.send(server.request("/v2/images").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\": \"t\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    static HttpResponse<String> stage(ApiServerExtension server, String id, byte[] data) throws Exception {
        return server.send(server.request("/v2/images/" + id + "/stage")
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofByteArray(data)));
    }
}
