package org.glancej.imports.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.glancej.imports.source.ImportSourceException.Reason;
import org.glancej.net.HostResolver;
import org.glancej.net.UrlFilterOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** glance-download's reading of a remote image against a scripted image service; the catalog is a table here. */
class GlanceDownloadSourceTest {
    private static final String ID = "6a4f1b0e-3c3e-4bb1-9d5c-2f0f1e7d8a11";
    private static final long CAP = 1 << 20;

    private ScriptedHttpServer remote;
    private ScriptedHttpServer elsewhere;
    private ImportSources sources;

    @BeforeEach
    void start() throws IOException {
        remote = new ScriptedHttpServer();
        elsewhere = new ScriptedHttpServer();
        sources = sources(UrlFilterOptions.defaults().allowingHosts("127.0.0.1")
                .allowingPorts(remote.port(), elsewhere.port()), List.of("hw_", "os_distro", "os_glance", "os_h"));
    }

    @AfterEach
    void stop() throws IOException {
        remote.close();
        elsewhere.close();
    }

    private ImportSources sources(UrlFilterOptions filter, List<String> extraProperties) {
        GlanceEndpoints catalog = (token, region, serviceInterface) -> {
            if (region.equalsIgnoreCase("RegionTwo") && serviceInterface.equals("public")) {
                return "http://127.0.0.1:" + remote.port() + "/";
            }
            throw GlanceEndpoints.notFound(region, serviceInterface);
        };
        return new ImportSources(new ImportSourceConfig(filter, CAP, extraProperties, Duration.ofSeconds(2),
                Duration.ofSeconds(1)), HostResolver.SYSTEM, catalog);
    }

    private void image(String json) {
        remote.respond("/v2/images/" + ID, 200, "Content-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\n", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void describesTheRemoteImageWithTheConfiguredPropertiesOnly() throws Exception {
        image("""
                {"id": "%s", "status": "active", "size": 1000, "disk_format": "qcow2", "container_format": "bare",
                 "hw_disk_bus": "scsi", "hw_qemu_guest_agent": "yes", "os_distro": "cirros", "os_type": "linux",
                 "os_glance_import_task": "x", "owner": "p1", "min_ram": 0, "hw_numa_nodes": 2, "hw_rng_model": null,
                 "os_hidden": false, "os_hash_algo": "sha512", "os_hash_value": "00"}
                """.formatted(ID));

        RemoteImage image = sources.describeGlanceImage("the-token", "regiontwo", "public", ID);

        assertThat(image.diskFormat()).isEqualTo("qcow2");
        assertThat(image.containerFormat()).isEqualTo("bare");
        assertThat(image.size()).isEqualTo(1000);
        assertThat(image.dataUrl()).isEqualTo("http://127.0.0.1:" + remote.port() + "/v2/images/" + ID + "/file");
        assertThat(image.properties()).isEqualTo(Map.of("hw_disk_bus", "scsi", "hw_qemu_guest_agent", "yes",
                "os_distro", "cirros", "hw_numa_nodes", "2"));
        assertThat(remote.requests.getFirst()).startsWith("GET /v2/images/" + ID + " HTTP/1.1\r\n")
                .contains("X-Auth-Token: the-token\r\n");
    }

    @Test
    void readsTheDataWithTheCallersToken() throws Exception {
        image("{\"status\": \"active\", \"size\": 5, \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        remote.respond("/v2/images/" + ID + "/file", 200, "Content-Length: 5\r\n", "hello".getBytes(StandardCharsets.UTF_8));

        RemoteImage image = sources.describeGlanceImage("the-token", "RegionTwo", "public", ID);
        try (SourceData data = sources.openGlanceImage("the-token", image)) {
            assertThat(data.size()).hasValue(5);
            assertThat(data.stream().readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        }
        assertThat(remote.requests.get(1)).startsWith("GET /v2/images/" + ID + "/file HTTP/1.1\r\n")
                .contains("X-Auth-Token: the-token\r\n");
    }

    @Test
    void theTokenDoesNotFollowARedirectToAnotherServer() throws Exception {
        image("{\"status\": \"active\", \"size\": 5, \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        remote.redirect("/v2/images/" + ID + "/file", elsewhere.url("/data"));
        elsewhere.respond("/data", 200, "Content-Length: 5\r\n", "hello".getBytes(StandardCharsets.UTF_8));

        try (SourceData data = sources.openGlanceImage("the-token",
                sources.describeGlanceImage("the-token", "RegionTwo", "public", ID))) {
            assertThat(data.stream().readAllBytes()).hasSize(5);
        }
        assertThat(remote.requests.get(1)).contains("X-Auth-Token: the-token\r\n");
        assertThat(elsewhere.requests.getFirst()).doesNotContainIgnoringCase("x-auth-token");
    }

    @Test
    void dataOfAnotherSizeThanTheImagesFailsTheRead() throws Exception {
        image("{\"status\": \"active\", \"size\": 5, \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        remote.respond("/v2/images/" + ID + "/file", 200, "Content-Length: 8\r\n", "too long".getBytes(StandardCharsets.UTF_8));

        try (SourceData data = sources.openGlanceImage("t", sources.describeGlanceImage("t", "RegionTwo", "public", ID))) {
            assertThatThrownBy(() -> data.stream().readAllBytes())
                    .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
                    .hasMessageStartingWith("The downloaded data size ").hasMessageEndingWith(" is different from expected 5");
        }
        remote.respond("/v2/images/" + ID + "/file", 200, "", "abc".getBytes(StandardCharsets.UTF_8));
        try (SourceData data = sources.openGlanceImage("t", sources.describeGlanceImage("t", "RegionTwo", "public", ID))) {
            assertThatThrownBy(() -> data.stream().readAllBytes())
                    .hasMessage("The downloaded data size 3 is different from expected 5");
        }
    }

    @Test
    void anImageLargerThanTheCapIsRefusedBeforeItsDataIsAskedFor() throws Exception {
        image("{\"status\": \"active\", \"size\": " + (CAP + 1) + ", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        RemoteImage image = sources.describeGlanceImage("t", "RegionTwo", "public", ID);
        remote.respond("/v2/images/" + ID + "/file", 200, "", new byte[10]);

        assertThatThrownBy(() -> sources.openGlanceImage("t", image))
                .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessage("The provided image is too large.");
        assertThat(remote.requests).hasSize(1);
    }

    @Test
    void aContentLengthOverTheCapIsRefusedEvenIfTheImageSaysLess() throws Exception {
        image("{\"status\": \"active\", \"size\": 10, \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        RemoteImage image = sources.describeGlanceImage("t", "RegionTwo", "public", ID);
        remote.respond("/v2/images/" + ID + "/file", 200, "Content-Length: " + (CAP + 1) + "\r\n", new byte[10]);

        assertThatThrownBy(() -> sources.openGlanceImage("t", image))
                .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void onlyAnActiveImageWithASizeIsImported() {
        image("{\"status\": \"queued\", \"size\": null}");
        assertThatThrownBy(() -> sources.describeGlanceImage("t", "RegionTwo", "public", ID))
                .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
                .hasMessage("Source image status should be active instead of queued");
        image("{\"status\": \"active\", \"size\": null}");
        assertThatThrownBy(() -> sources.describeGlanceImage("t", "RegionTwo", "public", ID))
                .hasMessage("Size attribute of remote image " + ID + " could not be determined.");
        image("[1, 2]");
        assertThatThrownBy(() -> sources.describeGlanceImage("t", "RegionTwo", "public", ID))
                .hasMessage("The glance-download source sent no image document");
    }

    @Test
    void anUnknownRegionOrInterfaceIsUpstreamsEndpointNotFound() {
        assertThatThrownBy(() -> sources.describeGlanceImage("t", "RegionThree", "public", ID))
                .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessage("public glance endpoint not found for region RegionThree");
        assertThatThrownBy(() -> sources.describeGlanceImage("t", "RegionTwo", "internal", ID))
                .hasMessage("internal glance endpoint not found for region RegionTwo");
    }

    @Test
    void aRemoteIdThatIsNoUuidNeverReachesAUrl() {
        assertThatThrownBy(() -> sources.describeGlanceImage("t", "RegionTwo", "public", "../../v2/images"))
                .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
                .hasMessage("Remote image id does not look like a UUID: ../../v2/images");
        assertThat(remote.requests).isEmpty();
    }

    @Test
    void theEndpointPassesTheImportFilterAsUpstreamsDoes() {
        ImportSources filtered = sources(UrlFilterOptions.defaults(), List.of("hw_"));

        assertThatThrownBy(() -> filtered.describeGlanceImage("t", "RegionTwo", "public", ID))
                .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
                .hasMessage("Processed URI for glance-download does not pass filtering: http://127.0.0.1:" + remote.port()
                        + "/v2/images/" + ID);
        assertThat(remote.requests).isEmpty();
    }

    @Test
    void aMissingRemoteImageIsNotFound() {
        assertThatThrownBy(() -> sources.describeGlanceImage("t", "RegionTwo", "public", ID))
                .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessage("HTTP Error 404 from the glance-download source");
    }
}
