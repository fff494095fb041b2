package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Random;
import org.glancej.store.http.TestWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Images whose data sits at an http location, added by PATCH or written to the database as an upstream node
 * would, through the http store of the default {@code stores = file,http}: only hosts the operator allows are
 * stored or read.
 */
class HttpLocationsApiTest {
    private static TestWebServer web;
    private static ApiServerExtension server;
    private static ApiCalls api;

    @BeforeAll
    static void start() throws Exception {
        web = TestWebServer.start("127.0.0.1");
        server = new ApiServerExtension("""
                [DEFAULT]
                show_multiple_locations = true
                [import_filtering_opts]
                allowed_hosts = 127.0.0.1
                allowed_ports = %d
                """.formatted(web.port()));
        server.start();
        api = new ApiCalls(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        web.close();
    }

    /** An active image of these bytes whose one location is then pointed at {@code url}. */
    private static String imageAt(String url, byte[] data) throws Exception {
        String id = api.create(null, "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        HttpResponse<String> upload = server.send(server.request("/v2/images/" + id + "/file")
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofByteArray(data)));
        assertThat(upload.statusCode()).isEqualTo(204);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.directory().resolve("glance.sqlite"));
                PreparedStatement ps = c.prepareStatement("UPDATE image_locations SET value = ? WHERE image_id = ?")) {
            ps.setString(1, url);
            ps.setString(2, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        return id;
    }

    @Test
    void dataAtAnAllowedHttpLocationDownloadsWholeAndRanged() throws Exception {
        byte[] data = new byte[200_000];
        new Random(7).nextBytes(data);
        web.file("/cirros.img", data);
        String id = imageAt(web.url("/cirros.img"), data);
        web.requests.clear();

        HttpResponse<byte[]> whole = server.sendForBytes(server.request("/v2/images/" + id + "/file").GET());
        HttpResponse<byte[]> ranged = server.sendForBytes(
                server.request("/v2/images/" + id + "/file").header("Range", "bytes=1000-1999").GET());

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(data);
        assertThat(ranged.statusCode()).isEqualTo(206);
        assertThat(ranged.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 1000, 2000));
        assertThat(web.requests).hasSize(2).allMatch(r -> r.startsWith("GET /cirros.img "));
    }

    private static HttpResponse<String> addLocation(String id, String url) throws Exception {
        return server.send(server.request("/v2/images/" + id)
                .header("Content-Type", "application/openstack-images-v2.1-json-patch")
                .method("PATCH", BodyPublishers.ofString("[{\"op\": \"add\", \"path\": \"/locations/-\", \"value\":"
                        + " {\"url\": \"" + url + "\", \"metadata\": {}}}]")));
    }

    @Test
    void anAllowedHttpLocationAddedToAQueuedImageMakesItActiveWithTheServersSize() throws Exception {
        byte[] data = new byte[54_321];
        new Random(11).nextBytes(data);
        web.file("/added.img", data);
        String id = api.create(null, "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");

        HttpResponse<String> added = addLocation(id, web.url("/added.img") + "#new");

        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        var image = api.show(null, id);
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("size").asLong()).isEqualTo(data.length);
        assertThat(image.get("locations").get(0).get("url").asText()).isEqualTo(web.url("/added.img") + "#new");
        assertThat(server.sendForBytes(server.request("/v2/images/" + id + "/file").GET()).body()).isEqualTo(data);
    }

    @Test
    void internalOrMalformedHttpLocationsAreRefusedWhenAddedAndNeverFetched() throws Exception {
        web.requests.clear();
        String id = api.create(null, "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        try (LogCapture logs = new LogCapture()) {
            for (String url : new String[] {"http://127.0.0.2:" + web.port() + "/x", "http://127.1:" + web.port() + "/x",
                    "http://0x7f000001:" + web.port() + "/x", "http://[::ffff:127.0.0.1]:" + web.port() + "/x",
                    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/x", "http://[fe80::1]/x",
                    "http://images.example.com@127.0.0.1:" + web.port() + "/x", "http://127.0.0.1:1/x"}) {
                HttpResponse<String> refused = addLocation(id, url);

                assertThat(refused.statusCode()).as(url).isEqualTo(400);
                assertThat(ApiCalls.message(refused)).as(url).startsWith("Invalid location: The HTTP URL is refused");
            }
            assertThat(logs.errorsOrStackTraces()).isEmpty();
        }
        var image = api.show(null, id);
        assertThat(image.get("status").asText()).isEqualTo("queued");
        assertThat(image.get("locations")).isEmpty();
        assertThat(web.requests).isEmpty();
    }

    @Test
    void aLocationOnAnInternalHostIsRefusedCleanlyAndNeverFetched() throws Exception {
        byte[] data = new byte[100];
        String[] refused = {"http://127.0.0.2:" + web.port() + "/x", "http://2130706433:" + web.port() + "/x",
                "http://169.254.169.254/latest/meta-data/", "http://user:pass@127.0.0.1:" + web.port() + "/x"};
        web.requests.clear();
        try (LogCapture logs = new LogCapture()) {
            for (String url : refused) {
                String id = imageAt(url, data);

                HttpResponse<String> download = server.send(server.request("/v2/images/" + id + "/file").GET());

                assertThat(download.statusCode()).as(url).isEqualTo(409);
                assertThat(ApiCalls.message(download)).as(url).contains("The HTTP URL is refused").doesNotContain("pass");
            }
            assertThat(logs.errorsOrStackTraces()).isEmpty();
        }
        assertThat(web.requests).isEmpty();
    }
}
