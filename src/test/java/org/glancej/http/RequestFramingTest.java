package org.glancej.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestFramingTest {
    private static String rewrite(RequestFraming requests, String... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String piece : pieces) {
            out.writeBytes(requests.rewrite(piece.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aPlainRequestBecomesOneThatClosesAndNamesTheHost() {
        assertThat(rewrite(new RequestFraming("127.0.0.1:9292"), "GET / HTTP/1.0\r\nAccept: */*\r\n\r\n"))
                .isEqualTo("GET / HTTP/1.1\r\nAccept: */*\r\nConnection: close\r\nHost: 127.0.0.1:9292\r\n\r\n");
    }

    @Test
    void aHeadSplitAcrossReadsIsRewrittenWhole() {
        assertThat(rewrite(new RequestFraming("h:1"), "GET /versions HT", "TP/1.0\r", "\nHost: x\r\n\r", "\n"))
                .isEqualTo("GET /versions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    @Test
    void keepAliveFollowsTheBodyToTheNextRequest() {
        String first = "POST /v2/images HTTP/1.0\r\nHost: x\r\nConnection: Keep-Alive\r\nContent-Length: 22\r\n\r\n";
        String body = "GET / HTTP/1.0\r\n\r\n1234"; // looks like a request line, but is body
        String second = "GET / HTTP/1.0\r\nHost: x\r\n\r\n";

        assertThat(rewrite(new RequestFraming("h:1"), first, body.substring(0, 5), body.substring(5) + second))
                .isEqualTo(first.replace("HTTP/1.0", "HTTP/1.1") + body
                        + "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    @Test
    void afterARequestThatClosesTheRestPassesThroughUntouched() {
        String rest = "GET / HTTP/1.0\r\n\r\n";
        assertThat(rewrite(new RequestFraming("h:1"), "GET / HTTP/1.0\r\nHost: x\r\n\r\n" + rest))
                .endsWith("Connection: close\r\n\r\n" + rest);
    }

    @Test
    void anHttp11HeadPassesAsItIsAndAChunkedBodyIsFollowedToTheNextRequest() {
        String head = "POST /v2/images HTTP/1.1\r\nHost: x\r\ntransfer-encoding: Chunked\r\n\r\n";
        String next = "GET /versions HTTP/1.1\r\nHost: x\r\n\r\n";
        assertThat(rewrite(new RequestFraming("h:1"), head + "2;ext=1\r\n{}\r\n0\r\n\r\n" + next, next))
                .isEqualTo(head + "2\r\n{}\r\n0\r\n\r\n" + next + next);
    }

    @Test
    void chunkDataSplitAcrossReadsPassesWithoutACopy() {
        RequestFraming framing = new RequestFraming("h:1");
        framing.rewrite("PUT /f HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1000\r\n".getBytes(
                StandardCharsets.ISO_8859_1));
        byte[] data = new byte[1000];

        assertThat(framing.rewrite(data)).isSameAs(data);
    }

    @Test
    void aBrokenChunkHandsOnTheWellFramedPartThenRefusesToReadMore() {
        RequestFraming framing = new RequestFraming("h:1");
        byte[] out = framing.rewrite(("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2\r\n{}XX0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(new String(out, StandardCharsets.ISO_8859_1)).endsWith("\r\n\r\n2\r\n{}");
        assertThatThrownBy(framing::ensureIntact).isInstanceOf(ChunkedBody.MalformedChunk.class)
                .hasMessage("chunk data is not followed by CRLF");
        assertThatThrownBy(() -> framing.rewrite(new byte[1])).isInstanceOf(ChunkedBody.MalformedChunk.class);
    }

    @Test
    void otherTransferCodingsAndMixedFramingAreLeftToTheServerToRefuse() {
        for (String framing : new String[] {"Transfer-Encoding: gzip, chunked", "Transfer-Encoding: bogus",
                "Transfer-Encoding: chunked\r\nContent-Length: 5", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked"}) {
            String request = "POST / HTTP/1.1\r\nHost: x\r\n" + framing + "\r\n\r\nZZ;\r\nnot chunks\n";
            assertThat(rewrite(new RequestFraming("h:1"), request)).isEqualTo(request);
        }
    }

    @Test
    void malformedHeadsArePassedOnForTheServerToRefuse() {
        for (String head : new String[] {"GARBAGE\r\n\r\n", "GET /versions HTTP/2.0\r\n\r\n",
                "GET / HTTP/1.1\nHost: x\n\n", "GET / HTTP/1.1\rHost: x"}) {
            assertThat(rewrite(new RequestFraming("h:1"), head)).isEqualTo(head);
        }
    }

    @Test
    void transferEncodingIsLeftToTheServerButTheConnectionCloses() {
        String chunked = "PUT /f HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n";
        String body = "1\r\na\r\n0\r\n\r\n";
        assertThat(rewrite(new RequestFraming("h:1"), chunked + body)).isEqualTo(
                chunked.replace("HTTP/1.0", "HTTP/1.1").replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n") + body);
    }

    @Test
    void aClientsOwnConnectionCloseIsNotRepeated() {
        String head = "GET / HTTP/1.0\r\nHost: x\r\nConnection: close\r\n\r\n";
        assertThat(rewrite(new RequestFraming("h:1"), head)).isEqualTo(head.replace("HTTP/1.0", "HTTP/1.1"));
    }

    @Test
    void blankLinesBeforeARequestLineAreDropped() {
        assertThat(rewrite(new RequestFraming("h:1"), "\r\n\r\nGET / HTTP/1.0\r\nHost: x\r\n\r\n"))
                .startsWith("GET / HTTP/1.1\r\n");
    }

    @Test
    void anHttp11RequestOnAKeptConnectionIsLeftAsItIs() {
        String keep = "GET / HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n";
        String eleven = "GET /versions HTTP/1.1\r\nHost: x\r\n\r\n";
        assertThat(rewrite(new RequestFraming("h:1"), keep + eleven))
                .isEqualTo(keep.replace("HTTP/1.0", "HTTP/1.1") + eleven);
    }

    @Test
    void anOversizedHeadIsPassedOnForTheServerToRefuse() {
        String huge = "GET / HTTP/1.0\r\nX: " + "a".repeat(RequestFraming.MAX_HEAD) + "\r\n\r\n";
        assertThat(rewrite(new RequestFraming("h:1"), huge)).isEqualTo(huge);
    }

    @Test
    void aMalformedContentLengthStopsFollowingTheStream() {
        String head = "POST / HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\nContent-Length: 1x\r\n\r\n";
        String rest = "body GET / HTTP/1.0\r\n\r\n";
        assertThat(rewrite(new RequestFraming("h:1"), head + rest)).isEqualTo(head.replace("HTTP/1.0", "HTTP/1.1") + rest);
    }

    @Test
    void aPercentThatStartsNoEscapeIsTakenLiterally() {
        String head = "GET /v2/images/%zz?%zz=1&a=%4&b=100% HTTP/1.1\r\nHost: x\r\n\r\n";
        assertThat(rewrite(new RequestFraming("h:1"), head))
                .isEqualTo("GET /v2/images/%25zz?%25zz=1&a=%254&b=100%25 HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(rewrite(new RequestFraming("h:1"), "GET /%zz HTTP/1.0\r\nHost: x\r\n\r\n"))
                .isEqualTo("GET /%25zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    @Test
    void wellFormedEscapesAreLeftAlone() {
        String head = "GET /v2/images/%ff%FE?name=a%20b%2F HTTP/1.1\r\nHost: x\r\n\r\n";
        assertThat(rewrite(new RequestFraming("h:1"), head)).isEqualTo(head);
    }
}
