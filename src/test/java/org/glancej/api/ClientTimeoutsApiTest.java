package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.uri("/").getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Reads one response (its head and a body of Content-Length bytes); empty when the server closed instead. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while (!head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
            head.append((char) b);
        }
        String lower = head.toString().toLowerCase();
        int at = lower.indexOf("content-length:");
        if (at >= 0) {
            int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf('\r', at)).strip());
            in.readNBytes(length);
        }
        return head.toString();
    }

    private static void get(Socket socket, String path) throws IOException {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    @Test
    void aKeptAliveConnectionIdleLongerThanClientSocketTimeoutIsClosed() throws Exception {
        try (Socket socket = connect()) {
            get(socket, "/v2/images");
            assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");

            long idleFrom = System.nanoTime();
            int next = socket.getInputStream().read(); // the server sends nothing more: it closes

            long waitedMillis = (System.nanoTime() - idleFrom) / 1_000_000;
            assertThat(next).isEqualTo(-1);
            assertThat(waitedMillis).isBetween(900L, 5_000L);
        }
    }

    @Test
    void aConnectionInUseIsNotClosedWhileItsRequestsKeepComing() throws Exception {
        try (Socket socket = connect()) {
            for (int i = 0; i < 6; i++) {
                get(socket, "/v2/images");
                assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");
                Thread.sleep(400);
            }
        }
    }

    @Test
    void anUploadThatStopsSendingFailsAndLeavesTheImageQueuedWithoutData() throws Exception {
        String id = server.createRawImage();
        Path file = server.directory().resolve("images").resolve(id);
        try (LogCapture logs = new LogCapture(); Socket upload = connect()) {
            OutputStream out = upload.getOutputStream();
            out.write(("PUT /v2/images/" + id + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + (4 << 20) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1 << 20]);
            out.flush();
            awaitStatus(id, "saving");

            // the client sends nothing more but keeps the connection open: the server gives up on the body
            String answer = readResponse(upload.getInputStream());
            int after = answer.isEmpty() ? -1 : upload.getInputStream().read();

            assertThat(answer.isEmpty() || answer.startsWith("HTTP/1.1 4")).as(answer).isTrue();
            assertThat(after).isEqualTo(-1);
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
