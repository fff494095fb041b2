package org.glancej.store.s3;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * The store's part buffers: at most {@code count} of {@code size} bytes each, off the heap (the JVM's heap stays
 * flat however large the image) and reused from one part to the next. A part of several buffers takes them all at
 * once, so uploads waiting for buffers never hold some of them.
 */
final class PartBuffers {
    private final int count;
    private final int size;
    private final Semaphore available;
    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();

    PartBuffers(int count, int size) {
        this.count = count;
        this.size = size;
        this.available = new Semaphore(count, true);
    }

    int count() {
        return count;
    }

    int size() {
        return size;
    }

    /** Waits for {@code n} (at most {@link #count}) empty buffers. */
    List<ByteBuffer> take(int n) throws InterruptedException {
        available.acquire(n);
        List<ByteBuffer> taken = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ByteBuffer buffer = free.poll();
            taken.add(buffer != null ? buffer.clear() : ByteBuffer.allocateDirect(size));
        }
        return taken;
    }

    /**
     * Gives buffers back. Those of a failed request are dropped rather than reused: the HTTP client may still be
     * reading them for a connection it is tearing down.
     */
    void give(List<ByteBuffer> buffers, boolean reusable) {
        if (reusable) {
            free.addAll(buffers);
        }
        available.release(buffers.size());
    }
}
