package org.glancej.store;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One HTTP/1.1 exchange on a blocking socket in the clear, closed after it ({@code Connection: close}): the request
 * head, body bytes either way, and answer heads. Every read and write fails once it waits longer than the timeout
 * ({@link ChannelTimeouts}). Messages name the server as {@code source} (e.g. "Swift at http://host:8080").
 */
final class PlainConnection implements Closeable {
    private static final int HEAD_LIMIT = 64 << 10;

    private final SocketChannel socket;
    private final ChannelTimeouts.Watch watch;
    private final String source;
    private final ByteBuffer received = ByteBuffer.allocate(HEAD_LIMIT); // read but not yet taken, from 0 to position

    /** An answer's status line and headers, names in lower case. */
    record Head(int status, Map<String, String> headers) {
        OptionalLong contentLength() {
            String value = headers.get("content-length");
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
        }

        boolean framedOtherwise() {
            return headers.containsKey("transfer-encoding");
        }
    }

    private PlainConnection(SocketChannel socket, ChannelTimeouts.Watch watch, String source) {
        this.socket = socket;
        this.watch = watch;
        this.source = source;
    }

    static PlainConnection open(URI uri, Duration connectTimeout, Duration timeout, String source) throws IOException {
        SocketChannel socket = SocketChannel.open();
        PlainConnection connection = new PlainConnection(socket, ChannelTimeouts.watch(socket, timeout), source);
        try {
            int port = uri.getPort() == -1 ? 80 : uri.getPort();
            try {
                socket.socket().connect(new InetSocketAddress(uri.getHost(), port), (int) connectTimeout.toMillis());
            } catch (SocketTimeoutException e) {
                throw new HttpConnectTimeoutException("no connection within " + connectTimeout.toSeconds() + " s");
            }
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Sends the request line and headers, with {@code Host} unless given and {@code Connection: close}. */
    void sendHead(String method, URI uri, Map<String, String> headers) throws IOException {
        StringBuilder request = new StringBuilder(method).append(' ').append(uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n");
        if (headers.keySet().stream().noneMatch("host"::equalsIgnoreCase)) {
            request.append("Host: ").append(uri.getHost()).append(uri.getPort() == -1 ? "" : ":" + uri.getPort())
                    .append("\r\n");
        }
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("Connection: close\r\n\r\n");
        write(ByteBuffer.wrap(request.toString().getBytes(ISO_8859_1)));
    }

    /** Writes all of {@code data}. */
    void write(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            watch.waiting();
            try {
                socket.write(data);
            } finally {
                watch.idle();
            }
        }
    }

    /** Reads the next answer head; body bytes that came with it are left for {@link #takeReceived}. */
    Head readHead() throws IOException {
        int end;
        while ((end = headEnd()) < 0) {
            if (!received.hasRemaining()) {
                throw new IOException(source + " sent an answer head over 64 KiB");
            }
            if (read(received) < 0) {
                throw new EOFException(source + " closed the connection before its answer");
            }
        }
        String[] lines = new String(received.array(), 0, end, ISO_8859_1).split("\r\n");
        received.flip().position(end + 4);
        received.compact();
        try {
            int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).strip());
                }
            }
            Head head = new Head(status, headers);
            head.contentLength(); // a length that is not a number fails here
            return head;
        } catch (RuntimeException e) {
            throw new IOException(source + " sent a malformed answer", e);
        }
    }

    /** The body bytes that arrived with the last head, now the caller's. */
    ByteBuffer takeReceived() {
        ByteBuffer early = ByteBuffer.allocate(received.position());
        early.put(received.flip()).flip();
        received.clear();
        return early;
    }

    int read(ByteBuffer dst) throws IOException {
        watch.waiting();
        try {
            return socket.read(dst);
        } finally {
            watch.idle();
        }
    }

    boolean timedOut() {
        return watch.timedOut();
    }

    Duration timeout() {
        return watch.limit();
    }

    /** The offset of the blank line ending the head within what was received, or -1. */
    private int headEnd() {
        byte[] b = received.array();
        for (int i = 3; i < received.position(); i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                return i - 3;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        watch.done();
        socket.close();
    }
}
