package org.glancej.store.rbd;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.concurrent.Future;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreException;

/**
 * Reads an RBD snapshot (or image) ahead of its reader: up to {@link #DEPTH} reads of one object each (the
 * store's chunk size, aligned to object boundaries) are in flight on the native pool while the reader copies out
 * the oldest. Closing waits for the reads in flight, then closes the image and frees the buffers.
 */
final class RbdInputStream extends InputStream {
    private static final int DEPTH = 4;

    private record Pending(Future<?> done, MemorySegment data, MemorySegment buffer) {}

    private final NativeCalls calls;
    private final RbdImage image;
    private final long unit;
    private final long end;
    private final Arena arena = Arena.ofShared();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final ArrayDeque<MemorySegment> free = new ArrayDeque<>();
    private int allocated;
    private long nextOffset;
    private Pending current;
    private long currentPosition;
    private boolean closed;

    private RbdInputStream(NativeCalls calls, RbdImage image, long offset, long end, long unit) {
        this.calls = calls;
        this.image = image;
        this.nextOffset = offset;
        this.end = end;
        this.unit = unit;
    }

    /** Opens the location's data from {@code offset}, {@code length} bytes or {@link ImageStore#TO_END}. */
    static RbdInputStream open(NativeCalls calls, RbdConnection conn, RbdLocation location, long offset, long length,
            long unit) {
        RbdImage image = calls.call(() -> RbdImage.openReadOnly(conn.ioctx(), location.image(),
                location.snapshot().orElse(null)));
        try {
            long size = calls.call(image::size);
            long start = Math.min(Math.max(offset, 0), size);
            long end = length == ImageStore.TO_END ? size : Math.min(size, start + length);
            RbdInputStream in = new RbdInputStream(calls, image, start, end, unit);
            in.readAhead();
            return in;
        } catch (RuntimeException e) {
            calls.call(() -> {
                image.close();
                return null;
            });
            throw e;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("RBD image stream is closed");
        }
        if (len == 0) {
            return 0;
        }
        if (current == null || currentPosition == current.data().byteSize()) {
            if (!next()) {
                return -1;
            }
        }
        int n = (int) Math.min(len, current.data().byteSize() - currentPosition);
        MemorySegment.copy(current.data(), ValueLayout.JAVA_BYTE, currentPosition, b, off, n);
        currentPosition += n;
        return n;
    }

    /** Moves on to the oldest read in flight; false at the end of the data. */
    private boolean next() throws IOException {
        if (current != null) {
            free.add(current.buffer());
            current = null;
        }
        readAhead();
        Pending oldest = pending.pollFirst();
        if (oldest == null) {
            return false;
        }
        try {
            NativeCalls.await(oldest.done());
        } catch (StoreException e) {
            free.add(oldest.buffer());
            throw new IOException(e.getMessage(), e);
        }
        current = oldest;
        currentPosition = 0;
        readAhead();
        return true;
    }

    private void readAhead() {
        while (nextOffset < end && pending.size() < DEPTH) {
            MemorySegment buffer = free.pollFirst();
            if (buffer == null) {
                if (allocated == DEPTH + 1) {
                    return;
                }
                // no later read is longer than what is left now: small images and ranges get small buffers
                buffer = arena.allocate(Math.min(unit, end - nextOffset), 4096);
                allocated++;
            }
            // up to the next object boundary, so that each read touches one object
            long length = Math.min(unit - nextOffset % unit, end - nextOffset);
            MemorySegment data = buffer.asSlice(0, length);
            long offset = nextOffset;
            pending.add(new Pending(calls.submit(() -> {
                image.read(offset, data);
                return null;
            }), data, buffer));
            nextOffset += length;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Pending read : pending) {
            try {
                NativeCalls.await(read.done());
            } catch (RuntimeException ignored) {
                // the reader is gone: nothing to tell
            }
        }
        pending.clear();
        try {
            calls.call(() -> {
                image.close();
                return null;
            });
        } catch (RuntimeException ignored) {
            // a read-only handle holds nothing a failed close could lose
        } finally {
            arena.close();
        }
    }
}
