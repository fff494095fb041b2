package org.glancej.store.rbd;

import java.lang.foreign.MemorySegment;

/**
 * The store's connected cluster and what it learnt on connecting.
 *
 * @param features the RBD features new images get: the cluster's {@code rbd_default_features}, or layering alone
 *     when that is unset or 0, as upstream's driver decides
 */
record RbdConnection(RadosCluster cluster, long features) implements AutoCloseable {
    static final long LAYERING = 1;

    static RbdConnection connect(RbdStoreConfig config) {
        RadosCluster cluster = RadosCluster.connect(config.confFile(), config.user(), config.connectTimeoutSeconds(),
                config.pool());
        long features = cluster.confGet("rbd_default_features").map(RbdConnection::parseFeatures).orElse(0L);
        return new RbdConnection(cluster, features == 0 ? LAYERING : features | LAYERING);
    }

    private static long parseFeatures(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    String fsid() {
        return cluster.fsid();
    }

    MemorySegment ioctx() {
        return cluster.ioctx();
    }

    @Override
    public void close() {
        cluster.close();
    }
}
