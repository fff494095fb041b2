package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With glance-direct not among enabled_import_methods a stage is upstream's 404. */
class StageDisabledApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension("""
            [DEFAULT]
            enabled_import_methods = [web-download, copy-image]
            """);

    @Test
    void stageIs404WithUpstreamsMessage() throws Exception {
        String id = createImage(server);

        HttpResponse<String> response = stage(server, id, new byte[] {1});

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("'glance-direct' method is not available at this site.");
        assertThat(server.directory().resolve("staging").resolve(id)).doesNotExist();
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
