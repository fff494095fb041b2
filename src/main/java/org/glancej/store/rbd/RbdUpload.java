package org.glancej.store.rbd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Future;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One image's data written into a new RBD image, chunk by chunk, while the next chunk is read from the client: up
 * to {@link #DEPTH} chunk writes are in flight on the native pool. With a known size the image is created at it;
 * otherwise it grows ahead of the data in doubling steps (as upstream, up to 8 GiB a step) and is trimmed to the
 * exact size at the end. The snapshot is taken and protected only once every byte is written.
 */
final class RbdUpload {
    private static final Logger LOG = LoggerFactory.getLogger(RbdUpload.class);
    private static final int DEPTH = 4;
    private static final long MAX_GROWTH = 8L << 30;
    /** Bytes taken from the client stream per read; chunks are assembled from them off-heap. */
    private static final int READ_SIZE = 1 << 20;
    private static final Duration CLEANUP_PATIENCE = Duration.ofMinutes(10);
    private static final Duration CLEANUP_PROBE_INTERVAL = Duration.ofSeconds(2);

    private final NativeCalls calls;
    private final RbdConnection conn;
    private final String name;
    private final RbdStoreConfig config;
    private final Future<?>[] writes = new Future<?>[DEPTH];

    RbdUpload(NativeCalls calls, RbdConnection conn, String name, RbdStoreConfig config) {
        this.calls = calls;
        this.conn = conn;
        this.name = name;
        this.config = config;
    }

    /** Stores all of {@code data}; on failure removes the image and rethrows the failure unchanged. */
    long write(InputStream data, OptionalLong expectedSize) {
        long initialSize = expectedSize.orElse(0);
        int created = calls.call(
                () -> RbdImage.create(conn.ioctx(), name, initialSize, conn.features(), config.order()));
        if (created == -CephErrors.EEXIST) {
            // someone else's data: never remove it
            throw new StoreException(Reason.BAD_LOCATION, "RBD image " + name + " already exists");
        }
        if (created < 0) {
            removeQuietly();
            throw CephErrors.of("creating image " + name, created);
        }
        RbdImage image = null;
        try (Arena arena = Arena.ofShared()) {
            try {
                image = calls.call(() -> RbdImage.open(conn.ioctx(), name));
                long written = copy(data, image, initialSize, arena);
                RbdImage opened = image;
                image = null;
                calls.call(() -> {
                    try (opened) {
                        opened.flush();
                        opened.createSnapshot(RbdStore.SNAPSHOT);
                        opened.protectSnapshot(RbdStore.SNAPSHOT);
                    }
                    return null;
                });
                return written;
            } catch (RuntimeException | Error e) {
                // the writes still in flight use the arena's memory: let them end before it is freed
                awaitAllQuietly();
                if (e instanceof StoreException se && se.reason() == Reason.UNAVAILABLE) {
                    // the cluster does not answer: closing (its flush) and removing would each wait out the
                    // timeout again before the client hears of it, so they go on behind the answer
                    cleanUpInBackground(image);
                } else {
                    closeQuietly(image);
                    removeQuietly();
                }
                throw e;
            }
        }
    }

    private long copy(InputStream data, RbdImage image, long initialSize, Arena arena) {
        long chunk = config.chunkSizeBytes();
        MemorySegment[] buffers = new MemorySegment[DEPTH];
        MemorySegment zeros = config.thinProvisioning() ? arena.allocate(chunk) : null;
        byte[] heap = new byte[(int) Math.min(READ_SIZE, chunk)];
        long size = initialSize;
        long growth = chunk;
        long written = 0;
        for (int slot = 0; ; slot = (slot + 1) % DEPTH) {
            if (writes[slot] != null) {
                NativeCalls.await(writes[slot]);
                writes[slot] = null;
            }
            if (buffers[slot] == null) {
                buffers[slot] = arena.allocate(chunk, 4096);
            }
            MemorySegment buffer = buffers[slot];
            long filled = fill(data, heap, buffer);
            if (filled == 0) {
                break;
            }
            if (written + filled > size) {
                growth = Math.min(growth * 2, MAX_GROWTH);
                long newSize = Math.max(written + filled, size + growth);
                awaitAll();
                calls.call(() -> {
                    image.resize(newSize);
                    return null;
                });
                size = newSize;
            }
            MemorySegment piece = buffer.asSlice(0, filled);
            if (zeros == null || piece.mismatch(zeros.asSlice(0, filled)) >= 0) {
                long offset = written;
                writes[slot] = calls.submit(() -> {
                    image.write(offset, piece);
                    return null;
                });
            }
            written += filled;
            if (filled < chunk) {
                break;
            }
        }
        awaitAll();
        if (size != written) {
            long exact = written;
            calls.call(() -> {
                image.resize(exact);
                return null;
            });
        }
        return written;
    }

    /** Reads from {@code data} until {@code buffer} is full or the data ends; the number of bytes read. */
    private static long fill(InputStream data, byte[] heap, MemorySegment buffer) {
        long filled = 0;
        try {
            while (filled < buffer.byteSize()) {
                int n = data.read(heap, 0, (int) Math.min(heap.length, buffer.byteSize() - filled));
                if (n < 0) {
                    break;
                }
                MemorySegment.copy(heap, 0, buffer, ValueLayout.JAVA_BYTE, filled, n);
                filled += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return filled;
    }

    private void awaitAll() {
        for (int i = 0; i < DEPTH; i++) {
            if (writes[i] != null) {
                Future<?> write = writes[i];
                writes[i] = null;
                NativeCalls.await(write);
            }
        }
    }

    private void awaitAllQuietly() {
        for (int i = 0; i < DEPTH; i++) {
            if (writes[i] != null) {
                try {
                    NativeCalls.await(writes[i]);
                } catch (RuntimeException ignored) {
                    // the first failure is the one the caller hears about
                }
                writes[i] = null;
            }
        }
    }

    private void closeQuietly(RbdImage image) {
        if (image != null) {
            try {
                calls.call(() -> {
                    image.close();
                    return null;
                });
            } catch (RuntimeException ignored) {
                // removal below reports nothing either: the caller hears of the first failure
            }
        }
    }

    /**
     * Closes and removes the image once the cluster answers again. Closing while it does not answer times out
     * the unwatch of the image's header, and librados can then keep the watch alive once the cluster is back:
     * the image stays "in use" by this process and no removal succeeds until it restarts.
     */
    private void cleanUpInBackground(RbdImage image) {
        Thread.ofVirtual().name("rbd-cleanup-" + name).start(() -> {
            awaitClusterAnswers();
            try {
                calls.call(() -> {
                    if (image != null) {
                        try {
                            image.close();
                        } catch (RuntimeException ignored) {
                            // the removal below, or the caller's sweep, says what is left
                        }
                    }
                    removeNow();
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warn("rbd store: could not remove image {} of a failed upload: {}", name, e.getMessage());
            }
        });
    }

    /** Waits, up to {@link #CLEANUP_PATIENCE}, until a read-only open of the image (no watch) succeeds. */
    private void awaitClusterAnswers() {
        long deadline = System.nanoTime() + CLEANUP_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                calls.call(() -> {
                    RbdImage.openReadOnly(conn.ioctx(), name, null).close();
                    return null;
                });
                return;
            } catch (StoreException e) {
                if (e.reason() != Reason.UNAVAILABLE) {
                    return;
                }
            } catch (RuntimeException e) {
                return;
            }
            try {
                Thread.sleep(CLEANUP_PROBE_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void removeQuietly() {
        try {
            calls.call(() -> {
                removeNow();
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("rbd store: could not remove image {} of a failed upload: {}", name, e.getMessage());
        }
    }

    /** On a native thread. */
    private void removeNow() {
        try {
            RbdRemoval.remove(conn.ioctx(), name, Optional.of(RbdStore.SNAPSHOT));
        } catch (RuntimeException e) {
            // the upload's own failure is what the caller hears about; the caller's removal of the upload's
            // location retries this
            LOG.warn("rbd store: could not remove image {} of a failed upload: {}", name, e.getMessage());
        }
    }
}
