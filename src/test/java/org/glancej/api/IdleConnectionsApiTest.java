package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
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

    @Test
    void aThousandIdleConnectionsAndAHundredSlowUploadsLeaveOtherClientsServedAtOnce() throws Exception {
        int port = server.uri("/").getPort();
        List<RawHttp> held = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                RawHttp upload = new RawHttp(port);
                upload.send(RawHttp.head("PUT /v2/images/" + server.createRawImage() + "/file HTTP/1.1",
                        "Host: 127.0.0.1", "Content-Type: application/octet-stream", "Content-Length: 1000000") + "ab");
                held.add(upload);
            }
            for (int i = 0; i < 1000; i++) {
                RawHttp connection = new RawHttp(port);
                if (i % 2 == 0) { // half wait on a kept-alive connection after a request, half never sent one
                    connection.send(RawHttp.head("GET /versions HTTP/1.1", "Host: 127.0.0.1")).response();
                }
                held.add(connection);
            }
            for (int i = 0; i < 10; i++) {
                for (int u = 0; u < 100; u++) { // a few more bytes of every upload
                    held.get(u).send("x");
                }
                long started = System.nanoTime();
                HttpResponse<String> answer = server.send(server.request("/v2/images?limit=5"));
                long millis = (System.nanoTime() - started) / 1_000_000;

                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(millis).as("a list request beside them").isLessThan(500);
            }
        } finally {
            for (RawHttp connection : held) {
                connection.close();
            }
        }
    }
}
