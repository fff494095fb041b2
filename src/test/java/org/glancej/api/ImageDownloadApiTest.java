package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Downloads from the file store, which the server writes to the socket itself on a connection in the clear: whole,
 * ranged, empty, concurrent, kept-alive and cut off by the client, over real connections.
 */
class ImageDownloadApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    /** Larger than what loopback socket buffers hold, so a download is still being sent when a client stops reading. */
    private static final int SIZE = 24 << 20;
    private static byte[] data;
    private static String id;

    @BeforeAll
    static void uploadImage() throws Exception {
        data = new byte[SIZE];
        new Random(8).nextBytes(data);
        id = imageWith(data);
    }

    @AfterAll
    static void dropData() {
        data = null;
        CLIENT.close();
    }

    @Test
    void wholeDownloadIsTheDataWithItsHeaders() throws Exception {
        HttpResponse<byte[]> whole = download("/v2/images/" + id + "/file", null);

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(Arrays.equals(whole.body(), data)).isTrue();
        assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        assertThat(whole.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(whole.headers().firstValue("Content-MD5")).contains(checksum(id));
        assertThat(whole.headers().firstValue("Content-Range")).isEmpty();
        assertThat(whole.headers().firstValue("Transfer-Encoding")).isEmpty();
    }

    @Test
    void rangesAreTheBytesAsked() throws Exception {
        assertRange("bytes=0-0", 0, 0);
        assertRange("bytes=0-1", 0, 1);
        assertRange("bytes=" + (SIZE - 1) + "-", SIZE - 1, SIZE - 1);
        assertRange("bytes=" + (SIZE - 1) + "-" + (SIZE + 1000), SIZE - 1, SIZE - 1);
        assertRange("bytes=1000-9999999", 1000, 9_999_999);
        assertRange("bytes=-4097", SIZE - 4097, SIZE - 1);
        assertRange("bytes=12345678-", 12_345_678, SIZE - 1);
        assertRange("bytes=-" + (SIZE + 5), 0, SIZE - 1);
    }

    @Test
    void anEmptyImageDownloadsEmpty() throws Exception {
        String empty = imageWith(new byte[0]);

        HttpResponse<byte[]> whole = download("/v2/images/" + empty + "/file", null);

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEmpty();
        assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(0);
        assertThat(download("/v2/images/" + empty + "/file", "bytes=0-0").statusCode()).isEqualTo(416);
    }

    @Test
    void concurrentDownloadsEachGetTheirBytes() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int start = i * 1_000_003;
                expected.add("200:" + sha256(data, 0, SIZE) + " 206:" + sha256(data, start, SIZE));
                results.add(clients.submit(() -> streamedSha256("/v2/images/" + id + "/file", null) + " "
                        + streamedSha256("/v2/images/" + id + "/file", "bytes=" + start + "-")));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(results.get(i).get()).isEqualTo(expected.get(i));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aKeptAliveConnectionServesRequestsAfterDownloads() throws Exception {
        try (RawHttp connection = new RawHttp(port())) {
            RawHttp.Response whole = connection.send(get("/v2/images/" + id + "/file")).response();
            RawHttp.Response shown = connection.send(get("/v2/images/" + id)).response();
            RawHttp.Response part = connection.send(get("/v2/images/" + id + "/file", "Range: bytes=7-1048582")).response();
            RawHttp.Response again = connection.send(get("/v2/images/" + id)).response();

            assertThat(whole.status()).isEqualTo(200);
            assertThat(Arrays.equals(whole.body(), data)).isTrue();
            assertThat(shown.status()).isEqualTo(200);
            assertThat(JSON.readTree(shown.body()).get("id").asText()).isEqualTo(id);
            assertThat(part.status()).isEqualTo(206);
            assertThat(part.header("Content-Range")).contains("bytes 7-1048582/" + SIZE);
            assertThat(Arrays.equals(part.body(), Arrays.copyOfRange(data, 7, 1_048_583))).isTrue();
            assertThat(again.status()).isEqualTo(200);
        }
    }

    @Test
    void clientsLeavingMidDownloadLeaveNoFileOrConnectionBehind() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            leaveMidDownload(); // the first time opens whatever the server keeps open for good
            assertThat(download("/v2/images/" + id + "/file", "bytes=0-99").statusCode()).isEqualTo(206);
            long sockets = openFiles("socket:");
            long connections = serverConnectionThreads();
            try (RawHttp open = new RawHttp(port())) {
                open.send(get("/v2/images/" + id)).response();
                assertThat(serverConnectionThreads()).isGreaterThan(connections); // the count sees connections
            }

            for (int i = 0; i < 10; i++) {
                leaveMidDownload();
            }

            String imageFile = server.directory().resolve("images").resolve(id).toRealPath().toString();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((openFiles(imageFile) > 0 || openFiles("socket:") > sockets
                    || serverConnectionThreads() > connections) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(openFiles(imageFile)).isZero();
            assertThat(openFiles("socket:")).isLessThanOrEqualTo(sockets);
            assertThat(serverConnectionThreads()).isLessThanOrEqualTo(connections);
            assertThat(logs.errorsOrStackTraces()).isEmpty();
        }
        assertThat(Arrays.equals(download("/v2/images/" + id + "/file", null).body(), data)).isTrue();
    }

    private static void assertRange(String range, long first, long last) throws Exception {
        HttpResponse<byte[]> part = download("/v2/images/" + id + "/file", range);
        assertThat(part.statusCode()).as(range).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).as(range).contains("bytes " + first + "-" + last + "/" + SIZE);
        assertThat(part.headers().firstValueAsLong("Content-Length")).as(range).hasValue(last - first + 1);
        assertThat(part.headers().firstValue("Content-MD5")).as(range).contains(checksum(id));
        assertThat(Arrays.equals(part.body(), Arrays.copyOfRange(data, (int) first, (int) last + 1))).as(range).isTrue();
    }

    /** Asks for the whole image, reads a megabyte of it, and drops the connection with a reset. */
    private static void leaveMidDownload() throws IOException {
        RawHttp connection = new RawHttp(port());
        connection.send(get("/v2/images/" + id + "/file"));
        connection.readSome(1 << 20);
        connection.reset();
    }

    private static String imageWith(byte[] bytes) throws Exception {
        HttpResponse<String> created = server.send(server.request("/v2/images").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"disk_format\": \"raw\", \"container_format\": \"bare\"}")));
        String image = JSON.readTree(created.body()).get("id").asText();
        HttpResponse<String> uploaded = server.send(server.request("/v2/images/" + image + "/file")
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofByteArray(bytes)));
        assertThat(uploaded.statusCode()).isEqualTo(204);
        return image;
    }

    private static String checksum(String image) throws Exception {
        return JSON.readTree(server.send(server.request("/v2/images/" + image)).body()).get("checksum").asText();
    }

    private static HttpResponse<byte[]> download(String path, String range) throws Exception {
        var request = server.request(path).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return server.sendForBytes(request);
    }

    /** The body's SHA-256, read as it arrives (eight concurrent downloads held whole would fill the test's heap). */
    private static String streamedSha256(String path, String range) throws Exception {
        var request = server.request(path).GET();
        if (range != null) {
            request.header("Range", range);
        }
        HttpResponse<InputStream> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = body.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return response.statusCode() + ":" + HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(byte[] bytes, int from, int to) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(bytes, from, to - from);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String get(String path, String... headers) {
        String[] lines = Stream.concat(Stream.of("Host: glance"), Stream.of(headers)).toArray(String[]::new);
        return RawHttp.head("GET " + path + " HTTP/1.1", lines);
    }

    private static int port() {
        return server.uri("/").getPort();
    }

    /** How many of this process's file descriptors lead to a path starting so (sockets read "socket:[inode]"). */
    private static long openFiles(String prefix) throws IOException {
        long count = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    count += Files.readSymbolicLink(fd).toString().startsWith(prefix) ? 1 : 0;
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return count;
    }

    /** The web server's connection threads (virtual, so counted from a thread dump, which lists those too). */
    private static long serverConnectionThreads() throws IOException {
        Path dump = Files.createTempFile("threads", ".json");
        Files.delete(dump);
        try {
            java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            try (InputStream in = Files.newInputStream(dump)) {
                return JSON.readTree(in).findValues("name").stream()
                        .filter(name -> name.asText().endsWith("WebServer socket")).count();
            }
        } finally {
            Files.deleteIfExists(dump);
        }
    }
}
