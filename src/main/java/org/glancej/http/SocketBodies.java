package org.glancej.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Sends a span of a file, or a store's body that is also a channel (an S3 or Swift object read straight from its
 * socket), as the body of a response whose status and headers are set, its Content-Length the span's length. On a
 * connection in the clear the bytes are read into a native buffer and written to the socket from there, as a
 * static file server does: one copy in, one copy out, none through the heap (the response's stream would add two,
 * and cut writes at its buffer). With TLS, a content encoding or another framing they go through the response's
 * stream as any body does.
 *
 * <p>Not sendfile: on this service's download benchmark (curl on the same host) {@link FileChannel#transferTo}
 * measured 0.76 to 0.85 times this way's rate, as nginx with {@code sendfile on} falls behind {@code sendfile off}
 * there: the receiver, left with all the copying, is the bottleneck.
 */
public final class SocketBodies {
    /**
     * Each write goes to the socket whole: a megabyte per system call, as nginx's output buffers; half of it
     * measured 0.88 times this rate on the file download benchmark, 128 KiB 0.55.
     */
    private static final int BUFFER = 1 << 20;

    private SocketBodies() {}

    /** @throws IOException when the file ends before {@code count} bytes were sent, or cannot be read */
    public static void send(ServerRequest req, ServerResponse res, FileChannel file, long position, long count)
            throws IOException {
        Optional<SocketChannel> socket = count > 1 && res.headers().contentLength().equals(OptionalLong.of(count))
                ? ConnectionSockets.of(req) : Optional.empty();
        try (OutputStream out = res.outputStream()) {
            if (socket.isEmpty() || res.headers().contains(HeaderNames.CONTENT_ENCODING)) {
                copy(file, position, count, out);
                return;
            }
            // the status line and headers leave with the first byte, through the server's own writer
            copy(file, position, 1, out);
            out.flush();
            write(file, position + 1, count - 1, socket.get());
        }
    }

    /**
     * Sends {@code count} bytes read from {@code source}: through a native buffer to the socket when the source
     * is also a channel and the connection allows it, else through the response's stream.
     *
     * @throws IOException when the source ends before {@code count} bytes were sent, or fails
     */
    public static void send(ServerRequest req, ServerResponse res, InputStream source, long count) throws IOException {
        Optional<SocketChannel> socket = count > 1 && res.headers().contentLength().equals(OptionalLong.of(count))
                && source instanceof ReadableByteChannel ? ConnectionSockets.of(req) : Optional.empty();
        try (OutputStream out = res.outputStream()) {
            if (socket.isEmpty() || res.headers().contains(HeaderNames.CONTENT_ENCODING)) {
                copy(source, count, out);
                return;
            }
            // the status line and headers leave with the first byte, through the server's own writer
            int first = source.read();
            if (first < 0) {
                throw new EOFException("image data ended " + count + " bytes early");
            }
            out.write(first);
            out.flush();
            ReadableByteChannel channel = (ReadableByteChannel) source;
            write((buffer, done) -> channel.read(buffer), count - 1, socket.get());
        }
    }

    /** Reads into the buffer; {@code done} bytes of the span were read before. */
    private interface Reader {
        int read(ByteBuffer buffer, long done) throws IOException;
    }

    private static void write(FileChannel file, long position, long count, SocketChannel socket) throws IOException {
        write((buffer, done) -> file.read(buffer, position + done), count, socket);
    }

    private static void write(Reader source, long count, SocketChannel socket) throws IOException {
        // freed when the body is sent rather than when the garbage collector gets to it
        try (Arena arena = Arena.ofConfined()) {
            ByteBuffer buffer = arena.allocate(Math.min(BUFFER, count)).asByteBuffer();
            long position = 0;
            long end = count;
            while (position < end) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                // filled before it is written: a socket gives what has arrived (tens of KiB), and fewer, larger
                // writes took a Swift download 1.04 to 1.08 times the rate of writing each read
                do {
                    if (source.read(buffer, position + buffer.position()) < 0) {
                        throw new EOFException("image data ended " + (end - position - buffer.position())
                                + " bytes early");
                    }
                } while (buffer.hasRemaining());
                int n = buffer.position();
                buffer.flip();
                try {
                    while (buffer.hasRemaining()) {
                        socket.write(buffer);
                    }
                } catch (IOException e) {
                    // mostly the client gone: the connection ends, as when the server's own writes fail
                    throw new ServerConnectionException("Failed to send file data", e);
                }
                position += n;
            }
        }
    }

    private static void copy(InputStream in, long count, OutputStream out) throws IOException {
        byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(count, 1))];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("image data ended " + left + " bytes early");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void copy(FileChannel file, long position, long count, OutputStream out) throws IOException {
        byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(count, 1))];
        long end = position + count;
        while (position < end) {
            int n = file.read(ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, end - position)), position);
            if (n < 0) {
                throw new EOFException("file data ended " + (end - position) + " bytes early");
            }
            out.write(buffer, 0, n);
            position += n;
        }
    }
}
