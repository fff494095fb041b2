package org.glancej.store.s3;

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
 * client's own body streams wait forever). It asks for one piece of the body at a time, so a slow reader holds
 * only what the connection delivered ahead.
 */
final class ResponseBodyStream extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Object END = new Object();

    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    private final long idleNanos;
    private final String server;
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> pieces = List.<ByteBuffer>of().iterator();
    private ByteBuffer piece = ByteBuffer.allocate(0);
    private boolean ended;
    private boolean closed;

    ResponseBodyStream(Duration idleTimeout, String server) {
        this.idleNanos = idleTimeout.toNanos();
        this.server = server;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
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
            } else if (ended || !next()) {
                return -1;
            }
        }
        int n = Math.min(len, piece.remaining());
        piece.get(b, off, n);
        return n;
    }

    @Override
    public int available() {
        return piece.remaining();
    }

    /** Waits for the next piece of the body; false at its end. */
    @SuppressWarnings("unchecked")
    private boolean next() throws IOException {
        Object item;
        try {
            item = arrived.poll(idleNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new IOException("interrupted while reading from the S3 store", e);
        }
        if (item == null) {
            cancel();
            throw new SocketTimeoutException("the S3 store at " + server + " sent nothing for "
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
    byte[] readAtMost(int limit) throws IOException {
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
