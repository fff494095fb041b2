package org.glancej.store.s3;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The body of an object read over a connection in the clear, straight from its socket: as a stream, and as a
 * channel that a download can read into a native buffer and write to the client's socket from there. The JDK's
 * client hands a body over between threads in small heap buffers; on a download that doubled the service's CPU
 * per gigabyte and held it below upstream's rate. Only a 200 or 206 answer framed by Content-Length is taken
 * here; anything else is left to the JDK client, which reads error documents and other framings.
 */
final class PlainObjectRead extends InputStream implements ReadableByteChannel {
    private static final int HEAD_LIMIT = 64 << 10;

    private final SocketChannel socket;
    private final ByteBuffer early;     // body bytes that arrived with the head
    private final IdleReads.Watch watch;
    private final String server;
    private long remaining;
    private boolean closed;

    private PlainObjectRead(SocketChannel socket, ByteBuffer early, long length, IdleReads.Watch watch, String server) {
        this.socket = socket;
        this.early = early;
        this.remaining = length;
        this.watch = watch;
        this.server = server;
    }

    /**
     * Sends a GET with the given (signed) headers and reads the answer's head; empty, with the connection closed,
     * when the answer is not a 200/206 with a Content-Length.
     */
    static Optional<PlainObjectRead> open(URI uri, Map<String, String> headers, Duration connectTimeout,
            Duration readTimeout, String server) throws IOException {
        SocketChannel socket = SocketChannel.open();
        IdleReads.Watch watch = IdleReads.watch(socket, readTimeout);
        try {
            int port = uri.getPort() == -1 ? 80 : uri.getPort();
            try {
                socket.socket().connect(new InetSocketAddress(uri.getHost(), port), (int) connectTimeout.toMillis());
            } catch (SocketTimeoutException e) {
                throw new HttpConnectTimeoutException("no connection within " + connectTimeout.toSeconds() + " s");
            }
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            StringBuilder request = new StringBuilder("GET ").append(uri.getRawPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("Connection: close\r\n\r\n");
            ByteBuffer out = ByteBuffer.wrap(request.toString().getBytes(ISO_8859_1));
            while (out.hasRemaining()) {
                socket.write(out);
            }
            ByteBuffer head = ByteBuffer.allocate(HEAD_LIMIT);
            int end;
            while ((end = headEnd(head)) < 0) {
                if (!head.hasRemaining()) {
                    throw new IOException("the S3 store at " + server + " sent an answer head over 64 KiB");
                }
                if (readWatched(socket, head, watch) < 0) {
                    throw new EOFException("the S3 store at " + server + " closed the connection before its answer");
                }
            }
            String[] lines = new String(head.array(), 0, end, ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
            long length = -1;
            boolean framedOtherwise = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                String name = colon < 0 ? "" : lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = colon < 0 ? "" : lines[i].substring(colon + 1).strip();
                if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equals("transfer-encoding")) {
                    framedOtherwise = true;
                }
            }
            if ((status != 200 && status != 206) || length < 0 || framedOtherwise) {
                watch.done();
                socket.close();
                return Optional.empty();
            }
            ByteBuffer early = ByteBuffer.wrap(head.array(), end + 4, head.position() - end - 4).slice();
            return Optional.of(new PlainObjectRead(socket, early, length, watch, server));
        } catch (IOException | RuntimeException e) {
            watch.done();
            socket.close();
            if (watch.timedOut()) {
                throw new SocketTimeoutException("the S3 store at " + server + " did not answer in time");
            }
            if (e instanceof RuntimeException) {
                throw new IOException("the S3 store at " + server + " sent a malformed answer", e);
            }
            throw e;
        }
    }

    private static int readWatched(SocketChannel socket, ByteBuffer dst, IdleReads.Watch watch) throws IOException {
        watch.reading();
        try {
            return socket.read(dst);
        } finally {
            watch.idle();
        }
    }

    /** The offset of the blank line ending the head within what was read, or -1. */
    private static int headEnd(ByteBuffer head) {
        byte[] b = head.array();
        for (int i = 3; i < head.position(); i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                return i - 3;
            }
        }
        return -1;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (remaining == 0) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        int n;
        if (early.hasRemaining()) {
            n = (int) Math.min(Math.min(early.remaining(), dst.remaining()), remaining);
            dst.put(dst.position(), early, early.position(), n).position(dst.position() + n);
            early.position(early.position() + n);
        } else {
            int limit = dst.limit();
            dst.limit(dst.position() + (int) Math.min(dst.remaining(), remaining));
            try {
                n = readWatched(socket, dst, watch);
            } catch (IOException e) {
                throw watch.timedOut() ? new SocketTimeoutException("the S3 store at " + server + " sent nothing for "
                        + watch.limit().toSeconds() + " s") : e;
            } finally {
                dst.limit(limit);
            }
            if (n < 0) {
                throw new EOFException("the S3 store at " + server + " ended the object " + remaining + " bytes early");
            }
        }
        remaining -= n;
        return n;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return len == 0 ? 0 : read(ByteBuffer.wrap(b, off, len));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff; // a blocking channel gives at least a byte
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            watch.done();
            socket.close();
        }
    }
}
