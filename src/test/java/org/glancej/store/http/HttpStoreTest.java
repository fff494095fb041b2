package org.glancej.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.glancej.net.HostResolver;
import org.glancej.net.UrlFilterOptions;
import org.glancej.store.ImageStore;
import org.glancej.store.ImageStore.StoredData;
import org.glancej.store.ImageStoreContractTest;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http store against a real HTTP server on 127.0.0.1, which the store is configured to allow. */
class HttpStoreTest extends ImageStoreContractTest {
    private static final Duration TIMEOUT = Duration.ofMillis(700);

    private TestWebServer server;
    private ImageStore store;

    @BeforeEach
    void startServer() throws IOException {
        server = TestWebServer.start("127.0.0.1");
        store = store(allowing(server), HostResolver.SYSTEM);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    static UrlFilterOptions allowing(TestWebServer server) {
        return UrlFilterOptions.defaults().allowingHosts("127.0.0.1").allowingPorts(server.port());
    }

    static HttpStore store(UrlFilterOptions filter, HostResolver resolver) {
        HttpStoreConfig config = new HttpStoreConfig(false, Optional.empty(), TIMEOUT, TIMEOUT, filter);
        return new HttpStore(config, resolver);
    }

    @Override
    protected ImageStore store() {
        return store;
    }

    @Override
    protected boolean anythingStoredFor(String imageId) {
        return server.has("/images/" + imageId);
    }

    @Override
    protected StoredData seed(String imageId, byte[] data) {
        server.file("/images/" + imageId, data);
        return new StoredData(server.url("/images/" + imageId), data.length);
    }

    @Override
    protected String missingLocation() {
        return server.url("/images/" + UUID.randomUUID());
    }

    @Test
    void ownsHttpAndHttpsLocationsOnly() {
        assertThat(store.owns("http://images.example.com/a")).isTrue();
        assertThat(store.owns("HTTPS://images.example.com/a")).isTrue();
        assertThat(store.owns("rbd://fsid/images/id/snap")).isFalse();
        assertThat(store.owns("file:///var/lib/glance/images/x")).isFalse();
        assertThat(store.capabilities().writable()).isFalse();
        assertThat(store.capabilities().deletable()).isFalse();
    }

    @Test
    void withoutTheAllowanceLoopbackInEverySpellingIsRefusedAndNeverContacted() {
        server.file("/images/x", bytes(10));
        HttpStore guarded = store(UrlFilterOptions.defaults().allowingPorts(server.port()), HostResolver.SYSTEM);
        int port = server.port();
        for (String host : List.of("127.0.0.1", "127.0.0.1.", "127.1", "127.0.1", "2130706433", "0x7f000001", "0x7f.1",
                "0177.0.0.1", "017700000001", "%31%32%37.0.0.1", "１２７．０．０．１", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
                "[::127.0.0.1]", "[::1]", "localhost", "LOCALHOST.", "0.0.0.0", "0", "allowed.example.com@127.0.0.1")) {
            String url = "http://" + host + ":" + port + "/images/x";
            for (org.assertj.core.api.ThrowableAssert.ThrowingCallable call
                    : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(() -> guarded.get(url, 0).close(),
                            () -> guarded.size(url))) {
                assertThatThrownBy(call).as(url).isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_LOCATION));
            }
        }
        assertThat(server.requests).isEmpty();
    }

    @Test
    void fiveRedirectsAreFollowedAndASixthIsRefused() throws IOException {
        byte[] data = bytes(5000);
        server.file("/hop/0", data);
        for (int i = 1; i <= 6; i++) {
            server.redirect("/hop/" + i, i % 2 == 0 ? 302 : 301, i % 3 == 0 ? server.url("/hop/" + (i - 1)) : "/hop/" + (i - 1));
        }

        try (InputStream in = store.get(server.url("/hop/5"), 0)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(store.size(server.url("/hop/5"))).isEqualTo(data.length);
        server.requests.clear();

        assertThatThrownBy(() -> store.get(server.url("/hop/6"), 0)).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.BAD_LOCATION);
            assertThat(e.getMessage()).contains("redirects");
        });
        assertThat(server.requests).hasSize(6).noneMatch(r -> r.startsWith("GET /hop/0 "));
    }

    @Test
    void aRedirectToTheMetadataServiceOrAPrivateAddressIsRefusedBeforeConnecting() throws IOException {
        try (TestWebServer internal = TestWebServer.start("127.0.0.2")) {
            internal.file("/secret", bytes(10));
            int p = internal.port();
            List<String> targets = List.of("http://169.254.169.254/latest/meta-data/", "http://[::ffff:a9fe:a9fe]/",
                    "http://2852039166/latest/meta-data/", "http://10.0.0.1/", "http://192.168.0.1/", "http://172.16.0.1/",
                    "http://[fd00::1]/", "http://127.0.0.2:" + p + "/secret", "http://2130706434:" + p + "/secret",
                    "http://[::ffff:127.0.0.2]:" + p + "/secret", "http://127.2:" + p + "/secret",
                    "//127.0.0.2:" + p + "/secret", "file:///etc/passwd");
            for (int i = 0; i < targets.size(); i++) {
                server.redirect("/to/" + i, 302, targets.get(i));
                String url = server.url("/to/" + i);
                long started = System.nanoTime();
                assertThatThrownBy(() -> store.get(url, 0)).as(targets.get(i)).isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BAD_LOCATION);
                    assertThat(e.getMessage()).contains("redirects to a location that is refused");
                });
                assertThatThrownBy(() -> store.size(url)).isInstanceOf(StoreException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
            }
            assertThat(internal.requests).isEmpty();
        }
    }

    @Test
    void aRedirectNamesTheKindOfAddressItWasRefusedFor() {
        server.redirect("/meta", 302, "http://169.254.169.254/latest/meta-data/");
        server.redirect("/private", 307, "http://10.1.2.3/image");

        assertThatThrownBy(() -> store.get(server.url("/meta"), 0)).hasMessageContaining("link-local");
        assertThatThrownBy(() -> store.get(server.url("/private"), 0)).hasMessageContaining("private");
    }

    @Test
    void aServerThatStallsIsUnavailableAfterTheReadTimeout() {
        server.stall("/slow", 10_000);
        long started = System.nanoTime();

        assertThatThrownBy(() -> store.get(server.url("/slow"), 0)).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(e.getMessage()).contains("did not answer in time");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(4));
        assertThatThrownBy(() -> store.size(server.url("/slow"))).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
    }

    @Test
    void aBodyThatStallsMidwayFailsTheReadAfterTheTimeout() throws Exception {
        try (RawServer raw = new RawServer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789", 10_000)) {
            HttpStore rawStore = store(UrlFilterOptions.defaults().allowingHosts("127.0.0.1").allowingPorts(raw.port()),
                    HostResolver.SYSTEM);
            try (InputStream in = rawStore.get("http://127.0.0.1:" + raw.port() + "/img", 0)) {
                assertThat(in.readNBytes(10)).isEqualTo("0123456789".getBytes());
                assertThatThrownBy(in::read).isInstanceOf(java.net.SocketTimeoutException.class);
            }
        }
    }

    @Test
    void aBodyCutShortFailsTheReadInsteadOfLookingComplete() throws Exception {
        for (String answer : List.of("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\n0123456789\r\n")) {
            try (RawServer raw = new RawServer(answer, 0)) {
                HttpStore rawStore = store(UrlFilterOptions.defaults().allowingHosts("127.0.0.1").allowingPorts(raw.port()),
                        HostResolver.SYSTEM);
                try (InputStream in = rawStore.get("http://127.0.0.1:" + raw.port() + "/img", 0)) {
                    assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
                }
            }
        }
    }

    @Test
    void serverErrorsRefusedConnectionsAndForbiddenAnswersAreTyped() throws IOException {
        server.status("/broken", 500);
        server.status("/busy", 503);
        server.status("/forbidden", 403);
        server.status("/gone", 410);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        HttpStore toClosed = store(UrlFilterOptions.defaults().allowingHosts("127.0.0.1").allowingPorts(closedPort),
                HostResolver.SYSTEM);

        assertReason(() -> store.get(server.url("/broken"), 0), Reason.UNAVAILABLE);
        assertReason(() -> store.size(server.url("/busy")), Reason.UNAVAILABLE);
        assertReason(() -> store.get(server.url("/forbidden"), 0), Reason.BAD_LOCATION);
        assertReason(() -> store.get(server.url("/gone"), 0), Reason.NOT_FOUND);
        assertReason(() -> toClosed.get("http://127.0.0.1:" + closedPort + "/img", 0), Reason.UNAVAILABLE);
    }

    @Test
    void aServerIgnoringRangesIsReadFromTheOffsetClientSide() throws IOException {
        byte[] data = bytes(100_000);
        server.fileIgnoringRanges("/plain", data);

        try (InputStream in = store.get(server.url("/plain"), 1234, 100)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 1234, 1334));
        }
        try (InputStream in = store.get(server.url("/plain"), 99_000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 99_000, 100_000));
        }
        assertThat(server.requests).allMatch(r -> r.startsWith("GET /plain "));
    }

    @Test
    void rangesArePassedToTheServer() throws IOException {
        byte[] data = bytes(10_000);
        server.file("/ranged", data);

        try (InputStream in = store.get(server.url("/ranged"), 500, 20)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 500, 520));
        }
        try (InputStream in = store.get(server.url("/ranged"), 10_000)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
        assertThat(server.requests).containsExactly("GET /ranged 127.0.0.1:" + server.port(),
                "GET /ranged 127.0.0.1:" + server.port());
        assertThat(server.ranges).containsExactly("bytes=500-519", "bytes=10000-");
    }

    @Test
    void theSizeComesFromHeadOrElseFromTheTotalOfAOneByteRange() {
        server.file("/with-head", bytes(4321));
        server.fileWithoutHead("/without-head", bytes(1234));

        assertThat(store.size(server.url("/with-head"))).isEqualTo(4321);
        assertThat(store.size(server.url("/without-head"))).isEqualTo(1234);
        assertThat(server.requests).extracting(r -> r.substring(0, r.lastIndexOf(' ')))
                .containsExactly("HEAD /with-head", "HEAD /without-head", "GET /without-head");
    }

    @Test
    void chunkedBodiesAndUrlsWithFragmentsRead() throws IOException {
        byte[] data = bytes(123_457);
        server.chunkedFile("/chunked", data);

        try (InputStream in = store.get(server.url("/chunked#new"), 0)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        try (InputStream in = store.get(server.url("/chunked"), 100_000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 100_000, data.length));
        }
        // no Content-Length in HEAD's answer: the size comes from a one-byte range, or is refused if unknown
        assertThatThrownBy(() -> store.size(server.url("/chunked"))).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.BAD_LOCATION));
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutBeingRepeated() {
        server.file("/images/x", bytes(10));
        String url = "http://admin:s3cr3t@127.0.0.1:" + server.port() + "/images/x";

        assertThatThrownBy(() -> store.get(url, 0)).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.BAD_LOCATION);
            assertThat(e.getMessage()).contains("user information").doesNotContain("s3cr3t").doesNotContain("admin");
        });
        assertThat(server.requests).isEmpty();
    }

    @Test
    void aNameIsResolvedOnceAndTheCheckedAddressIsTheOneConnected() throws IOException {
        byte[] data = bytes(1000);
        server.file("/images/x", data);
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = name -> {
            if (!name.equals("images.test")) {
                throw new UnknownHostException(name);
            }
            // first answer checked and used; any later lookup would point at the metadata service
            return List.of(InetAddress.ofLiteral(lookups.getAndIncrement() == 0 ? "127.0.0.1" : "169.254.169.254"));
        };
        HttpStore named = store(UrlFilterOptions.defaults().allowingHosts("images.test").allowingPorts(server.port()), rebinding);

        try (InputStream in = named.get("http://images.test:" + server.port() + "/images/x", 0)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(lookups).hasValue(1);
        assertThat(server.requests).containsExactly("GET /images/x images.test:" + server.port());
    }

    @Test
    void unresolvableHostsAreUnavailableNotRefused() {
        HttpStore named = store(UrlFilterOptions.defaults(), name -> {
            throw new UnknownHostException(name);
        });
        assertReason(() -> named.get("http://images.example.com/x", 0), Reason.UNAVAILABLE);
    }

    private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** Answers one canned response to each connection, then holds it open for a while or closes it. */
    private static final class RawServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread acceptor;

        RawServer(String answer, long holdMillis) throws IOException {
            socket = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
            acceptor = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (var connection = socket.accept()) {
                        var in = connection.getInputStream();
                        byte[] buffer = new byte[8192];
                        in.read(buffer); // the request head fits
                        connection.getOutputStream().write(answer.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                        connection.getOutputStream().flush();
                        Thread.sleep(holdMillis);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            acceptor.interrupt();
        }
    }
}
