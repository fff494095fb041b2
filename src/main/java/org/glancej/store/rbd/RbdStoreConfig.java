package org.glancej.store.rbd;

import static java.util.Objects.requireNonNull;

/**
 * The rbd store's options, named and defaulted as upstream's.
 *
 * @param pool {@code rbd_store_pool}
 * @param user {@code rbd_store_user} without "client.", empty for librados' default
 * @param confFile {@code rbd_store_ceph_conf}, empty for librados' search path
 * @param chunkSizeMiB {@code rbd_store_chunk_size}: the RBD object size, and the unit of reads and writes
 * @param connectTimeoutSeconds {@code rados_connect_timeout}; below 0 leaves librados' own timeouts
 * @param thinProvisioning {@code rbd_thin_provisioning}: all-zero chunks are not written
 */
public record RbdStoreConfig(String pool, String user, String confFile, int chunkSizeMiB, int connectTimeoutSeconds,
        boolean thinProvisioning) {
    public RbdStoreConfig {
        requireNonNull(pool, "pool is null");
        requireNonNull(user, "user is null");
        requireNonNull(confFile, "confFile is null");
    }

    public long chunkSizeBytes() {
        return (long) chunkSizeMiB << 20;
    }

    /** The RBD object size as librbd takes it, 2^order bytes: the chunk size rounded down to a power of two. */
    public int order() {
        return 63 - Long.numberOfLeadingZeros(chunkSizeBytes());
    }
}
