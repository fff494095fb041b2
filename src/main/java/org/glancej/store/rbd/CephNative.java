package org.glancej.store.rbd;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The few librados and librbd functions the store calls, bound once. Handles are C's {@code void *} (rados_t,
 * rados_ioctx_t, rbd_image_t); sizes are 64-bit on the platforms Ceph ships for. Every call here blocks, so
 * callers run them on {@link NativeCalls}' platform threads, never on a virtual thread's carrier.
 */
final class CephNative {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBS = libraries();

    static final MethodHandle RADOS_CREATE = bind("rados_create", JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle RADOS_CONF_READ_FILE = bind("rados_conf_read_file", JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle RADOS_CONF_SET = bind("rados_conf_set", JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    static final MethodHandle RADOS_CONF_GET = bind("rados_conf_get", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG);
    static final MethodHandle RADOS_CONNECT = bind("rados_connect", JAVA_INT, ADDRESS);
    static final MethodHandle RADOS_SHUTDOWN = bindVoid("rados_shutdown", ADDRESS);
    static final MethodHandle RADOS_CLUSTER_FSID = bind("rados_cluster_fsid", JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
    static final MethodHandle RADOS_IOCTX_CREATE = bind("rados_ioctx_create", JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    static final MethodHandle RADOS_SET_POOL_FULL_TRY = bindVoid("rados_set_pool_full_try", ADDRESS);
    static final MethodHandle RADOS_IOCTX_DESTROY = bindVoid("rados_ioctx_destroy", ADDRESS);

    static final MethodHandle RBD_CREATE2 =
            bind("rbd_create2", JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS);
    static final MethodHandle RBD_REMOVE = bind("rbd_remove", JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle RBD_OPEN = bind("rbd_open", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    static final MethodHandle RBD_OPEN_READ_ONLY =
            bind("rbd_open_read_only", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    static final MethodHandle RBD_CLOSE = bind("rbd_close", JAVA_INT, ADDRESS);
    static final MethodHandle RBD_GET_SIZE = bind("rbd_get_size", JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle RBD_RESIZE = bind("rbd_resize", JAVA_INT, ADDRESS, JAVA_LONG);
    static final MethodHandle RBD_READ = bind("rbd_read", JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS);
    static final MethodHandle RBD_WRITE = bind("rbd_write", JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS);
    static final MethodHandle RBD_FLUSH = bind("rbd_flush", JAVA_INT, ADDRESS);
    static final MethodHandle RBD_SNAP_CREATE = bind("rbd_snap_create", JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle RBD_SNAP_REMOVE = bind("rbd_snap_remove", JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle RBD_SNAP_PROTECT = bind("rbd_snap_protect", JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle RBD_SNAP_UNPROTECT = bind("rbd_snap_unprotect", JAVA_INT, ADDRESS, ADDRESS);
    /** rbd_list_children3(image, specs, &max): with max 0, 0 when there are none, else -ERANGE and the count. */
    static final MethodHandle RBD_LIST_CHILDREN3 = bind("rbd_list_children3", JAVA_INT, ADDRESS, ADDRESS, ADDRESS);

    private CephNative() {}

    /**
     * Refuses a native call from a virtual thread: it would block the carrier under every other virtual thread
     * scheduled there. Each binding's caller checks this first.
     */
    static void requirePlatformThread() {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("librados/librbd called from a virtual thread; use the native pool");
        }
    }

    /** Loads and binds the libraries; fails with {@link ExceptionInInitializerError} when they are missing. */
    static void load() {}

    private static SymbolLookup libraries() {
        // the global arena: the libraries stay loaded for the life of the process, as the handles do
        return SymbolLookup.libraryLookup("librados.so.2", Arena.global())
                .or(SymbolLookup.libraryLookup("librbd.so.1", Arena.global()));
    }

    private static MethodHandle bind(String name, java.lang.foreign.MemoryLayout result,
            java.lang.foreign.MemoryLayout... args) {
        return LINKER.downcallHandle(LIBS.findOrThrow(name), FunctionDescriptor.of(result, args));
    }

    private static MethodHandle bindVoid(String name, java.lang.foreign.MemoryLayout... args) {
        return LINKER.downcallHandle(LIBS.findOrThrow(name), FunctionDescriptor.ofVoid(args));
    }
}
