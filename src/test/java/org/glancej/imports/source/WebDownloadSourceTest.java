package org.glancej.imports.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.glancej.imports.source.ImportSourceException.Reason;
import org.glancej.net.HostResolver;
import org.glancej.net.UrlFilterOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** web-download against a real local server that misbehaves on purpose. */
class WebDownloadSourceTest {
    private static final long CAP = 1 << 20;

    private ScriptedHttpServer server;
    private ImportSources sources;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedHttpServer();
        sources = sources(HostResolver.SYSTEM);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private ImportSources sources(HostResolver resolver) {
        UrlFilterOptions filter = UrlFilterOptions.defaults().allowingHosts("127.0.0.1", "images.example")
                .allowingPorts(server.port());
        return new ImportSources(new ImportSourceConfig(filter, CAP, ImportSourceConfig.EXTRA_PROPERTIES,
                Duration.ofSeconds(2), Duration.ofSeconds(1)), resolver, GlanceEndpoints.NONE);
    }

    @Test
    void readsTheBodyAndTellsItsLength() throws Exception {
        byte[] data = random(300_000);
        server.respond("/image.qcow2", 200, "Content-Length: " + data.length + "\r\n", data);

        try (SourceData source = sources.openWebDownload(server.url("/image.qcow2"))) {
            assertThat(source.size()).hasValue(data.length);
            assertThat(source.stream().readAllBytes()).isEqualTo(data);
            assertThat(source.bytesRead()).isEqualTo(data.length);
        }
        assertThat(server.requests.getFirst()).startsWith("GET /image.qcow2 HTTP/1.1\r\n")
                .contains("Host: 127.0.0.1:" + server.port() + "\r\n");
    }

    @Test
    void readsAChunkedBodyOfUnknownLength() throws Exception {
        byte[] data = random(100_000);
        server.on("/chunked", out -> {
            head(out, "Transfer-Encoding: chunked\r\n");
            for (int at = 0; at < data.length; at += 7000) {
                int n = Math.min(7000, data.length - at);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(data, at, n);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        });

        try (SourceData source = sources.openWebDownload(server.url("/chunked"))) {
            assertThat(source.size()).isEmpty();
            assertThat(source.stream().readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void aBodyThatEndsBeforeItsContentLengthFailsTheRead() throws Exception {
        server.on("/short", out -> {
            head(out, "Content-Length: 5000\r\n");
            out.write(new byte[1200]);
        });

        try (SourceData source = sources.openWebDownload(server.url("/short"))) {
            assertThatThrownBy(() -> source.stream().readAllBytes())
                    .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                    .hasMessageStartingWith("The web-download source closed the connection before the end of the data, "
                            + "after 1200 bytes");
        }
    }

    @Test
    void aContentLengthOverTheCapIsRefusedBeforeAnyDataIsRead() throws Exception {
        server.on("/huge", out -> {
            head(out, "Content-Length: " + (CAP + 1) + "\r\n");
            out.write(new byte[1000]);
        });

        assertThatThrownBy(() -> sources.openWebDownload(server.url("/huge")))
                .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessage("The provided image is too large.");
    }

    @Test
    void aSmallContentLengthLetsNoMoreDataIn() throws Exception {
        server.on("/lies", out -> {
            head(out, "Content-Length: 100\r\n");
            out.write(new byte[(int) CAP * 2]);
        });

        try (SourceData source = sources.openWebDownload(server.url("/lies"))) {
            assertThat(source.stream().readAllBytes()).hasSize(100);
        }
    }

    @Test
    void aBodyWithoutLengthFailsOnceItPassesTheCap() throws Exception {
        server.on("/endless", out -> {
            head(out, "");
            byte[] block = new byte[64 * 1024];
            for (int i = 0; i < 64; i++) {
                out.write(block); // 4 MiB, four times the cap, then the close that would end the body
            }
        });

        try (SourceData source = sources.openWebDownload(server.url("/endless"))) {
            assertThatThrownBy(() -> source.stream().transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                    .hasMessage("The provided image is too large.");
            assertThat(source.bytesRead()).isGreaterThan(CAP).isLessThan(CAP + 64 * 1024 + 1);
        }
    }

    @Test
    void dataOfExactlyTheCapPasses() throws Exception {
        server.on("/cap", out -> {
            head(out, "");
            out.write(new byte[(int) CAP]);
        });

        try (SourceData source = sources.openWebDownload(server.url("/cap"))) {
            assertThat(source.stream().transferTo(OutputStream.nullOutputStream())).isEqualTo(CAP);
        }
    }

    @Test
    void aStallMidBodyEndsTheReadWithAnErrorSayingSo() throws Exception {
        server.on("/stall", out -> {
            head(out, "Content-Length: 5000\r\n");
            out.write(new byte[1000]);
            out.flush();
            Thread.sleep(10_000);
        });

        try (SourceData source = sources.openWebDownload(server.url("/stall"))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> source.stream().readAllBytes())
                    .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                    .hasMessage("The web-download source sent no data for 1 seconds after 1000 bytes");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aServerThatNeverAnswersFailsTheOpen() {
        server.on("/silent", out -> Thread.sleep(10_000));

        assertThatThrownBy(() -> sources.openWebDownload(server.url("/silent")))
                .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                .hasMessage("The web-download source at 127.0.0.1:" + server.port()
                        + " did not answer within 1 seconds");
    }

    @Test
    void aRedirectLoopEndsAfterTenHops() {
        server.redirect("/a", "/b");
        server.redirect("/b", server.url("/a"));

        assertThatThrownBy(() -> sources.openWebDownload(server.url("/a")))
                .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
                .hasMessage("The web-download source exceeded 10 maximum redirects");
        assertThat(server.requests).hasSize(11);
    }

    @Test
    void aRedirectToAnAllowedPlaceIsFollowed() throws Exception {
        byte[] data = random(1000);
        server.redirect("/old", "/new?x=1");
        server.respond("/new", 200, "Content-Length: 1000\r\n", data);
        // the scripted server matches the path with its query
        server.respond("/new?x=1", 200, "Content-Length: 1000\r\n", data);

        try (SourceData source = sources.openWebDownload(server.url("/old"))) {
            assertThat(source.stream().readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void redirectsToInternalOrOtherwiseRefusedPlacesAreNotFollowed() {
        List<String> targets = List.of("http://169.254.169.254/latest/meta-data/", "http://127.1:" + server.port() + "/x",
                "http://2130706433:" + server.port() + "/x", "http://[::1]:" + server.port() + "/x",
                "http://[::ffff:127.0.0.1]:" + server.port() + "/x", "http://localhost:" + server.port() + "/x",
                "http://10.0.0.1/", "http://0.0.0.0:" + server.port() + "/", "file:///etc/passwd",
                "gopher://127.0.0.1:" + server.port() + "/", "http://127.0.0.1:22/");
        for (int i = 0; i < targets.size(); i++) {
            server.redirect("/r" + i, targets.get(i));
            String url = server.url("/r" + i);
            assertThatThrownBy(() -> sources.openWebDownload(url))
                    .as(targets.get(i))
                    .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
                    .hasMessageStartingWith("Redirect to disallowed URL: ");
        }
        assertThat(server.requests).hasSize(targets.size()); // none of the targets was asked
    }

    @Test
    void errorAnswersFailTheOpen() {
        server.respond("/gone", 404, "Content-Length: 0\r\n", new byte[0]);
        server.respond("/broken", 503, "Content-Length: 0\r\n", new byte[0]);

        assertThatThrownBy(() -> sources.openWebDownload(server.url("/gone")))
                .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessage("HTTP Error 404 from the web-download source");
        assertThatThrownBy(() -> sources.openWebDownload(server.url("/broken")))
                .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                .hasMessage("HTTP Error 503 from the web-download source");
    }

    @Test
    void aPortNobodyListensOnFailsTheOpen() throws Exception {
        // bound but not listening: the port stays ours, and connections to it are refused
        try (java.net.Socket holder = new java.net.Socket()) {
            holder.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = holder.getLocalPort();
            ImportSources toThatPort = new ImportSources(new ImportSourceConfig(UrlFilterOptions.defaults()
                    .allowingHosts("127.0.0.1").allowingPorts(port), CAP, List.of(), Duration.ofSeconds(2),
                    Duration.ofSeconds(1)), HostResolver.SYSTEM, GlanceEndpoints.NONE);

            assertThatThrownBy(() -> toThatPort.openWebDownload("http://127.0.0.1:" + port + "/x"))
                    .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                    .hasMessage("The web-download source at 127.0.0.1:" + port
                            + " could not be reached: the connection was refused");
        }
    }

    @Test
    void theNameIsResolvedOnceAndTheConnectionGoesToTheAddressChecked() throws Exception {
        byte[] data = random(1000);
        server.respond("/pinned", 200, "Content-Length: 1000\r\n", data);
        AtomicInteger lookups = new AtomicInteger();
        // a rebinding name: the first answer is the one checked; any later one would lead elsewhere
        HostResolver rebinding = name -> lookups.incrementAndGet() == 1
                ? List.of(InetAddress.getByName("127.0.0.1"))
                : List.of(InetAddress.getByName("203.0.113.9"));

        try (SourceData source = sources(rebinding).openWebDownload("http://images.example:" + server.port() + "/pinned")) {
            assertThat(source.stream().readAllBytes()).isEqualTo(data);
        }
        assertThat(lookups).hasValue(1);
        assertThat(server.requests.getFirst()).contains("Host: images.example:" + server.port() + "\r\n");
    }

    private static void head(OutputStream out, String fields) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\n" + fields + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }
}
