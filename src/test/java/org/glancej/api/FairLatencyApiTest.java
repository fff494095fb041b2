package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
                try (RawHttp http = new RawHttp(port)) {
                    start.await();
                    long end = System.nanoTime() + RUN_MILLIS * 1_000_000;
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        show(http, path);
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
        try (RawHttp stalled = new RawHttp(port); RawHttp other = new RawHttp(port)) {
            // a create whose body stops half way: it is read on its connection's own thread
            stalled.send(RawHttp.head("POST /v2/images HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json",
                    "Content-Length: 200") + "{\"name\": ");
            Thread.sleep(300);

            long sent = System.nanoTime();
            show(other, "/versions");
            // below the second after which a request waiting for a handling thread takes its own
            assertThat((System.nanoTime() - sent) / 1_000_000).as("ms to answer beside a stalled body")
                    .isLessThan(900);
        }
    }

    private static void show(RawHttp http, String path) throws IOException {
        RawHttp.Response response = http.send(RawHttp.head("GET " + path + " HTTP/1.1", "Host: 127.0.0.1")).response();
        assertThat(response.status()).isEqualTo(200);
    }
}
