package org.glancej.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.glancej.config.ConfigFile;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.glancej.store.StoreSection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An S3 server that fails in the middle of things, played by a real socket on loopback. */
class S3StoreFaultTest {
    private static final String SECRET = "fault-secret-never-shown";

    private ServerSocket socket;
    private ExecutorService server;

    @BeforeEach
    void listen() throws IOException {
        socket = new ServerSocket(0);
        server = Executors.newVirtualThreadPerTaskExecutor();
    }

    @AfterEach
    void stop() throws IOException {
        socket.close();
        server.shutdownNow();
    }

    private S3Store store() {
        String conf = "[glance_store]\ns3_store_host = http://127.0.0.1:" + socket.getLocalPort()
                + "\ns3_store_access_key = AK\ns3_store_secret_key = " + SECRET + "\ns3_store_bucket = images\n";
        S3StoreConfig config = S3StoreConfig.from(new StoreSection(ConfigFile.parse(conf), "glance_store", "s3", null))
                .with(1 << 20, 5 << 20, Duration.ofSeconds(1), Duration.ofSeconds(2));
        return S3StoreFactory.create(config);
    }

    /** Answers each connection's requests with {@code answer}, which may leave the connection early. */
    private void serve(ConnectionHandler answer) {
        server.submit(() -> {
            while (!socket.isClosed()) {
                Socket connection = socket.accept();
                server.submit(() -> {
                    try (connection) {
                        answer.handle(connection.getInputStream(), connection.getOutputStream());
                    }
                    return null;
                });
            }
            return null;
        });
    }

    interface ConnectionHandler {
        void handle(InputStream in, OutputStream out) throws IOException;
    }

    private static String requestHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void aServerDyingMidUploadIsUnavailableAndTheCallerHearsItFast() {
        serve((in, out) -> {
            String head = requestHead(in);
            if (head.startsWith("HEAD /images ")) {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                requestHead(in); // the object's HEAD follows on the same connection
                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                requestHead(in);
            }
            in.readNBytes(100_000); // part of the PUT's body, then the server goes away
        });
        long start = System.nanoTime();
        try (S3Store store = store()) {
            assertThatThrownBy(() -> store.add("img", new ByteArrayInputStream(new byte[3 << 20]), OptionalLong.of(3 << 20)))
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("S3 store").doesNotContain(SECRET);
                    });
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void aServerTakingTheWholeUploadButNeverAnsweringTimesOut() {
        serve((in, out) -> {
            String head = requestHead(in);
            if (head.startsWith("HEAD /images ")) {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                requestHead(in);
                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                requestHead(in);
            }
            in.readNBytes(1000);
            in.read(); // and no answer, until the client gives up
        });
        long start = System.nanoTime();
        try (S3Store store = store()) {
            assertThatThrownBy(() -> store.add("img", new ByteArrayInputStream(new byte[1000]), OptionalLong.of(1000)))
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("did not answer in time");
                    });
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(8));
    }

    @Test
    void aDownloadWhoseServerFallsSilentFailsAfterTheReadTimeout() throws IOException {
        serve((in, out) -> {
            requestHead(in);
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in.read(); // then nothing more, until the client gives up
        });
        try (S3Store store = store(); InputStream in = store.get(store.uploadLocation("img").orElseThrow(), 0)) {
            byte[] first = in.readNBytes(10);
            assertThat(new String(first, StandardCharsets.US_ASCII)).isEqualTo("0123456789");
            long start = System.nanoTime();
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("sent nothing for 2 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        }
    }

    @Test
    void aServerErrorIsUnavailableWithItsCodeButNotItsMessage() {
        serve((in, out) -> {
            requestHead(in);
            String body = "<Error><Code>InternalError</Code><Message>key " + SECRET + "</Message></Error>";
            out.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });
        try (S3Store store = store()) {
            assertThatThrownBy(() -> store.size(store.uploadLocation("img").orElseThrow()))
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("HTTP 500").doesNotContain(SECRET);
                    });
        }
    }

    @Test
    void quotaExceededIsStorageFull() {
        serve((in, out) -> {
            requestHead(in);
            String body = "<?xml version=\"1.0\"?><Error><Code>QuotaExceeded</Code><Message></Message></Error>";
            out.write(("HTTP/1.1 403 Forbidden\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });
        try (S3Store store = store()) {
            assertThatThrownBy(() -> store.get(store.uploadLocation("img").orElseThrow(), 0))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STORAGE_FULL));
        }
    }
}
