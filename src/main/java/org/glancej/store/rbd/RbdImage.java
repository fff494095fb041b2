package org.glancej.store.rbd;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An open RBD image (or one of its snapshots, read-only). Calls block: make them on {@link NativeCalls}. librbd
 * allows reads and writes from several threads at once on one handle; {@link #close} only after they returned.
 */
final class RbdImage implements AutoCloseable {
    private final MemorySegment image;
    private final String name;

    private RbdImage(MemorySegment image, String name) {
        this.image = image;
        this.name = name;
    }

    /**
     * Creates an image of {@code size} bytes with {@code features} and objects of 2^{@code order} bytes; the raw
     * result (EEXIST when the name is taken).
     */
    static int create(MemorySegment ioctx, String name, long size, long features, int order) {
        CephNative.requirePlatformThread();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment orderInOut = arena.allocate(JAVA_INT);
            orderInOut.set(JAVA_INT, 0, order);
            return (int) CephNative.RBD_CREATE2.invokeExact(ioctx, arena.allocateFrom(name), size, features,
                    orderInOut);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** Removes an image; fails if it still has snapshots (ENOTEMPTY) or is open elsewhere (EBUSY). */
    static int remove(MemorySegment ioctx, String name) {
        CephNative.requirePlatformThread();
        try (Arena arena = Arena.ofConfined()) {
            return (int) CephNative.RBD_REMOVE.invokeExact(ioctx, arena.allocateFrom(name));
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** Opens the image for writing. */
    static RbdImage open(MemorySegment ioctx, String name) {
        return open(ioctx, name, null, false);
    }

    /** Opens the image, or its snapshot {@code snapshot} when not null, for reading only. */
    static RbdImage openReadOnly(MemorySegment ioctx, String name, String snapshot) {
        return open(ioctx, name, snapshot, true);
    }

    private static RbdImage open(MemorySegment ioctx, String name, String snapshot, boolean readOnly) {
        CephNative.requirePlatformThread();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            MemorySegment snap = snapshot == null ? MemorySegment.NULL : arena.allocateFrom(snapshot);
            MemorySegment cName = arena.allocateFrom(name);
            int result = readOnly ? (int) CephNative.RBD_OPEN_READ_ONLY.invokeExact(ioctx, cName, out, snap)
                    : (int) CephNative.RBD_OPEN.invokeExact(ioctx, cName, out, snap);
            CephErrors.check("opening image " + name + (snapshot == null ? "" : "@" + snapshot), result);
            return new RbdImage(out.get(ADDRESS, 0), name);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** How many clones the snapshot this image was opened at has (in any pool this client can see). */
    long children() {
        CephNative.requirePlatformThread();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment max = arena.allocate(JAVA_LONG);
            max.set(JAVA_LONG, 0, 0L);
            int result = (int) CephNative.RBD_LIST_CHILDREN3.invokeExact(image, MemorySegment.NULL, max);
            if (result == -CephErrors.ERANGE) {
                return Math.max(1, max.get(JAVA_LONG, 0));
            }
            CephErrors.check("listing the clones of image " + name, result);
            return 0;
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    long size() {
        CephNative.requirePlatformThread();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_LONG);
            CephErrors.check("reading the size of image " + name, (int) CephNative.RBD_GET_SIZE.invokeExact(image, out));
            return out.get(JAVA_LONG, 0);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    void resize(long size) {
        CephNative.requirePlatformThread();
        try {
            CephErrors.check("resizing image " + name, (int) CephNative.RBD_RESIZE.invokeExact(image, size));
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** Writes all of {@code data} at {@code offset}. */
    void write(long offset, MemorySegment data) {
        CephNative.requirePlatformThread();
        try {
            long written = CephErrors.check("writing to image " + name,
                    (long) CephNative.RBD_WRITE.invokeExact(image, offset, data.byteSize(), data));
            if (written != data.byteSize()) {
                throw CephErrors.of("writing to image " + name + " (short write)", -CephErrors.EIO);
            }
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** Fills {@code buffer} from {@code offset}, which must lie within the image. */
    void read(long offset, MemorySegment buffer) {
        CephNative.requirePlatformThread();
        try {
            long read = CephErrors.check("reading image " + name,
                    (long) CephNative.RBD_READ.invokeExact(image, offset, buffer.byteSize(), buffer));
            if (read != buffer.byteSize()) {
                throw CephErrors.of("reading image " + name + " (short read)", -CephErrors.EIO);
            }
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    void flush() {
        CephNative.requirePlatformThread();
        try {
            CephErrors.check("flushing image " + name, (int) CephNative.RBD_FLUSH.invokeExact(image));
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    void createSnapshot(String snapshot) {
        snapCall("creating snapshot", CephNative.RBD_SNAP_CREATE, snapshot, true);
    }

    void protectSnapshot(String snapshot) {
        snapCall("protecting snapshot", CephNative.RBD_SNAP_PROTECT, snapshot, true);
    }

    /** The raw result: EBUSY when the snapshot has clones, EINVAL when it is not protected. */
    int unprotectSnapshot(String snapshot) {
        return snapCall("unprotecting snapshot", CephNative.RBD_SNAP_UNPROTECT, snapshot, false);
    }

    /** The raw result: ENOENT when there is no such snapshot. */
    int removeSnapshot(String snapshot) {
        return snapCall("removing snapshot", CephNative.RBD_SNAP_REMOVE, snapshot, false);
    }

    private int snapCall(String operation, java.lang.invoke.MethodHandle handle, String snapshot, boolean check) {
        CephNative.requirePlatformThread();
        try (Arena arena = Arena.ofConfined()) {
            int result = (int) handle.invokeExact(image, arena.allocateFrom(snapshot));
            if (check) {
                CephErrors.check(operation + " " + name + "@" + snapshot, result);
            }
            return result;
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    @Override
    public void close() {
        CephNative.requirePlatformThread();
        try {
            CephErrors.check("closing image " + name, (int) CephNative.RBD_CLOSE.invokeExact(image));
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    private static RuntimeException unchecked(Throwable e) {
        if (e instanceof RuntimeException re) {
            return re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new IllegalStateException("unexpected failure of a native call", e);
    }
}
