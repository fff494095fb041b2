package org.glancej.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Rewrites the request heads of an HTTP/1.0 connection into HTTP/1.1 ones with the same meaning, so the web
 * server (which speaks only 1.1) can serve 1.0 clients such as health checkers and load balancers:
 * <ul>
 * <li>the request line's version becomes {@code HTTP/1.1};</li>
 * <li>{@code Connection: close} is added unless the client asked for {@code keep-alive} (1.0's default is to
 *     close), and always when the request carries {@code Transfer-Encoding}, which 1.0 does not define
 *     (RFC 9112 section 6.1: treat the framing as faulty and close after the response);</li>
 * <li>{@code Host}, optional in 1.0, is added when absent, naming the address the client connected to, as a
 *     WSGI server falls back to its own name and port.</li>
 * </ul>
 * Bodies pass through untouched; their {@code Content-Length} tells where the next head starts on a kept-alive
 * connection. Whatever cannot be followed (two or a malformed length, a head over {@value #MAX_HEAD} bytes) is
 * passed through as it is from there on, for the web server to refuse.
 */
final class Http10Requests {
    static final int MAX_HEAD = 64 << 10;
    private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

    private enum State { HEAD, BODY, PASS_THROUGH }

    private final String host;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private State state = State.HEAD;
    private long bodyLeft;
    /** How many bytes of {@link #END_OF_HEAD} the head ends with so far. */
    private int endMatched;

    /** @param host the {@code host:port} the client connected to */
    Http10Requests(String host) {
        this.host = host;
    }

    /** The bytes to hand the web server for these bytes read from the client (possibly none yet). */
    byte[] rewrite(byte[] in) {
        if (state == State.PASS_THROUGH) {
            return in;
        }
        if (state == State.BODY && bodyLeft > in.length) {
            bodyLeft -= in.length; // the common case of an upload: no copy
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
                        state = State.HEAD;
                    }
                }
                case HEAD -> {
                    byte b = in[i++];
                    if (head.size() == 0 && (b == '\r' || b == '\n')) {
                        continue; // blank lines before a request line are ignored (RFC 9112 section 2.2)
                    }
                    head.write(b);
                    endMatched = b == END_OF_HEAD[endMatched] ? endMatched + 1 : b == '\r' ? 1 : 0;
                    if (endMatched == END_OF_HEAD.length) {
                        out.writeBytes(rewriteHead(head.toString(StandardCharsets.ISO_8859_1)));
                        head.reset();
                        endMatched = 0;
                    } else if (head.size() > MAX_HEAD) {
                        out.writeBytes(head.toByteArray());
                        head.reset();
                        state = State.PASS_THROUGH;
                    }
                }
            }
        }
        return out.toByteArray();
    }

    private byte[] rewriteHead(String text) {
        String[] lines = text.substring(0, text.length() - 4).split("\r\n", -1);
        boolean http10 = lines[0].endsWith(" HTTP/1.0");
        boolean keepAliveAsked = false;
        boolean closeAsked = false;
        boolean hasHost = false;
        boolean transferEncoding = false;
        String contentLength = null;
        for (int n = 1; n < lines.length; n++) {
            int colon = lines[n].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[n].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[n].substring(colon + 1).strip();
            switch (name) {
                case "connection" -> {
                    for (String token : value.toLowerCase(Locale.ROOT).split(",")) {
                        keepAliveAsked |= token.strip().equals("keep-alive");
                        closeAsked |= token.strip().equals("close");
                    }
                }
                case "host" -> hasHost = true;
                case "transfer-encoding" -> transferEncoding = true;
                case "content-length" -> contentLength = contentLength == null ? value : "";
                default -> { }
            }
        }
        boolean keepOpen = http10 ? keepAliveAsked && !closeAsked && !transferEncoding : !closeAsked;
        StringBuilder rewritten = new StringBuilder(text.length() + 64);
        rewritten.append(http10 ? lines[0].substring(0, lines[0].length() - 3) + "1.1" : lines[0]).append("\r\n");
        for (int n = 1; n < lines.length; n++) {
            rewritten.append(lines[n]).append("\r\n");
        }
        if (http10 && !keepOpen && !closeAsked) {
            rewritten.append("Connection: close\r\n");
        }
        if (http10 && !hasHost) {
            rewritten.append("Host: ").append(host).append("\r\n");
        }
        rewritten.append("\r\n");
        if (keepOpen && !transferEncoding) {
            follow(contentLength);
        } else {
            state = State.PASS_THROUGH; // the connection closes after this request
        }
        return rewritten.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The next head starts after the body: none without a length, unknown with two or a malformed one. */
    private void follow(String contentLength) {
        try {
            bodyLeft = contentLength == null ? 0 : contentLength.isEmpty() ? -1 : Long.parseLong(contentLength);
        } catch (NumberFormatException e) {
            bodyLeft = -1;
        }
        state = bodyLeft < 0 ? State.PASS_THROUGH : bodyLeft == 0 ? State.HEAD : State.BODY;
    }
}
