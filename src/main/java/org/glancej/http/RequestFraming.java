package org.glancej.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Follows the requests of one connection on their way from the client to the web server, which speaks only
 * HTTP/1.1 and reads chunked bodies leniently:
 * <ul>
 * <li>an HTTP/1.0 head becomes an HTTP/1.1 one with the same meaning: {@code Connection: close} is added unless
 *     the client asked for {@code keep-alive} (1.0's default is to close), and always when the request carries
 *     {@code Transfer-Encoding}, which 1.0 does not define (RFC 9112 section 6.1: treat the framing as faulty and
 *     close after the response); {@code Host}, optional in 1.0, is added when absent, naming the address the
 *     client connected to, as a WSGI server falls back to its own name and port;</li>
 * <li>a chunked body is checked and normalized by {@link ChunkedBody};</li>
 * <li>a {@code %} in the request line that starts no escape is {@linkplain #literalPercents taken literally};</li>
 * <li>other heads and bodies pass untouched; a {@code Content-Length} tells where the next head starts.</li>
 * </ul>
 * Whatever the web server refuses and then closes the connection for (a malformed request line or head, a lone
 * CR or LF, a head over {@value #MAX_HEAD} bytes, which is more than the server's own limits allow, two or a
 * malformed length, a transfer coding other than chunked) is passed through as it is from there on.
 */
final class RequestFraming {
    static final int MAX_HEAD = 64 << 10;
    private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

    private enum State { HEAD, BODY, CHUNKED, PASS_THROUGH }

    private final String host;
    /** The head read so far; a plain array, since it grows a byte at a time on every request. */
    private byte[] head = new byte[512];
    private int headSize;
    private State state = State.HEAD;
    private long bodyLeft;
    private ChunkedBody chunked;
    /** Whether the connection closes after the current request, so that what follows is never read. */
    private boolean closing;
    /** How many bytes of {@link #END_OF_HEAD} the head ends with so far. */
    private int endMatched;
    private ChunkedBody.MalformedChunk fault;

    /** @param host the {@code host:port} the client connected to */
    RequestFraming(String host) {
        this.host = host;
    }

    /**
     * Called before reading more from the client: nothing more is read once a chunked body broke.
     *
     * @throws ChunkedBody.MalformedChunk when the bytes handed on before ended where a chunked body broke
     */
    void ensureIntact() {
        if (fault != null) {
            throw fault;
        }
    }

    /** Whether what was read so far ends where a request ends, so that the next byte, if any, starts a new one. */
    boolean betweenRequests() {
        return state == State.HEAD && headSize == 0;
    }

    /** The bytes to hand the web server for these bytes read from the client (possibly none yet). */
    byte[] rewrite(byte[] in) {
        ensureIntact();
        if (state == State.PASS_THROUGH) {
            return in;
        }
        // the common case of an upload: bytes within a body's length or a chunk's data pass without a copy
        if (state == State.BODY && bodyLeft > in.length) {
            bodyLeft -= in.length;
            return in;
        }
        if (state == State.CHUNKED && chunked.dataLeft() > in.length) {
            chunked.skipData(in.length);
            return in;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 64);
        int i = 0;
        while (i < in.length) {
            switch (state) {
                case PASS_THROUGH -> {
                    out.write(in, i, in.length - i);
                    i = in.length;
                }
                case BODY -> {
                    int n = (int) Math.min(bodyLeft, in.length - i);
                    out.write(in, i, n);
                    i += n;
                    bodyLeft -= n;
                    if (bodyLeft == 0) {
                        state = closing ? State.PASS_THROUGH : State.HEAD;
                    }
                }
                case CHUNKED -> {
                    try {
                        i = chunked.feed(in, i, out);
                    } catch (ChunkedBody.MalformedChunk e) {
                        fault = e; // the server reads the well-framed part first, then fails on its next read
                        return out.toByteArray();
                    }
                    if (chunked.done()) {
                        state = closing ? State.PASS_THROUGH : State.HEAD;
                    }
                }
                case HEAD -> i = headByte(in, i, out);
            }
        }
        return out.toByteArray();
    }

    private int headByte(byte[] in, int i, ByteArrayOutputStream out) {
        byte b = in[i++];
        if (headSize == 0 && (b == '\r' || b == '\n')) {
            return i; // blank lines before a request line are ignored (RFC 9112 section 2.2)
        }
        boolean loneLf = b == '\n' && endMatched % 2 == 0;
        boolean loneCr = endMatched % 2 == 1 && b != '\n';
        if (headSize == head.length) {
            head = Arrays.copyOf(head, head.length * 2);
        }
        head[headSize++] = b;
        endMatched = b == END_OF_HEAD[endMatched] ? endMatched + 1 : b == '\r' ? 1 : 0;
        if (endMatched == END_OF_HEAD.length) {
            out.writeBytes(rewriteHead(new String(head, 0, headSize, StandardCharsets.ISO_8859_1),
                    Arrays.copyOf(head, headSize)));
            headSize = 0;
            endMatched = 0;
        } else if (loneLf || loneCr || headSize > MAX_HEAD) {
            out.write(head, 0, headSize);
            headSize = 0;
            state = State.PASS_THROUGH;
        }
        return i;
    }

    private byte[] rewriteHead(String text, byte[] original) {
        String[] lines = text.substring(0, text.length() - 4).split("\r\n", -1);
        boolean http10 = lines[0].endsWith(" HTTP/1.0");
        boolean keepAliveAsked = false;
        boolean closeAsked = false;
        boolean hasHost = false;
        List<String> transferCodings = new ArrayList<>();
        String contentLength = null;
        for (int n = 1; n < lines.length; n++) {
            int colon = lines[n].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[n].substring(0, colon).toLowerCase(Locale.ROOT);
            String value = lines[n].substring(colon + 1).strip();
            switch (name) {
                case "connection" -> {
                    for (String token : value.toLowerCase(Locale.ROOT).split(",")) {
                        keepAliveAsked |= token.strip().equals("keep-alive");
                        closeAsked |= token.strip().equals("close");
                    }
                }
                case "host" -> hasHost = true;
                case "transfer-encoding" -> {
                    for (String coding : value.toLowerCase(Locale.ROOT).split(",")) {
                        if (!coding.isBlank()) {
                            transferCodings.add(coding.strip());
                        }
                    }
                }
                // equal copies are one length (RFC 9110 section 8.6); different ones are refused by the server
                case "content-length" -> contentLength = contentLength == null || contentLength.equals(value) ? value : "";
                default -> { }
            }
        }
        boolean transferEncoding = !transferCodings.isEmpty();
        closing = http10 ? !keepAliveAsked || closeAsked || transferEncoding : closeAsked;
        follow(transferEncoding, transferCodings.equals(List.of("chunked")) && contentLength == null, contentLength);
        String requestLine = literalPercents(lines[0]);
        if (!http10 && requestLine.equals(lines[0])) {
            return original;
        }
        StringBuilder rewritten = new StringBuilder(text.length() + 64);
        rewritten.append(http10 ? requestLine.substring(0, requestLine.length() - 3) + "1.1" : requestLine).append("\r\n");
        for (int n = 1; n < lines.length; n++) {
            rewritten.append(lines[n]).append("\r\n");
        }
        if (http10 && closing && !closeAsked) {
            rewritten.append("Connection: close\r\n");
        }
        if (http10 && !hasHost) {
            rewritten.append("Host: ").append(host).append("\r\n");
        }
        return rewritten.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The request line with each {@code %} that starts no escape written as {@code %25}: upstream's WSGI server
     * (Python's unquote) keeps such a {@code %} as it is, so {@code /v2/images/%zz} looks for the image
     * {@code %zz}, where the web server would refuse the whole request with an empty 400.
     */
    static String literalPercents(String requestLine) {
        int percent = requestLine.indexOf('%');
        if (percent < 0) {
            return requestLine;
        }
        StringBuilder fixed = new StringBuilder(requestLine.length() + 8).append(requestLine, 0, percent);
        for (int i = percent; i < requestLine.length(); i++) {
            char c = requestLine.charAt(i);
            fixed.append(c);
            if (c == '%' && !(i + 2 < requestLine.length() && hex(requestLine.charAt(i + 1)) && hex(requestLine.charAt(i + 2)))) {
                fixed.append("25");
            }
        }
        return fixed.toString();
    }

    private static boolean hex(char c) {
        return c < 128 && Character.digit(c, 16) >= 0;
    }

    /** Where the body ends: after its last chunk or its length; unknown with any other framing. */
    private void follow(boolean transferEncoding, boolean chunkedOnly, String contentLength) {
        if (transferEncoding) {
            chunked = chunkedOnly ? new ChunkedBody() : null;
            state = chunkedOnly ? State.CHUNKED : State.PASS_THROUGH;
            return;
        }
        try {
            bodyLeft = contentLength == null ? 0 : contentLength.isEmpty() ? -1 : Long.parseLong(contentLength);
        } catch (NumberFormatException e) {
            bodyLeft = -1;
        }
        state = bodyLeft < 0 ? State.PASS_THROUGH : bodyLeft > 0 ? State.BODY : closing ? State.PASS_THROUGH : State.HEAD;
    }
}
