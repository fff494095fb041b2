package org.glancej.imports.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.glancej.api.ApiServerExtension;
import org.glancej.imports.source.ImportSourceException.Reason;
import org.glancej.keystone.RealKeystone;
import org.glancej.keystone.Keystone;
import org.glancej.keystone.KeystoneHttpOptions;
import org.glancej.net.HostResolver;
import org.glancej.net.UrlFilterOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * glance-download from a second instance of this service, registered in a real Keystone as a region of its own:
 * the endpoint comes from the caller's catalog, metadata and data are read with the caller's token, so the
 * caller gets what it may see there and nothing else.
 */
class GlanceDownloadKeystoneTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "RegionTwo-" + UUID.randomUUID().toString().substring(0, 8);

    private static RealKeystone keystone;
    private static ApiServerExtension remote;
    private static String endpointId;
    private static ImportSources sources;

    @BeforeAll
    static void start() throws Exception {
        keystone = RealKeystone.require();
        remote = new ApiServerExtension("""
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
                """.formatted(keystone.identity, keystone.glancePassword));
        remote.start();
        String url = remote.uri("").toString();
        endpointId = keystone.addImageEndpoint(REGION, url);
        UrlFilterOptions filter = UrlFilterOptions.defaults().allowingHosts("127.0.0.1").allowingPorts(remote.uri("").getPort());
        sources = new ImportSources(ImportSourceConfig.from(org.glancej.config.ConfigFile.empty()).withTimeouts(
                Duration.ofSeconds(5), Duration.ofSeconds(30)).withFilter(filter), HostResolver.SYSTEM,
                new KeystoneGlanceEndpoints(Keystone.at(keystone.identity, KeystoneHttpOptions.DEFAULTS)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (endpointId != null) {
            keystone.removeImageEndpoint(REGION, endpointId);
        }
        if (remote != null) {
            remote.stop();
        }
    }

    @Test
    void readsTheOtherRegionsImageAndItsSelectedPropertiesWithTheCallersToken() throws Exception {
        String token = keystone.demoToken();
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(9).nextBytes(data);
        String id = activeImage(token, data, Map.of("hw_disk_bus", "scsi", "os_distro", "cirros", "os_type", "linux",
                "color", "blue"));

        RemoteImage image = sources.describeGlanceImage(token, REGION.toLowerCase(), "public", id);

        assertThat(image.diskFormat()).isEqualTo("raw");
        assertThat(image.containerFormat()).isEqualTo("bare");
        assertThat(image.size()).isEqualTo(data.length);
        assertThat(image.properties()).isEqualTo(Map.of("hw_disk_bus", "scsi", "os_distro", "cirros", "os_type", "linux"));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (SourceData source = sources.openGlanceImage(token, image)) {
            assertThat(source.size()).hasValue(data.length);
            byte[] buffer = new byte[65536];
            for (int n; (n = source.stream().read(buffer)) >= 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        assertThat(HexFormat.of().formatHex(sha.digest()))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    }

    @Test
    void anotherProjectsPrivateImageIsNotFoundForTheCaller() throws Exception {
        String adminsImage = activeImage(keystone.adminToken(), new byte[100], Map.of());

        assertThatThrownBy(() -> sources.describeGlanceImage(keystone.demoToken(), REGION, "public", adminsImage))
                .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessage("HTTP Error 404 from the glance-download source");
    }

    @Test
    void aRegionOrInterfaceWithoutAnImageEndpointIsUpstreamsEndpointNotFound() throws Exception {
        String token = keystone.demoToken();
        String id = UUID.randomUUID().toString();

        assertThatThrownBy(() -> sources.describeGlanceImage(token, "NoSuchRegion", "public", id))
                .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessage("public glance endpoint not found for region NoSuchRegion");
        assertThatThrownBy(() -> sources.describeGlanceImage(token, REGION, "internal", id))
                .hasMessage("internal glance endpoint not found for region " + REGION);
    }

    @Test
    void aTokenKeystoneRefusesGetsNoCatalog() {
        assertThatThrownBy(() -> sources.describeGlanceImage("not-a-token", REGION, "public", UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                .hasMessage("The Identity service answered HTTP 401 for the service catalog");
    }

    /** An active raw image with the given properties in the other region, made with the token. */
    private static String activeImage(String token, byte[] data, Map<String, String> properties) throws Exception {
        var body = JSON.createObjectNode().put("name", "glance-download source").put("disk_format", "raw")
                .put("container_format", "bare");
        properties.forEach(body::put);
        HttpResponse<String> created = remote.send(remote.request("/v2/images").header("X-Auth-Token", token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        HttpResponse<String> upload = remote.send(remote.request("/v2/images/" + id + "/file").header("X-Auth-Token", token)
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(data)));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
        JsonNode image = JSON.readTree(remote.send(remote.request("/v2/images/" + id).header("X-Auth-Token", token)).body());
        assertThat(image.get("status").asText()).isEqualTo("active");
        return id;
    }
}
