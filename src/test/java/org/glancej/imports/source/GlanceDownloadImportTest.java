package org.glancej.imports.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.glancej.api.ApiServerExtension;
import org.glancej.keystone.RealKeystone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v2/images/{id}/import} with glance-download end to end: two instances of this service behind a real
 * Keystone, the second registered as a region of its own; the import reads the other region's image with the
 * caller's token, takes its selected properties, and the image turns active with the same data.
 */
class GlanceDownloadImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "RegionImport-" + UUID.randomUUID().toString().substring(0, 8);

    private static RealKeystone keystone;
    private static ApiServerExtension remote;
    private static ApiServerExtension local;
    private static String endpointId;

    private static String keystoneConfig() {
        return """
                [paste_deploy]
                flavor = keystone
                [keystone_authtoken]
                auth_url = %s
                auth_type = password
                project_domain_name = Default
                user_domain_name = Default
                project_name = service
                username = glance
                password = %s
                """.formatted(keystone.identity, keystone.glancePassword);
    }

    @BeforeAll
    static void start() throws Exception {
        keystone = RealKeystone.require();
        remote = new ApiServerExtension(keystoneConfig());
        remote.start();
        endpointId = keystone.addImageEndpoint(REGION, remote.uri("").toString());
        local = new ApiServerExtension("""
                [DEFAULT]
                enabled_import_methods = [glance-direct, web-download, copy-image, glance-download]
                [import_filtering_opts]
                allowed_hosts = 127.0.0.1
                allowed_ports = %d
                """.formatted(remote.uri("").getPort()) + keystoneConfig());
        local.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (endpointId != null) {
            keystone.removeImageEndpoint(REGION, endpointId);
        }
        if (local != null) {
            local.stop();
        }
        if (remote != null) {
            remote.stop();
        }
    }

    private static JsonNode send(ApiServerExtension server, String token, String method, String path, String body)
            throws Exception {
        HttpResponse<String> answer = server.send(server.request(path).header("X-Auth-Token", token)
                .header("Content-Type", "application/json").method(method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isLessThan(300);
        return answer.body().isEmpty() ? JSON.nullNode() : JSON.readTree(answer.body());
    }

    @Test
    void anImageOfTheOtherRegionIsImportedWithItsDataAndSelectedProperties() throws Exception {
        String token = keystone.demoToken();
        byte[] data = new byte[2 * 1024 * 1024 + 5];
        new Random(11).nextBytes(data);
        String remoteId = send(remote, token, "POST", "/v2/images", "{\"name\": \"there\", \"disk_format\": \"raw\","
                + " \"container_format\": \"bare\", \"hw_disk_bus\": \"scsi\", \"color\": \"blue\"}").get("id").asText();
        HttpResponse<String> upload = remote.send(remote.request("/v2/images/" + remoteId + "/file")
                .header("X-Auth-Token", token).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
        String id = send(local, token, "POST", "/v2/images", "{\"name\": \"here\", \"disk_format\": \"raw\","
                + " \"container_format\": \"bare\"}").get("id").asText();

        send(local, token, "POST", "/v2/images/" + id + "/import", "{\"method\": {\"name\": \"glance-download\","
                + " \"glance_image_id\": \"" + remoteId + "\", \"glance_region\": \"" + REGION + "\"}}");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode image = send(local, token, "GET", "/v2/images/" + id, null);
        while (!image.get("status").asText().matches("active|queued") || image.get("status").asText().equals("queued")
                && send(local, token, "GET", "/v2/images/" + id + "/tasks", null).at("/tasks/0/status").asText()
                        .matches("pending|processing|")) {
            assertThat(Instant.now()).as(image.toString()).isBefore(deadline);
            Thread.sleep(100);
            image = send(local, token, "GET", "/v2/images/" + id, null);
        }
        assertThat(image.get("status").asText())
                .as(send(local, token, "GET", "/v2/images/" + id + "/tasks", null).toString()).isEqualTo("active");
        assertThat(image.get("checksum").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)));
        assertThat(image.get("size").asLong()).isEqualTo(data.length);
        assertThat(image.get("hw_disk_bus").asText()).isEqualTo("scsi");
        assertThat(image.has("color")).isFalse();
        assertThat(local.directory().resolve("staging").resolve(id)).doesNotExist();
    }
}
