package org.glancej.store.swift;

import java.io.IOException;
import java.io.InputStream;

/** At most {@code limit} bytes of the caller's data, for one segment; closing it leaves the data open. */
final class SegmentStream extends InputStream {
    private final InputStream in;
    private long remaining;
    private long count;
    private boolean ended;

    SegmentStream(InputStream in, long limit) {
        this.in = in;
        this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            ended = true;
            return -1;
        }
        remaining -= n;
        count += n;
        return n;
    }

    /** Whether the caller's data ended before the limit. */
    boolean dataEnded() {
        return ended;
    }

    long count() {
        return count;
    }

    @Override
    public void close() {}
}
