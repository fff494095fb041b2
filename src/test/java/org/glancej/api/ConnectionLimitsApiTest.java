package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code http_keepalive = False} and {@code [api_server] max_connections}, over real sockets. */
class ConnectionLimitsApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension("""
            [DEFAULT]
            http_keepalive = False
            [api_server]
            max_connections = 2
            """);

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.uri("/").getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void get(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /versions HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Everything the server sends until it closes the connection. */
    private static String readToEnd(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void withoutKeepAliveEveryResponseSaysCloseAndTheConnectionEnds() throws Exception {
        try (Socket socket = connect()) {
            get(socket);

            String answer = readToEnd(socket.getInputStream()); // returns only once the server closed

            assertThat(answer).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close");
        }
    }

    @Test
    void connectionsBeyondTheCapWaitUntilOneCloses() throws Exception {
        try (Socket first = connect(); Socket second = connect(); Socket third = connect()) {
            // the first two hold both places without sending anything; the third is queued, not served
            third.setSoTimeout(700);
            get(third);
            assertThatThrownBy(() -> third.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

            first.close();
            third.setSoTimeout(10_000);

            assertThat(readToEnd(third.getInputStream())).startsWith("HTTP/1.1 200");
        }
    }
}
