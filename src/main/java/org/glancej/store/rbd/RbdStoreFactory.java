package org.glancej.store.rbd;

import org.glancej.config.ConfigException;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreFactory;
import org.glancej.store.StoreSection;

/** An rbd store from upstream's options; it connects to the cluster on first use. */
public final class RbdStoreFactory implements StoreFactory {
    /** librbd takes objects up to 32 MiB (order 25). */
    private static final int MAX_CHUNK_MIB = 32;

    @Override
    public ImageStore create(StoreSection options) {
        RbdStoreConfig config = config(options);
        try {
            CephNative.load();
        } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new ConfigException("store '" + options.storeId() + "' (rbd) needs librados.so.2 and librbd.so.1"
                    + " (Debian's librados2 and librbd1): " + e);
        }
        return new RbdStore(config);
    }

    static RbdStoreConfig config(StoreSection options) {
        String pool = options.string("rbd_store_pool", "images").strip();
        if (pool.isEmpty()) {
            throw new ConfigException("invalid value for [" + options.sectionOf("rbd_store_pool")
                    + "] rbd_store_pool = : must not be empty");
        }
        String user = options.string("rbd_store_user", "").strip();
        if (user.startsWith("client.")) {
            user = user.substring("client.".length());
        }
        return new RbdStoreConfig(pool, user, options.string("rbd_store_ceph_conf", "").strip(),
                options.integer("rbd_store_chunk_size", 8, 1, MAX_CHUNK_MIB),
                options.integer("rados_connect_timeout", -1, Integer.MIN_VALUE, Integer.MAX_VALUE),
                options.bool("rbd_thin_provisioning", false));
    }
}
