package org.glancej.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedBodyTest {
    /** Feeds the pieces one after another; returns what the web server would read, marking the end with "|". */
    private static String feed(String... pieces) {
        ChunkedBody body = new ChunkedBody();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder after = new StringBuilder();
        for (String piece : pieces) {
            byte[] bytes = piece.getBytes(StandardCharsets.ISO_8859_1);
            int end = body.done() ? 0 : body.feed(bytes, 0, out);
            after.append(piece.substring(end));
        }
        return out.toString(StandardCharsets.ISO_8859_1) + (body.done() ? "|" + after : "");
    }

    @Test
    void wellFramedChunksPassUnchangedAndTheBodyEndsAfterTheBlankLine() {
        assertThat(feed("5\r\nhello\r\n1a\r\n" + "x".repeat(26) + "\r\n0\r\n\r\nGET / HTTP/1.1"))
                .isEqualTo("5\r\nhello\r\n1a\r\n" + "x".repeat(26) + "\r\n0\r\n\r\n|GET / HTTP/1.1");
    }

    @Test
    void chunksSplitAnywhereAcrossReadsAreFollowed() {
        assertThat(feed("5", "\r", "\nhel", "lo\r", "\n0\r\n", "\r", "\n")).isEqualTo("5\r\nhello\r\n0\r\n\r\n|");
    }

    @Test
    void chunkExtensionsAreDroppedFromTheSizeLine() {
        assertThat(feed("a;name=value\r\n0123456789\r\n0 ; last=\"yes\"\r\n\r\n"))
                .isEqualTo("a\r\n0123456789\r\n0\r\n\r\n|");
    }

    @Test
    void leadingZerosAndUpperCaseHexAreNormalized() {
        assertThat(feed("000A\r\n0123456789\r\n000\r\n\r\n")).isEqualTo("a\r\n0123456789\r\n0\r\n\r\n|");
    }

    @Test
    void trailerFieldsAreDropped() {
        assertThat(feed("1\r\nx\r\n0\r\nX-Checksum: abc\r\nX-Other: d\r\n\r\nnext"))
                .isEqualTo("1\r\nx\r\n0\r\n\r\n|next");
    }

    @Test
    void chunkDataNotFollowedByCrlfIsRefusedAfterTheData() {
        ChunkedBody body = new ChunkedBody();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = "2\r\n{}XX0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> body.feed(bytes, 0, out)).isInstanceOf(ChunkedBody.MalformedChunk.class)
                .hasMessage("chunk data is not followed by CRLF");
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("2\r\n{}");
    }

    @Test
    void aLoneLfAfterTheDataIsRefused() {
        assertThatThrownBy(() -> feed("2\r\n{}\n0\r\n\r\n")).hasMessage("chunk data is not followed by CRLF");
    }

    @Test
    void malformedSizeLinesAreRefused() {
        assertThatThrownBy(() -> feed("ZZ\r\n")).hasMessage("chunk size is not hexadecimal");
        assertThatThrownBy(() -> feed(";x=y\r\n")).hasMessage("chunk size is not hexadecimal");
        assertThatThrownBy(() -> feed("-1\r\n")).hasMessage("chunk size is not hexadecimal");
        assertThatThrownBy(() -> feed("0x10\r\n")).hasMessage("chunk size is not hexadecimal");
        assertThatThrownBy(() -> feed("5 5\r\n")).hasMessage("chunk size is not hexadecimal");
        assertThatThrownBy(() -> feed("5\n")).hasMessage("LF without CR in a chunk size or trailer line");
        assertThatThrownBy(() -> feed("5\rx")).hasMessage("CR without LF in a chunk size or trailer line");
    }

    @Test
    void aChunkLargerThanTheServerCanCountIsRefused() {
        assertThat(feed("7fffffff\r\n")).isEqualTo("7fffffff\r\n");
        assertThatThrownBy(() -> feed("80000000\r\n")).hasMessage("chunk size too large");
        assertThatThrownBy(() -> feed("FFFFFFFFFFFFFFFFFFFF\r\n")).hasMessage("chunk size too large");
    }

    @Test
    void endlessSizeLinesAndTrailersAreRefused() {
        assertThatThrownBy(() -> feed("1;" + "x".repeat(ChunkedBody.MAX_LINE))).hasMessage("chunk size line too long");
        assertThatThrownBy(() -> feed("0\r\nX: " + "x".repeat(ChunkedBody.MAX_LINE))).hasMessage("trailer too long");
    }

    @Test
    void dataSkippedUnseenStillEndsWhereTheChunkSaysSo() {
        ChunkedBody body = new ChunkedBody();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.feed("10\r\n".getBytes(StandardCharsets.ISO_8859_1), 0, out);
        assertThat(body.dataLeft()).isEqualTo(16);

        body.skipData(10);
        byte[] rest = "123456\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(body.feed(rest, 0, out)).isEqualTo(rest.length);
        assertThat(body.done()).isTrue();
    }
}
