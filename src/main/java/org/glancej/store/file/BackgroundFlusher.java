package org.glancej.store.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts writing an upload's dirty pages to disk while the upload goes on, one flush at a time in the
 * background, so the flush that must finish before the image turns active finds little left to write.
 * Without it the kernel holds a whole multi-GiB upload in the page cache and the final flush waits for all of it.
 */
final class BackgroundFlusher {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundFlusher.class);
    private static final long STEP = 64L << 20;

    private final FileChannel channel;
    private final AtomicBoolean flushing = new AtomicBoolean();
    private volatile Thread current;
    private long nextAt = STEP;

    BackgroundFlusher(FileChannel channel) {
        this.channel = channel;
    }

    /** Called after each write with the bytes written so far. */
    void written(long total) {
        if (total < nextAt || !flushing.compareAndSet(false, true)) {
            return;
        }
        nextAt = total + STEP;
        current = Thread.ofVirtual().name("upload-flush").start(() -> {
            try {
                channel.force(false);
            } catch (IOException e) {
                // the final, synchronous flush reports the failure that matters
                LOG.debug("background flush failed: {}", e.getMessage());
            } finally {
                flushing.set(false);
            }
        });
    }

    /** Waits for a flush in flight, so the file is not closed or deleted under it. */
    void await() {
        Thread t = current;
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
