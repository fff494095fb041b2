package org.glancej.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Follows one chunked request body (RFC 9112 section 7.1) on its way to the web server, which reads chunks
 * leniently: it skips the two bytes after each chunk's data without looking at them, and refuses chunk
 * extensions. Here the data must be followed by CRLF (anything else could smuggle a request past a proxy that
 * frames the stream differently), each size line is handed on without its extensions (which carry nothing this
 * service uses), and trailer fields are dropped. A violation becomes a {@link MalformedChunk} after the bytes
 * that were well framed.
 */
final class ChunkedBody {
    /** Size lines and trailer fields longer than this are refused: nothing legitimate needs more. */
    static final int MAX_LINE = 4096;
    /** The web server counts a chunk's length in an int. */
    private static final long MAX_CHUNK = Integer.MAX_VALUE;
    private static final byte[] CRLF = {'\r', '\n'};

    private enum State { SIZE_LINE, DATA, DATA_CR, DATA_LF, TRAILER_LINE, DONE }

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private State state = State.SIZE_LINE;
    private long dataLeft;
    private boolean lineEndsWithCr;

    /** Thrown for a body whose chunks cannot be framed; the message says what is wrong. */
    static final class MalformedChunk extends RuntimeException {
        MalformedChunk(String message) {
            super(message, null, false, false);
        }
    }

    boolean done() {
        return state == State.DONE;
    }

    /** Bytes of chunk data that may pass without a look: the rest of the current chunk. */
    long dataLeft() {
        return state == State.DATA ? dataLeft : 0;
    }

    /** Lets this many bytes of chunk data pass unseen; fewer than {@link #dataLeft()}. */
    void skipData(int n) {
        dataLeft -= n;
    }

    /**
     * Consumes bytes of the body from {@code in[from]} until the body ends or {@code in} does, writing what the web
     * server should read to {@code out}.
     *
     * @return the index after the last byte consumed
     */
    int feed(byte[] in, int from, ByteArrayOutputStream out) {
        int i = from;
        while (i < in.length && state != State.DONE) {
            if (state == State.DATA) {
                int n = (int) Math.min(dataLeft, in.length - i);
                out.write(in, i, n);
                i += n;
                dataLeft -= n;
                state = dataLeft == 0 ? State.DATA_CR : State.DATA;
                continue;
            }
            byte b = in[i++];
            switch (state) {
                case DATA_CR -> state = expect(b, '\r');
                case DATA_LF -> {
                    state = expect(b, '\n');
                    out.writeBytes(CRLF);
                }
                default -> lineByte(b, out);
            }
        }
        return i;
    }

    private State expect(byte b, char wanted) {
        if (b != wanted) {
            throw new MalformedChunk("chunk data is not followed by CRLF");
        }
        return wanted == '\r' ? State.DATA_LF : State.SIZE_LINE;
    }

    private void lineByte(byte b, ByteArrayOutputStream out) {
        if (lineEndsWithCr) {
            if (b != '\n') {
                throw new MalformedChunk("CR without LF in a chunk size or trailer line");
            }
            lineEndsWithCr = false;
            String text = line.toString(StandardCharsets.ISO_8859_1);
            line.reset();
            if (state == State.SIZE_LINE) {
                sizeLine(text, out);
            } else if (text.isEmpty()) {
                out.writeBytes(CRLF); // trailer fields are dropped, the blank line ends the body
                state = State.DONE;
            }
        } else if (b == '\r') {
            lineEndsWithCr = true;
        } else if (b == '\n') {
            throw new MalformedChunk("LF without CR in a chunk size or trailer line");
        } else if (line.size() >= MAX_LINE) {
            throw new MalformedChunk(state == State.SIZE_LINE ? "chunk size line too long" : "trailer too long");
        } else {
            line.write(b);
        }
    }

    private void sizeLine(String text, ByteArrayOutputStream out) {
        int digits = 0;
        while (digits < text.length() && Character.digit(text.charAt(digits), 16) >= 0) {
            digits++;
        }
        String extensions = text.substring(digits).stripLeading();
        if (digits == 0 || !(extensions.isEmpty() || extensions.charAt(0) == ';')) {
            throw new MalformedChunk("chunk size is not hexadecimal");
        }
        String hex = text.substring(0, digits).replaceFirst("^0+(?=.)", "");
        long size = hex.length() > 8 ? Long.MAX_VALUE : Long.parseLong(hex, 16);
        if (size > MAX_CHUNK) {
            throw new MalformedChunk("chunk size too large");
        }
        out.writeBytes((Long.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        dataLeft = size;
        state = size == 0 ? State.TRAILER_LINE : State.DATA;
    }
}
