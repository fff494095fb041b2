package org.glancej.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Http10RequestsTest {
    private static String rewrite(Http10Requests requests, String... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String piece : pieces) {
            out.writeBytes(requests.rewrite(piece.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aPlainRequestBecomesOneThatClosesAndNamesTheHost() {
        assertThat(rewrite(new Http10Requests("127.0.0.1:9292"), "GET / HTTP/1.0\r\nAccept: */*\r\n\r\n"))
                .isEqualTo("GET / HTTP/1.1\r\nAccept: */*\r\nConnection: close\r\nHost: 127.0.0.1:9292\r\n\r\n");
    }

    @Test
    void aHeadSplitAcrossReadsIsRewrittenWhole() {
        assertThat(rewrite(new Http10Requests("h:1"), "GET /versions HT", "TP/1.0\r", "\nHost: x\r\n\r", "\n"))
                .isEqualTo("GET /versions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    @Test
    void keepAliveFollowsTheBodyToTheNextRequest() {
        String first = "POST /v2/images HTTP/1.0\r\nHost: x\r\nConnection: Keep-Alive\r\nContent-Length: 22\r\n\r\n";
        String body = "GET / HTTP/1.0\r\n\r\n1234"; // looks like a request line, but is body
        String second = "GET / HTTP/1.0\r\nHost: x\r\n\r\n";

        assertThat(rewrite(new Http10Requests("h:1"), first, body.substring(0, 5), body.substring(5) + second))
                .isEqualTo(first.replace("HTTP/1.0", "HTTP/1.1") + body
                        + "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    @Test
    void afterARequestThatClosesTheRestPassesThroughUntouched() {
        String rest = "GET / HTTP/1.0\r\n\r\n";
        assertThat(rewrite(new Http10Requests("h:1"), "GET / HTTP/1.0\r\nHost: x\r\n\r\n" + rest))
                .endsWith("Connection: close\r\n\r\n" + rest);
    }

    @Test
    void transferEncodingIsLeftToTheServerButTheConnectionCloses() {
        String chunked = "PUT /f HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n";
        String body = "1\r\na\r\n0\r\n\r\n";
        assertThat(rewrite(new Http10Requests("h:1"), chunked + body)).isEqualTo(
                chunked.replace("HTTP/1.0", "HTTP/1.1").replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n") + body);
    }

    @Test
    void aClientsOwnConnectionCloseIsNotRepeated() {
        String head = "GET / HTTP/1.0\r\nHost: x\r\nConnection: close\r\n\r\n";
        assertThat(rewrite(new Http10Requests("h:1"), head)).isEqualTo(head.replace("HTTP/1.0", "HTTP/1.1"));
    }

    @Test
    void blankLinesBeforeARequestLineAreDropped() {
        assertThat(rewrite(new Http10Requests("h:1"), "\r\n\r\nGET / HTTP/1.0\r\nHost: x\r\n\r\n"))
                .startsWith("GET / HTTP/1.1\r\n");
    }

    @Test
    void anHttp11RequestOnAKeptConnectionIsLeftAsItIs() {
        String keep = "GET / HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n";
        String eleven = "GET /versions HTTP/1.1\r\nHost: x\r\n\r\n";
        assertThat(rewrite(new Http10Requests("h:1"), keep + eleven))
                .isEqualTo(keep.replace("HTTP/1.0", "HTTP/1.1") + eleven);
    }

    @Test
    void anOversizedHeadIsPassedOnForTheServerToRefuse() {
        String huge = "GET / HTTP/1.0\r\nX: " + "a".repeat(Http10Requests.MAX_HEAD) + "\r\n\r\n";
        assertThat(rewrite(new Http10Requests("h:1"), huge)).isEqualTo(huge);
    }

    @Test
    void aMalformedContentLengthStopsFollowingTheStream() {
        String head = "POST / HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\nContent-Length: 1x\r\n\r\n";
        String rest = "body GET / HTTP/1.0\r\n\r\n";
        assertThat(rewrite(new Http10Requests("h:1"), head + rest)).isEqualTo(head.replace("HTTP/1.0", "HTTP/1.1") + rest);
    }
}
