package org.glancej.store.swift;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An object's bytes as one stream; with {@code swift_store_retry_get_count}, a read that fails mid-way asks Swift
 * again for the rest (a ranged GET from the first byte not yet read), as upstream's retrying iterator does. Also a
 * channel, so that a download reads an answer taken straight from its socket into a native buffer
 * ({@code SocketBodies}); an answer the JDK client reads (TLS) is copied into it from the heap.
 */
final class SwiftObjectStream extends InputStream implements ReadableByteChannel {
    private static final Logger LOG = LoggerFactory.getLogger(SwiftObjectStream.class);
    private static final int COPY = 64 << 10;

    private final SwiftAccount account;
    private final String container;
    private final String object;
    private final long end; // one past the last byte wanted, or -1 for the object's end
    private final int retries;
    private InputStream body;
    private long position;
    private int retried;
    private boolean closed;
    private byte[] copy; // for an answer that is no channel

    SwiftObjectStream(SwiftAccount account, String container, String object, long offset, long length, int retries) {
        this.account = requireNonNull(account, "account is null");
        this.container = requireNonNull(container, "container is null");
        this.object = requireNonNull(object, "object is null");
        this.position = offset;
        this.end = length < 0 ? -1 : offset + length;
        this.retries = retries;
        this.body = open();
    }

    private InputStream open() {
        return account.get(container, object, position, end < 0 ? -1 : end - position);
    }

    /** One read from the current answer. */
    private interface Read {
        int from(InputStream body) throws IOException;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return read(body -> body.read(b, off, len));
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return read(body -> {
            if (body instanceof ReadableByteChannel channel) {
                return channel.read(dst);
            }
            if (copy == null) {
                copy = new byte[COPY];
            }
            int n = body.read(copy, 0, Math.min(copy.length, dst.remaining()));
            if (n > 0) {
                dst.put(copy, 0, n);
            }
            return n;
        });
    }

    private int read(Read read) throws IOException {
        while (true) {
            try {
                int n = read.from(body);
                if (n > 0) {
                    position += n;
                }
                return n;
            } catch (IOException e) {
                if (retried >= retries || (end >= 0 && position >= end)) {
                    throw e;
                }
                retried++;
                LOG.info("reading {}/{} from Swift failed at byte {} ({}): asking again ({}/{})", container, object,
                        position, e.getMessage(), retried, retries);
                closeQuietly();
                body = open();
            }
        }
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        body.close();
    }

    private void closeQuietly() {
        try {
            body.close();
        } catch (IOException e) {
            // replaced by a new answer
        }
    }
}
