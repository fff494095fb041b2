package org.glancej.store.rbd;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;

/**
 * A librados connection and an I/O context on one pool. Calls block: make them on {@link NativeCalls}. The
 * handles are thread-safe in librados, so one connection serves every request.
 */
final class RadosCluster implements AutoCloseable {
    private final MemorySegment cluster;
    private final MemorySegment ioctx;
    private final String fsid;

    private RadosCluster(MemorySegment cluster, MemorySegment ioctx, String fsid) {
        this.cluster = cluster;
        this.ioctx = ioctx;
        this.fsid = fsid;
    }

    /**
     * Connects as {@code user} (without "client.", empty for librados' default) with the configuration file
     * (empty: librados' search path), and opens {@code pool}. A connect timeout below 0 leaves librados' own.
     */
    static RadosCluster connect(String confFile, String user, int connectTimeout, String pool) {
        CephNative.requirePlatformThread();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handleOut = arena.allocate(ADDRESS);
            MemorySegment id = user.isEmpty() ? MemorySegment.NULL : arena.allocateFrom(user);
            MemorySegment path = confFile.isEmpty() ? MemorySegment.NULL : arena.allocateFrom(confFile);
            check("creating the cluster handle", (int) CephNative.RADOS_CREATE.invokeExact(handleOut, id));
            MemorySegment cluster = handleOut.get(ADDRESS, 0);
            try {
                check("reading the Ceph configuration file",
                        (int) CephNative.RADOS_CONF_READ_FILE.invokeExact(cluster, path));
                if (connectTimeout >= 0) {
                    // as upstream: the connect timeout bounds monitor and OSD operations as well
                    for (String option : new String[] {"rados_osd_op_timeout", "rados_mon_op_timeout",
                            "client_mount_timeout"}) {
                        check("setting " + option, (int) CephNative.RADOS_CONF_SET.invokeExact(cluster,
                                arena.allocateFrom(option), arena.allocateFrom(Integer.toString(connectTimeout))));
                    }
                }
                check("connecting to the Ceph cluster", (int) CephNative.RADOS_CONNECT.invokeExact(cluster));
                MemorySegment ioctxOut = arena.allocate(ADDRESS);
                int opened = (int) CephNative.RADOS_IOCTX_CREATE.invokeExact(cluster, arena.allocateFrom(pool),
                        ioctxOut);
                if (opened < 0) {
                    throw new StoreException(Reason.UNAVAILABLE, "RBD store: cannot open pool '" + pool + "': "
                            + CephErrors.describe(-opened));
                }
                MemorySegment ioctx = ioctxOut.get(ADDRESS, 0);
                // a full pool then fails writes with EDQUOT/ENOSPC at once, where librados would hold them until
                // space frees up (or the OSD timeout): the client hears "storage full" instead of waiting
                CephNative.RADOS_SET_POOL_FULL_TRY.invokeExact(ioctx);
                MemorySegment fsidBuffer = arena.allocate(64);
                int length = check("reading the cluster fsid",
                        (int) CephNative.RADOS_CLUSTER_FSID.invokeExact(cluster, fsidBuffer, 64L));
                String fsid = new String(fsidBuffer.asSlice(0, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                        java.nio.charset.StandardCharsets.US_ASCII);
                return new RadosCluster(cluster, ioctx, fsid);
            } catch (RuntimeException | Error e) {
                CephNative.RADOS_SHUTDOWN.invokeExact(cluster);
                throw e;
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** A configuration value as librados resolved it, if set. */
    Optional<String> confGet(String option) {
        CephNative.requirePlatformThread();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(256);
            int result = (int) CephNative.RADOS_CONF_GET.invokeExact(cluster, arena.allocateFrom(option), buffer,
                    256L);
            return result < 0 ? Optional.empty() : Optional.of(buffer.getString(0));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    MemorySegment ioctx() {
        return ioctx;
    }

    String fsid() {
        return fsid;
    }

    @Override
    public void close() {
        CephNative.requirePlatformThread();
        try {
            CephNative.RADOS_IOCTX_DESTROY.invokeExact(ioctx);
            CephNative.RADOS_SHUTDOWN.invokeExact(cluster);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static int check(String operation, int result) {
        if (result < 0) {
            StoreException e = CephErrors.of(operation, result);
            // any failure to reach the cluster is the cluster being unavailable, whatever the errno
            throw new StoreException(Reason.UNAVAILABLE, e.getMessage());
        }
        return result;
    }
}
