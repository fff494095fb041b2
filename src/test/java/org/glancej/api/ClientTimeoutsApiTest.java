package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that hold connections without sending, over real sockets: an idle kept-alive connection is closed after
 * {@code client_socket_timeout}, an upload that stops sending fails after {@code [api_server] request_stall_timeout}
 * as an interrupted upload does.
 */
class ClientTimeoutsApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension("""
            [DEFAULT]
            client_socket_timeout = 1
            [api_server]
            request_stall_timeout = 1
            """);

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RawHttp connect() throws IOException {
        return new RawHttp(server.uri("/").getPort());
    }

    private static final String LIST = RawHttp.head("GET /v2/images HTTP/1.1", "Host: 127.0.0.1");

    @Test
    void aKeptAliveConnectionIdleLongerThanClientSocketTimeoutIsClosed() throws Exception {
        try (RawHttp http = connect()) {
            assertThat(http.send(LIST).response().status()).isEqualTo(200);

            long idleFrom = System.nanoTime();
            boolean closed = http.closedByServer(); // the server sends nothing more: it closes

            long waitedMillis = (System.nanoTime() - idleFrom) / 1_000_000;
            assertThat(closed).as("closed within %d ms", RawHttp.PATIENCE_MILLIS).isTrue();
            assertThat(waitedMillis).isGreaterThanOrEqualTo(900L);
        }
    }

    @Test
    void aConnectionInUseIsNotClosedWhileItsRequestsKeepComing() throws Exception {
        try (RawHttp http = connect()) {
            for (int i = 0; i < 6; i++) {
                assertThat(http.send(LIST).response().status()).isEqualTo(200);
                Thread.sleep(400);
            }
        }
    }

    @Test
    void anUploadThatStopsSendingFailsAndLeavesTheImageQueuedWithoutData() throws Exception {
        String id = server.createRawImage();
        Path file = server.directory().resolve("images").resolve(id);
        try (LogCapture logs = new LogCapture(); RawHttp upload = connect()) {
            upload.send(RawHttp.head("PUT /v2/images/" + id + "/file HTTP/1.1", "Host: 127.0.0.1",
                    "Content-Type: application/octet-stream", "Content-Length: " + (4 << 20)));
            upload.send(new byte[1 << 20]);
            awaitStatus(id, "saving");

            // the client sends nothing more but keeps the connection open: the server gives up on the body
            Optional<RawHttp.Response> answer = upload.responseOrClosed();

            answer.ifPresent(response -> assertThat(response.status()).as(response.statusLine()).isBetween(400, 499));
            assertThat(answer.isEmpty() || upload.closedByServer()).as("closed after the answer").isTrue();
            awaitStatus(id, "queued");
            assertThat(file).doesNotExist();
            assertThat(logs.errorsOrStackTraces()).isEmpty();
        }
        JsonNode image = show(id);
        assertThat(image.get("size").isNull()).isTrue();
        assertThat(image.get("checksum").isNull()).isTrue();
    }

    private static JsonNode show(String id) throws Exception {
        return JSON.readTree(server.send(server.request("/v2/images/" + id)).body());
    }

    private static void awaitStatus(String id, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            seen = show(id).get("status").asText();
            if (seen.equals(status)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("image " + id + " stayed " + seen + ", never " + status);
    }
}
