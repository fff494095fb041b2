package org.glancej.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The body of an object read over a connection in the clear, straight from its socket: as a stream, and as a
 * channel that a download can read into a native buffer and write to the client's socket from there. The JDK's
 * client hands a body over between threads in small heap buffers; on a download that doubled the service's CPU
 * per gigabyte and held it below upstream's rate. Only a 200 or 206 answer framed by Content-Length is taken
 * here; anything else is left to the JDK client, which reads error documents and other framings.
 */
public final class PlainObjectRead extends InputStream implements ReadableByteChannel {
    private final PlainConnection connection;
    private final ByteBuffer early; // body bytes that arrived with the head
    private final String source;
    private long remaining;
    private boolean closed;

    private PlainObjectRead(PlainConnection connection, ByteBuffer early, long length, String source) {
        this.connection = connection;
        this.early = early;
        this.remaining = length;
        this.source = source;
    }

    /**
     * Sends a GET with the given headers ({@code Host} is added unless given) and reads the answer's head; empty,
     * with the connection closed, when the answer is not a 200/206 with a Content-Length.
     *
     * @param source the server, for messages: e.g. "the S3 store at http://host:7480"
     */
    public static Optional<PlainObjectRead> open(URI uri, Map<String, String> headers, Duration connectTimeout,
            Duration readTimeout, String source) throws IOException {
        PlainConnection connection = PlainConnection.open(uri, connectTimeout, readTimeout, source);
        try {
            connection.sendHead("GET", uri, headers);
            PlainConnection.Head head = connection.readHead();
            if ((head.status() != 200 && head.status() != 206) || head.contentLength().isEmpty()
                    || head.framedOtherwise()) {
                connection.close();
                return Optional.empty();
            }
            return Optional.of(new PlainObjectRead(connection, connection.takeReceived(),
                    head.contentLength().getAsLong(), source));
        } catch (IOException | RuntimeException e) {
            connection.close();
            if (connection.timedOut()) {
                throw new SocketTimeoutException(source + " did not answer in time");
            }
            throw e;
        }
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
                n = connection.read(dst);
            } catch (IOException e) {
                throw connection.timedOut() ? new SocketTimeoutException(source + " sent nothing for "
                        + connection.timeout().toSeconds() + " s") : e;
            } finally {
                dst.limit(limit);
            }
            if (n < 0) {
                throw new EOFException(source + " ended the object " + remaining + " bytes early");
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
            connection.close();
        }
    }
}
