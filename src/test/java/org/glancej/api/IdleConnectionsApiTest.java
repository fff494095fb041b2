package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A thousand idle connections and a hundred uploads trickling in, with the default timeouts (none of them expires
 * during the test): the service still answers another client at once.
 */
class IdleConnectionsApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension();

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.uri("/").getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void skipResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while (!head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
            head.append((char) b);
        }
        String lower = head.toString().toLowerCase();
        int at = lower.indexOf("content-length:");
        in.readNBytes(Integer.parseInt(lower.substring(at + 15, lower.indexOf('\r', at)).strip()));
    }

    @Test
    void aThousandIdleConnectionsAndAHundredSlowUploadsLeaveOtherClientsServedAtOnce() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Socket upload = connect();
                OutputStream out = upload.getOutputStream();
                out.write(("PUT /v2/images/" + server.createRawImage() + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\nab")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                held.add(upload);
            }
            for (int i = 0; i < 1000; i++) {
                Socket socket = connect();
                if (i % 2 == 0) { // half wait on a kept-alive connection after a request, half never sent one
                    socket.getOutputStream().write("GET /versions HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    skipResponse(socket.getInputStream());
                }
                held.add(socket);
            }
            for (int i = 0; i < 10; i++) {
                for (int u = 0; u < 100; u++) { // a few more bytes of every upload
                    held.get(u).getOutputStream().write('x');
                }
                long started = System.nanoTime();
                HttpResponse<String> answer = server.send(server.request("/v2/images?limit=5"));
                long millis = (System.nanoTime() - started) / 1_000_000;

                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(millis).as("a list request beside them").isLessThan(500);
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
