package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the service frames requests and responses on the wire, over raw sockets: broken chunking and bodies cut
 * short are the client's fault (400, connection closed, image back to queued, no data kept, no error logged),
 * Connection: close is honoured, and HTTP/1.0 clients are served.
 */
class HttpFramingApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RawHttp connect() throws IOException {
        return new RawHttp(server.uri("/").getPort());
    }

    private static String status(String id) throws Exception {
        return JSON.readTree(server.send(server.request("/v2/images/" + id)).body()).get("status").asText();
    }

    private static void awaitStatus(String id, String wanted) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!status(id).equals(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(status(id)).isEqualTo(wanted);
    }

    /** Files of the store that belong to the image: none may be left after a failed upload. */
    private static List<Path> storedFiles(String id) throws IOException {
        Path store = server.directory().resolve("images");
        if (!Files.exists(store)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(store)) {
            return files.filter(p -> p.getFileName().toString().contains(id)).toList();
        }
    }

    private static String uploadHead(String id, String... framing) {
        String[] lines = Stream.concat(Stream.of("Host: t", "Content-Type: application/octet-stream",
                "Accept: application/json"), Arrays.stream(framing)).toArray(String[]::new);
        return RawHttp.head("PUT /v2/images/" + id + "/file HTTP/1.1", lines);
    }

    private static void assertClientFault(RawHttp.Response res, String messagePart) throws IOException {
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.header("Connection")).contains("close");
        JsonNode body = JSON.readTree(res.body());
        assertThat(body.get("code").asText()).isEqualTo("400 Bad Request");
        assertThat(body.get("message").asText()).contains(messagePart);
    }

    @Test
    void aChunkSizeThatIsNotHexadecimalRefusesACreateWith400() throws Exception {
        try (LogCapture logs = new LogCapture(); RawHttp http = connect()) {
            http.send(RawHttp.head("POST /v2/images HTTP/1.1", "Host: t", "Content-Type: application/json",
                    "Accept: application/json", "Transfer-Encoding: chunked") + "ZZ\r\n{}\r\n0\r\n\r\n");

            assertClientFault(http.response(), "Malformed chunked request body");
            assertThat(http.closedByServer()).isTrue();
            assertThat(logs.errorsOrStackTraces()).isEmpty();
        }
    }

    @Test
    void aBadChunkSizeMidUploadIs400AndLeavesTheImageQueuedWithoutData() throws Exception {
        String id = server.createRawImage();
        try (LogCapture logs = new LogCapture(); RawHttp http = connect()) {
            http.send(uploadHead(id, "Transfer-Encoding: chunked") + "10000\r\n");
            http.send(new byte[64 << 10]);
            http.send("\r\nZZ\r\n");

            assertClientFault(http.response(), "Malformed chunked request body");
            assertThat(http.closedByServer()).isTrue();
            assertThat(logs.errorsOrStackTraces()).isEmpty();
        }
        assertThat(status(id)).isEqualTo("queued");
        assertThat(storedFiles(id)).isEmpty();
    }

    @Test
    void chunkDataNotFollowedByCrlfIsRefusedWith400() throws Exception {
        try (LogCapture logs = new LogCapture(); RawHttp http = connect()) {
            http.send(RawHttp.head("POST /v2/images HTTP/1.1", "Host: t", "Content-Type: application/json",
                    "Accept: application/json", "Transfer-Encoding: chunked") + "2\r\n{}XX0\r\n\r\n");

            assertClientFault(http.response(), "chunk data is not followed by CRLF");
            assertThat(http.closedByServer()).isTrue();
            assertThat(logs.errorsOrStackTraces()).isEmpty();
        }
    }

    @Test
    void chunkDataNotFollowedByCrlfMidUploadIs400AndLeavesTheImageQueuedWithoutData() throws Exception {
        String id = server.createRawImage();
        try (LogCapture logs = new LogCapture(); RawHttp http = connect()) {
            http.send(uploadHead(id, "Transfer-Encoding: chunked") + "10000\r\n");
            http.send(new byte[64 << 10]);
            http.send("XX10\r\n");

            assertClientFault(http.response(), "chunk data is not followed by CRLF");
            assertThat(http.closedByServer()).isTrue();
            assertThat(logs.errorsOrStackTraces()).isEmpty();
        }
        assertThat(status(id)).isEqualTo("queued");
        assertThat(storedFiles(id)).isEmpty();
    }

    @Test
    void chunkExtensionsAndTrailersAreAcceptedAndIgnored() throws Exception {
        String body = "{\"name\": \"extended\"}";
        try (RawHttp http = connect()) {
            RawHttp.Response created = http.send(RawHttp.head("POST /v2/images HTTP/1.1", "Host: t",
                    "Content-Type: application/json", "Transfer-Encoding: chunked")
                    + "5;name=value\r\n" + body.substring(0, 5) + "\r\n"
                    + Integer.toHexString(body.length() - 5) + " ; a=\"b\"\r\n" + body.substring(5) + "\r\n"
                    + "0;last\r\nX-Trailer: ignored\r\n\r\n").response();

            assertThat(created.status()).isEqualTo(201);
            assertThat(JSON.readTree(created.body()).get("name").asText()).isEqualTo("extended");
            // the connection still frames the next request correctly
            assertThat(http.send(RawHttp.head("GET /versions HTTP/1.1", "Host: t")).response().status()).isEqualTo(200);
        }
    }

    @Test
    void anUploadWithChunkExtensionsStoresTheDataWithoutThem() throws Exception {
        String id = server.createRawImage();
        byte[] data = new byte[100_000];
        Arrays.fill(data, (byte) 'x');
        try (RawHttp http = connect()) {
            http.send(uploadHead(id, "Transfer-Encoding: chunked") + Integer.toHexString(data.length) + ";ext\r\n");
            http.send(data).send("\r\n0\r\n\r\n");
            assertThat(http.response().status()).isEqualTo(204);
        }
        assertThat(JSON.readTree(server.send(server.request("/v2/images/" + id)).body()).get("size").asLong())
                .isEqualTo(data.length);
    }

    @Test
    void aBodyShorterThanItsContentLengthIs400AndLeavesTheImageQueuedWithoutData() throws Exception {
        String id = server.createRawImage();
        try (LogCapture logs = new LogCapture(); RawHttp http = connect()) {
            http.send(uploadHead(id, "Content-Length: 1000")).send(new byte[500]).shutdownOutput();

            assertClientFault(http.response(), "Incomplete request body");
            assertThat(http.closedByServer()).isTrue();
            assertThat(logs.errorsOrStackTraces()).isEmpty();
        }
        assertThat(status(id)).isEqualTo("queued");
        assertThat(storedFiles(id)).isEmpty();
    }

    @Test
    void aShortJsonBodyIs400() throws Exception {
        try (LogCapture logs = new LogCapture(); RawHttp http = connect()) {
            http.send(RawHttp.head("POST /v2/images HTTP/1.1", "Host: t", "Content-Type: application/json",
                    "Accept: application/json", "Content-Length: 1000") + "{\"name\":").shutdownOutput();

            assertClientFault(http.response(), "Incomplete request body");
            assertThat(http.closedByServer()).isTrue();
            assertThat(logs.errorsOrStackTraces()).isEmpty();
        }
    }

    @Test
    void aClientThatDropsTheConnectionMidUploadLogsNoErrorAndLeavesNoData() throws Exception {
        String id = server.createRawImage();
        try (LogCapture logs = new LogCapture()) {
            RawHttp http = connect();
            http.send(uploadHead(id, "Content-Length: 10000000")).send(new byte[1 << 20]);
            awaitStatus(id, "saving");
            http.reset();

            awaitStatus(id, "queued");
            assertThat(storedFiles(id)).isEmpty();
            // the image is queued again before the handler's failure is answered (or logged): give it time
            Thread.sleep(1_000);
            assertThat(logs.errorsOrStackTraces()).isEmpty();
        }
    }

    @Test
    void aClientThatDropsTheConnectionMidDownloadLogsNoError() throws Exception {
        String id = server.createRawImage();
        byte[] data = new byte[32 << 20];
        try (RawHttp http = connect()) {
            http.send(uploadHead(id, "Content-Length: " + data.length)).send(data);
            assertThat(http.response().status()).isEqualTo(204);
        }
        try (LogCapture logs = new LogCapture()) {
            RawHttp http = connect();
            http.send(RawHttp.head("GET /v2/images/" + id + "/file HTTP/1.1", "Host: t"));
            http.readSome(64 << 10);
            http.reset();

            Thread.sleep(1_000);
            assertThat(logs.errorsOrStackTraces()).isEmpty();
        }
        assertThat(status(id)).isEqualTo("active");
    }

    @Test
    void connectionCloseFromTheClientClosesTheConnectionAfterTheResponse() throws Exception {
        for (String path : List.of("/versions", "/v2/images/missing")) {
            try (RawHttp http = connect()) {
                RawHttp.Response res = http.send(RawHttp.head("GET " + path + " HTTP/1.1", "Host: t",
                        "Connection: close")).response();
                assertThat(res.status()).isIn(200, 404);
                assertThat(res.header("Connection")).contains("close");
                assertThat(http.closedByServer()).as(path).isTrue();
            }
        }
        // refused by a filter before any route: a request id over 64 characters
        try (RawHttp http = connect()) {
            RawHttp.Response res = http.send(RawHttp.head("GET /versions HTTP/1.1", "Host: t", "Connection: close",
                    "X-Openstack-Request-Id: " + "x".repeat(65))).response();
            assertThat(res.status()).isEqualTo(431);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void withoutConnectionCloseTheConnectionServesAnotherRequest() throws Exception {
        try (RawHttp http = connect()) {
            assertThat(http.send(RawHttp.head("GET /versions HTTP/1.1", "Host: t")).response().status()).isEqualTo(200);
            assertThat(http.send(RawHttp.head("GET /versions HTTP/1.1", "Host: t")).response().status()).isEqualTo(200);
        }
    }

    @Test
    void anHttp10ClientIsServedAndTheConnectionClosedAfterTheResponse() throws Exception {
        try (RawHttp http = connect()) {
            RawHttp.Response res = http.send("GET / HTTP/1.0\r\n\r\n").response();

            assertThat(res.status()).isEqualTo(300);
            assertThat(JSON.readTree(res.body()).get("versions")).isNotEmpty();
            assertThat(res.header("Transfer-Encoding")).isEmpty();
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void anHttp10ClientAskingForKeepAliveKeepsItsConnection() throws Exception {
        String body = "{\"name\": \"ten\"}";
        try (RawHttp http = connect()) {
            RawHttp.Response created = http.send(RawHttp.head("POST /v2/images HTTP/1.0", "Connection: keep-alive",
                    "Content-Type: application/json", "Content-Length: " + body.length()) + body).response();
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("Connection")).contains("keep-alive");
            // no Host was sent: links name the address the client connected to, as a WSGI server's do
            assertThat(created.header("Location")).hasValueSatisfying(
                    l -> assertThat(l).startsWith("http://127.0.0.1:" + server.uri("/").getPort() + "/v2/images/"));

            RawHttp.Response versions = http.send("GET /versions HTTP/1.0\r\n\r\n").response();
            assertThat(versions.status()).isEqualTo(200);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void anHttp10ClientDownloadsImageDataWithAContentLength() throws Exception {
        String id = server.createRawImage();
        byte[] data = "image data for a 1.0 client".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        try (RawHttp http = connect()) {
            RawHttp.Response uploaded = http.send(RawHttp.head("PUT /v2/images/" + id + "/file HTTP/1.0",
                    "Content-Type: application/octet-stream", "Content-Length: " + data.length)).send(data).response();
            assertThat(uploaded.status()).isEqualTo(204);
            assertThat(http.closedByServer()).isTrue();
        }
        try (RawHttp http = connect()) {
            RawHttp.Response res = http.send("GET /v2/images/" + id + "/file HTTP/1.0\r\n\r\n").response();

            assertThat(res.status()).isEqualTo(200);
            assertThat(res.header("Transfer-Encoding")).isEmpty();
            assertThat(res.body()).isEqualTo(data);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void aRequestLineOverUpstreamsLimitIs414AndClosesPromptly() throws Exception {
        try (RawHttp http = connect()) {
            RawHttp.Response res = http.send(RawHttp.head("GET /v2/images?name=" + "a".repeat(100 << 10) + " HTTP/1.1",
                    "Host: t")).response();

            assertThat(res.status()).isEqualTo(414);
            assertThat(res.header("Connection")).contains("close");
            assertThat(res.text()).startsWith("414 Request-URI Too Long\n\nThe request line is too long: at most 8192");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void aRequestLineUpstreamAcceptsIsServed() throws Exception {
        // upstream's WSGI server takes request lines up to 8 KiB; the web server's own default stops at 4 KiB
        try (RawHttp http = connect()) {
            RawHttp.Response res = http.send(RawHttp.head("GET /v2/images?name=" + "a".repeat(6000) + " HTTP/1.1",
                    "Host: t")).response();

            assertThat(res.status()).isEqualTo(200);
        }
    }

    @Test
    void aRequestLineThatIsNotHttp11Is400ThenClosed() throws Exception {
        for (String line : List.of("GARBAGE", "GET /versions HTTP/2.0", "GET /versions", "GET /versions HTTP/1.1 x")) {
            try (LogCapture logs = new LogCapture(); RawHttp http = connect()) {
                RawHttp.Response res = http.send(line + "\r\nHost: t\r\n\r\n").response();

                assertThat(res.status()).as(line).isEqualTo(400);
                assertThat(res.text()).as(line).contains("The request is not valid HTTP/1.1");
                assertThat(http.closedByServer()).as(line).isTrue();
                assertThat(logs.errorsOrStackTraces()).isEmpty();
            }
        }
    }

    @Test
    void framingTheWebServerRefusesItselfIsAnsweredInWebobsShape() throws Exception {
        try (RawHttp http = connect()) {
            RawHttp.Response res = http.send(RawHttp.head("POST /v2/images HTTP/1.1", "Host: t", "Accept: application/json",
                    "Content-Type: application/json", "Content-Length: 2", "Transfer-Encoding: chunked")
                    + "2\r\n{}\r\n0\r\n\r\n").response();

            assertThat(res.status()).isEqualTo(400);
            JsonNode body = JSON.readTree(res.body());
            assertThat(body.get("code").asText()).isEqualTo("400 Bad Request");
            assertThat(body.get("title").asText()).isEqualTo("Bad Request");
            assertThat(body.get("message").asText()).contains("framing is malformed");
            assertThat(http.closedByServer()).isTrue();
        }
        try (RawHttp http = connect()) {
            RawHttp.Response res = http.send(RawHttp.head("POST /v2/images HTTP/1.1", "Host: t", "Accept: application/json",
                    "Content-Type: application/json", "Transfer-Encoding: gzip, chunked") + "0\r\n\r\n").response();

            assertThat(res.status()).isEqualTo(501);
            assertThat(JSON.readTree(res.body()).get("message").asText()).contains("only chunked");
        }
    }
}
