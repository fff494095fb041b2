package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An upload held open by its client, over real HTTP: what clients see meanwhile, and DELETE in its middle. */
class UploadInFlightApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sends the request line, headers and {@code sent} of {@code total} bytes, then leaves the upload open. */
    private static Socket startUpload(String id, int total, int sent) throws Exception {
        Socket socket = new Socket("127.0.0.1", server.uri("/").getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("PUT /v2/images/" + id + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: " + total + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[sent]);
        out.flush();
        return socket;
    }

    private static void awaitFile(Path file, long size) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.size(file) >= size) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not created yet
            }
            Thread.sleep(10);
        }
        throw new AssertionError(file + " never reached " + size + " bytes");
    }

    @Test
    void imageBeingUploadedShowsSavingWithoutInternalMarkers() throws Exception {
        String id = server.createRawImage();
        try (Socket upload = startUpload(id, 8 << 20, 4 << 20)) {
            awaitFile(server.directory().resolve("images").resolve(id), 1 << 20);

            JsonNode shown = JSON.readTree(server.send(server.request("/v2/images/" + id)).body());
            String listed = server.send(server.request("/v2/images")).body();

            assertThat(shown.get("status").asText()).isEqualTo("saving");
            assertThat(shown.toString()).doesNotContain("os_glance_upload");
            assertThat(listed).contains(id).doesNotContain("os_glance_upload");
        }
    }

    @Test
    void deletingAnImageWhileItsDataArrivesLeavesNoFile() throws Exception {
        String id = server.createRawImage();
        Path file = server.directory().resolve("images").resolve(id);
        try (Socket upload = startUpload(id, 8 << 20, 4 << 20)) {
            awaitFile(file, 1 << 20);

            assertThat(server.send(server.request("/v2/images/" + id).DELETE()).statusCode()).isEqualTo(204);

            assertThat(file).doesNotExist();
        }
        // the upload then fails; it must not bring the file back
        Thread.sleep(300);
        assertThat(file).doesNotExist();
    }
}
