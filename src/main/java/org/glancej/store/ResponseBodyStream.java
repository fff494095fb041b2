package org.glancej.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as a stream that gives up when the server stays silent longer than the read timeout (the JDK
 * client's own body streams wait forever). It keeps {@value #AHEAD} pieces of the body (the client's reads of
 * ~16 KiB) asked for ahead of the reader: enough that the reader rarely waits for a hand-over between threads,
 * few enough that a slow reader holds little.
 */
public final class ResponseBodyStream extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Object END = new Object();
    private static final int AHEAD = 32;

    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    private final long idleNanos;
    private final String source;
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> pieces = List.<ByteBuffer>of().iterator();
    private ByteBuffer piece = ByteBuffer.allocate(0);
    private boolean ended;
    private boolean closed;

    /**
     * @param idleTimeout how long the server may send nothing before a read fails
     * @param source who sends the body, for messages: e.g. "the S3 store at http://host:7480"
     */
    public ResponseBodyStream(Duration idleTimeout, String source) {
        this.idleNanos = idleTimeout.toNanos();
        this.source = source;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(AHEAD);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        arrived.add(item);
    }

    @Override
    public void onError(Throwable failure) {
        arrived.add(failure);
    }

    @Override
    public void onComplete() {
        arrived.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (!piece.hasRemaining()) {
            if (pieces.hasNext()) {
                piece = pieces.next();
            } else if (ended || !next(true)) {
                return -1;
            }
        }
        int n = 0;
        // fill the caller's buffer from what has arrived, waiting only for the first bytes
        while (n < len) {
            if (!piece.hasRemaining()) {
                if (pieces.hasNext()) {
                    piece = pieces.next();
                    continue;
                }
                if (ended || !next(false)) {
                    break;
                }
                continue;
            }
            int k = Math.min(len - n, piece.remaining());
            piece.get(b, off + n, k);
            n += k;
        }
        return n;
    }

    @Override
    public int available() {
        return piece.remaining();
    }

    /** Takes the next piece of the body, waiting for it if {@code wait}; false at its end or if none is there. */
    @SuppressWarnings("unchecked")
    private boolean next(boolean wait) throws IOException {
        Object item;
        try {
            if (!wait) {
                // only data without waiting: the end or a failure is for the next read, after these bytes
                Object head = arrived.peek();
                if (!(head instanceof List)) {
                    return false;
                }
            }
            item = wait ? arrived.poll(idleNanos, TimeUnit.NANOSECONDS) : arrived.poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new IOException("interrupted while reading from " + source, e);
        }
        if (item == null) {
            cancel();
            throw new SocketTimeoutException(source + " sent nothing for "
                    + Duration.ofNanos(idleNanos).toSeconds() + " s");
        }
        if (item == END) {
            ended = true;
            return false;
        }
        if (item instanceof Throwable failure) {
            ended = true;
            throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
        }
        pieces = ((List<ByteBuffer>) item).iterator();
        subscription.request(1);
        return true;
    }

    /** Reads at most {@code limit} bytes, for error documents and small answers. */
    public byte[] readAtMost(int limit) throws IOException {
        try (this) {
            return readNBytes(limit);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (!ended) {
                cancel(); // drops the connection instead of reading the rest of a large object
            }
        }
    }

    private void cancel() {
        ended = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
