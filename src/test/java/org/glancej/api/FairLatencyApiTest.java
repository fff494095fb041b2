package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Under a saturating load every connection gets its turn ({@code [api_server] max_active_requests}), over real
 * sockets. Without the handling threads, connections whose next request was already waiting were served over and
 * over: in this test some were served a few times while others were served hundreds of times.
 */
class FairLatencyApiTest {
    private static final int CLIENTS = 48;
    private static final long RUN_MILLIS = 3_000;

    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension("""
            [api_server]
            max_active_requests = 1
            """);

    @Test
    void everyConnectionIsServedAboutEquallyOftenUnderSaturation() throws Exception {
        String path = "/v2/images/" + server.createRawImage();
        int port = server.uri("/").getPort();
        int[] served = new int[CLIENTS];
        AtomicLong slowest = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            clients.add(Thread.ofPlatform().start(() -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(30_000);
                    start.await();
                    long end = System.nanoTime() + RUN_MILLIS * 1_000_000;
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        show(socket, path);
                        slowest.accumulateAndGet(System.nanoTime() - sent, Math::max);
                        served[client]++;
                    }
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        start.countDown();
        for (Thread client : clients) {
            client.join();
        }

        int[] sorted = served.clone();
        Arrays.sort(sorted);
        int median = sorted[CLIENTS / 2];
        assertThat(median).as("requests per connection, median").isGreaterThan(10);
        assertThat(sorted[0]).as("requests per connection: fewest %s, median %d, most %d", sorted[0], median,
                sorted[CLIENTS - 1]).isGreaterThanOrEqualTo(median / 2);
        assertThat(slowest.get() / 1_000_000).as("slowest request, ms").isLessThan(RUN_MILLIS / 3);
    }

    @Test
    void aBodyArrivingSlowlyHoldsNoHandlingThread() throws Exception {
        int port = server.uri("/").getPort();
        try (Socket stalled = new Socket("127.0.0.1", port)) {
            // a create whose body stops half way: it is read on its connection's own thread
            stalled.getOutputStream().write(("POST /v2/images HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"name\": ")
                    .getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            Thread.sleep(300);

            try (Socket other = new Socket("127.0.0.1", port)) {
                other.setSoTimeout(5_000);
                long sent = System.nanoTime();
                show(other, "/versions");
                assertThat((System.nanoTime() - sent) / 1_000_000).as("ms to answer beside a stalled body")
                        .isLessThan(2_000);
            }
        }
    }

    private static void show(Socket socket, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        readResponse(socket.getInputStream());
    }

    /** Reads one response with a Content-Length body, as every answer of this service has. */
    private static void readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in a response head: " + head);
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        int length = -1;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        if (length < 0 || in.readNBytes(length).length != length) {
            throw new IOException("short or unframed response: " + head);
        }
    }
}
