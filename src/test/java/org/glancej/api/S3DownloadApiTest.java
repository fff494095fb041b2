package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Downloads from the S3 store (the radosgw of scripts/ceph.sh), whose object bodies the server reads from the
 * store's socket and writes to the client's: whole, ranged, on a kept-alive connection, and cut off by clients,
 * after which no connection to the store is left open.
 */
class S3DownloadApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Larger than loopback socket buffers hold, so a download is still running when a client stops reading. */
    private static final int SIZE = 24 << 20;
    private static ApiServerExtension server;
    private static byte[] data;
    private static String id;

    @BeforeAll
    static void start() throws Exception {
        String endpoint = System.getenv("GLANCE_S3_ENDPOINT");
        if (endpoint == null || endpoint.isBlank()) {
            String message = "radosgw is not configured: run scripts/ceph.sh start and export what it prints";
            if ("1".equals(System.getenv("GLANCE_TEST_REQUIRE_CEPH"))) {
                Assertions.fail(message + " (GLANCE_TEST_REQUIRE_CEPH is set)");
            }
            Assumptions.abort(message);
        }
        server = new ApiServerExtension("""
                [glance_store]
                stores = s3
                default_store = s3
                s3_store_host = %s
                s3_store_access_key = %s
                s3_store_secret_key = %s
                s3_store_bucket = %s
                s3_store_create_bucket_on_put = true
                """.formatted(endpoint, System.getenv("GLANCE_S3_ACCESS_KEY"), System.getenv("GLANCE_S3_SECRET_KEY"),
                System.getenv("GLANCE_S3_BUCKET")));
        server.start();
        data = new byte[SIZE];
        new Random(11).nextBytes(data);
        HttpResponse<String> created = server.send(server.request("/v2/images").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"disk_format\": \"raw\", \"container_format\": \"bare\"}")));
        id = JSON.readTree(created.body()).get("id").asText();
        HttpResponse<String> uploaded = server.send(server.request("/v2/images/" + id + "/file")
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofByteArray(data)));
        assertThat(uploaded.statusCode()).isEqualTo(204);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            if (id != null) {
                server.send(server.request("/v2/images/" + id).DELETE()); // removes the object from the bucket
            }
            server.stop();
        }
        data = null;
    }

    @Test
    void wholeAndRangedDownloadsAreTheBytes() throws Exception {
        HttpResponse<byte[]> whole = server.sendForBytes(server.request("/v2/images/" + id + "/file").GET());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        assertThat(Arrays.equals(whole.body(), data)).isTrue();

        for (long[] range : new long[][] {{0, 0}, {0, 1}, {SIZE - 1, SIZE - 1}, {1000, 9_999_999}, {12_345_678, SIZE - 1}}) {
            HttpResponse<byte[]> part = server.sendForBytes(server.request("/v2/images/" + id + "/file")
                    .header("Range", "bytes=" + range[0] + "-" + range[1]).GET());
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(Arrays.equals(part.body(), Arrays.copyOfRange(data, (int) range[0], (int) range[1] + 1)))
                    .as("bytes %d-%d", range[0], range[1]).isTrue();
        }
    }

    @Test
    void aKeptAliveConnectionServesRequestsAfterDownloads() throws Exception {
        try (RawHttp connection = new RawHttp(port())) {
            RawHttp.Response whole = connection.send(get("/v2/images/" + id + "/file")).response();
            RawHttp.Response part = connection.send(get("/v2/images/" + id + "/file", "Range: bytes=7-1048582")).response();
            RawHttp.Response shown = connection.send(get("/v2/images/" + id)).response();

            assertThat(whole.status()).isEqualTo(200);
            assertThat(Arrays.equals(whole.body(), data)).isTrue();
            assertThat(part.status()).isEqualTo(206);
            assertThat(Arrays.equals(part.body(), Arrays.copyOfRange(data, 7, 1_048_583))).isTrue();
            assertThat(JSON.readTree(shown.body()).get("id").asText()).isEqualTo(id);
        }
    }

    @Test
    void clientsLeavingMidDownloadLeaveNoStoreConnectionBehind() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            leaveMidDownload(); // the first time opens whatever the server keeps open for good
            Thread.sleep(500);
            long sockets = openSockets();

            for (int i = 0; i < 5; i++) {
                leaveMidDownload();
            }

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (openSockets() > sockets && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(openSockets()).isLessThanOrEqualTo(sockets);
            assertThat(logs.errorsOrStackTraces()).isEmpty();
        }
        HttpResponse<byte[]> after = server.sendForBytes(server.request("/v2/images/" + id + "/file").GET());
        assertThat(Arrays.equals(after.body(), data)).isTrue();
    }

    /** Asks for the whole image, reads a megabyte of it, and drops the connection with a reset. */
    private static void leaveMidDownload() throws IOException {
        RawHttp connection = new RawHttp(port());
        connection.send(get("/v2/images/" + id + "/file"));
        connection.readSome(1 << 20);
        connection.reset();
    }

    private static String get(String path, String... headers) {
        String[] lines = Stream.concat(Stream.of("Host: glance"), Stream.of(headers)).toArray(String[]::new);
        return RawHttp.head("GET " + path + " HTTP/1.1", lines);
    }

    private static int port() {
        return server.uri("/").getPort();
    }

    private static long openSockets() throws IOException {
        long count = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    count += Files.readSymbolicLink(fd).toString().startsWith("socket:") ? 1 : 0;
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return count;
    }
}
