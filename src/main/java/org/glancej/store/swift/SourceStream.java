package org.glancej.store.swift;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The caller's data as handed to the HTTP client, which wraps whatever the stream throws: this keeps the first
 * failure so that the store rethrows the caller's own exception, counts what was read, and tells a silent Swift
 * from a slow client: while the caller's data is being read the upload is not idle, however long the client takes;
 * once Swift stops taking bytes, or does not answer after the last one, it is.
 */
final class SourceStream extends FilterInputStream {
    private volatile RuntimeException failure;
    private volatile long bytesRead;
    private volatile long lastMoved = System.nanoTime();
    private volatile boolean waitingForCaller;

    SourceStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        waitingForCaller = true;
        try {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytesRead += n;
            }
            return n;
        } catch (IOException e) {
            remember(new UncheckedIOException(e));
            throw e;
        } catch (RuntimeException e) {
            remember(e);
            throw e;
        } finally {
            waitingForCaller = false;
            lastMoved = System.nanoTime();
        }
    }

    /** How long the upload has not moved for Swift's sake. */
    long idleNanos() {
        return waitingForCaller ? 0 : System.nanoTime() - lastMoved;
    }

    /** The HTTP client closes what it read; the caller's stream stays open for the next segment. */
    @Override
    public void close() {}

    long bytesRead() {
        return bytesRead;
    }

    /** Rethrows the data's own failure, if it had one. */
    void rethrowFailure() {
        if (failure != null) {
            throw failure;
        }
    }

    private synchronized void remember(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
    }
}
