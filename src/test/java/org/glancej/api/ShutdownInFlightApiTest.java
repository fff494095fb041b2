package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.glancej.app.GlanceApplication;
import org.glancej.config.ConfigFile;
import org.glancej.http.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart behind a load balancer stops a node once it left the pool, while it may still be serving
 * what it accepted before: a download to a slow client must get the shutdown's grace period as an upload does,
 * not be cut off when the server stops.
 */
class ShutdownInFlightApiTest {
    private static final byte[] DATA = StageApiTest.randomBytes(16 << 20);

    private final HttpClient client = HttpClient.newHttpClient();
    private Path directory;
    private GlanceApplication app;

    @BeforeEach
    void start() throws Exception {
        directory = Files.createTempDirectory("glance-shutdown");
        app = GlanceApplication.start(ConfigFile.parse("""
                [DEFAULT]
                bind_host = 127.0.0.1
                bind_port = 0
                [database]
                connection = sqlite:///%1$s/glance.sqlite
                [glance_store]
                filesystem_store_datadir = %1$s/images
                [upload_recovery]
                shutdown_grace_period = 20
                """.formatted(directory)));
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aDownloadRunningWhenTheServiceIsToldToStopFinishesWithinTheGracePeriod() throws Exception {
        String id = uploadedImage();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 << 10);
            socket.connect(new InetSocketAddress("127.0.0.1", app.port()));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v2/images/" + id + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 << 10];
            // the first bytes arrive: the download is running; then the service is told to stop
            received.write(buffer, 0, in.read(buffer));
            GlanceApplication stopping = app;
            app = null;
            CompletableFuture<Void> closed = CompletableFuture.runAsync(stopping::close);
            long t0 = System.nanoTime();
            int n;
            // a slow client: about 8 MiB/s, so the rest takes about 2 s, longer than the web server's own wait
            while ((n = in.read(buffer)) > 0) {
                received.write(buffer, 0, n);
                Thread.sleep(8);
            }
            closed.get();

            byte[] answer = received.toByteArray();
            int headerEnd = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(answer, 0, headerEnd, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
            byte[] body = java.util.Arrays.copyOfRange(answer, headerEnd + 4, answer.length);
            assertThat(body.length).as("bytes downloaded in %d ms", (System.nanoTime() - t0) / 1_000_000)
                    .isEqualTo(DATA.length);
            assertThat(md5(body)).isEqualTo(md5(DATA));
        }
    }

    private String uploadedImage() throws Exception {
        var created = client.send(HttpRequest.newBuilder(uri("/v2/images"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"disk_format\": \"raw\", \"container_format\": \"bare\"}")).build(),
                BodyHandlers.ofString());
        String id = Json.MAPPER.readTree(created.body()).get("id").asText();
        var uploaded = client.send(HttpRequest.newBuilder(uri("/v2/images/" + id + "/file"))
                .header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.ofByteArray(DATA)).build(), BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(204);
        return id;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }
}
