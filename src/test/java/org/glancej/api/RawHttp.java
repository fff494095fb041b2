package org.glancej.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One TCP connection to a test server, for requests no HTTP client library would send: HTTP/1.0, broken
 * chunking, bodies cut short, half-closed or reset connections.
 */
final class RawHttp implements AutoCloseable {
    /** How long a reply may take before the server is judged to hang (or to keep a connection it should close). */
    static final int PATIENCE_MILLIS = 5_000;

    private final Socket socket;
    private final InputStream in;

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(PATIENCE_MILLIS);
        in = socket.getInputStream();
    }

    RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttp send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** Half-close: the client will send nothing more but still reads. */
    RawHttp shutdownOutput() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    /** Drops the connection with a reset, as a killed client does. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Reads one response (Content-Length framed, as all of this service's are); fails if none comes in time. */
    Response response() throws IOException {
        return responseOrClosed().orElseThrow(() -> new AssertionError("connection closed without a response"));
    }

    /** {@link #response()}, or empty when the server closes the connection before sending any byte of one. */
    Optional<Response> responseOrClosed() throws IOException {
        String head = readHead();
        if (head == null) {
            return Optional.empty();
        }
        String[] lines = head.split("\r\n");
        List<String> headers = List.of(lines).subList(1, lines.length);
        Response partial = new Response(lines[0], headers, new byte[0]);
        long length = partial.header("Content-Length").map(Long::parseLong)
                .orElseThrow(() -> new AssertionError("no Content-Length in " + head));
        return Optional.of(new Response(lines[0], headers, in.readNBytes((int) length)));
    }

    /** Reads and drops this many bytes of whatever the server sends. */
    void readSome(int bytes) throws IOException {
        in.readNBytes(bytes);
    }

    /** Whether the server closes the connection now (end of stream within the patience), reading nothing else. */
    boolean closedByServer() throws IOException {
        try {
            int b = in.read();
            if (b >= 0) {
                throw new AssertionError("unexpected byte after the response: " + b);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** The response head without its blank line; null when the connection ends before its first byte. */
    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0 && head.size() == 0) {
                    return null;
                }
                if (b < 0) {
                    throw new AssertionError("connection closed within a response head; got: " + head);
                }
                head.write(b);
                byte[] bytes = head.toByteArray();
                int n = bytes.length;
                if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                    return new String(bytes, 0, n - 4, StandardCharsets.ISO_8859_1);
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no response within " + PATIENCE_MILLIS + " ms; got: " + head, e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Response(String statusLine, List<String> headers, byte[] body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        Optional<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).strip()).findFirst();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Builds a request head: request line, the given header lines, blank line. */
    static String head(String requestLine, String... headerLines) {
        List<String> lines = new ArrayList<>();
        lines.add(requestLine);
        lines.addAll(List.of(headerLines));
        return String.join("\r\n", lines) + "\r\n\r\n";
    }
}
