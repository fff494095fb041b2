package org.glancej.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Sends a span of a file as the body of a response whose status and headers are set, its Content-Length the
 * span's length. On a connection in the clear the kernel moves the bytes from the page cache to the socket
 * ({@link FileChannel#transferTo}, sendfile on Linux), which serves about the rate of a static file server; with
 * TLS, a content encoding or another framing they are copied through the response's stream as any body is.
 */
public final class FileBodies {
    /** Each write goes to the socket whole: half a megabyte per system call measured 1.6 times the rate of 128 KiB. */
    private static final int COPY_BUFFER = 512 << 10;
    /** Written the ordinary way when the socket's buffer is full, to wait until the client has taken data. */
    private static final int NUDGE = 8 << 10;

    private FileBodies() {}

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
            transfer(file, position + 1, count - 1, socket.get());
        }
    }

    private static void transfer(FileChannel file, long position, long count, SocketChannel socket) throws IOException {
        long end = position + count;
        ByteBuffer nudge = null;
        while (position < end) {
            long sent;
            try {
                sent = file.transferTo(position, end - position, socket);
            } catch (IOException e) {
                // mostly the client gone; the connection ends either way, as when the server's own writes fail
                throw new ServerConnectionException("Failed to send file data", e);
            }
            if (sent > 0) {
                position += sent;
                continue;
            }
            // nothing sent: the file ended early, or the socket's buffer is full and, the socket being non-blocking
            // under virtual threads, sendfile did not wait; a blocking write waits until there is room
            if (nudge == null) {
                nudge = ByteBuffer.allocate(NUDGE);
            }
            nudge.clear().limit((int) Math.min(NUDGE, end - position));
            if (file.read(nudge, position) <= 0) {
                throw new EOFException("file data ended " + (end - position) + " bytes early");
            }
            nudge.flip();
            try {
                while (nudge.hasRemaining()) {
                    position += socket.write(nudge);
                }
            } catch (IOException e) {
                throw new ServerConnectionException("Failed to send file data", e);
            }
        }
    }

    private static void copy(FileChannel file, long position, long count, OutputStream out) throws IOException {
        byte[] buffer = new byte[(int) Math.min(COPY_BUFFER, Math.max(count, 1))];
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
