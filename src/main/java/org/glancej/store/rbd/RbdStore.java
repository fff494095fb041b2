package org.glancej.store.rbd;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreCapabilities;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image data in a Ceph pool, laid out as upstream's rbd driver does so that Nova and Cinder clone it and upstream
 * nodes read it: one RBD image per Glance image, named by the image id, with a protected snapshot {@code snap}
 * taken once the data is complete, at {@code rbd://<fsid>/<pool>/<id>/snap}.
 *
 * <p>One librados connection serves every request; it is made on first use, and again on the next use if it
 * could not be made (the cluster was down), so the service starts and recovers without the cluster.
 */
public final class RbdStore implements ImageStore {
    static final String SNAPSHOT = "snap";
    /** Platform threads making native calls for all requests together. */
    private static final int NATIVE_THREADS = 16;
    private static final Logger LOG = LoggerFactory.getLogger(RbdStore.class);

    private final RbdStoreConfig config;
    private final NativeCalls calls = new NativeCalls("rbd-io", NATIVE_THREADS);
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile RbdConnection connection;
    private volatile boolean closed;

    public RbdStore(RbdStoreConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public String type() {
        return "rbd";
    }

    @Override
    public StoreCapabilities capabilities() {
        return new StoreCapabilities(true, true, true, true);
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("chunk_size", config.chunkSizeBytes());
        properties.put("pool", config.pool());
        properties.put("thin_provisioning", config.thinProvisioning());
        RbdConnection known = connection;
        if (known != null) {
            properties.put("fsid", known.fsid());
        }
        return properties;
    }

    @Override
    public StoredData add(String imageId, InputStream data, OptionalLong expectedSize) {
        RbdConnection conn = connection();
        RbdLocation location = RbdLocation.of(conn.fsid(), config.pool(), imageId, SNAPSHOT);
        long written = new RbdUpload(calls, conn, imageId, config).write(data, expectedSize);
        return new StoredData(location.url(), written);
    }

    @Override
    public InputStream get(String locationUrl, long offset, long length) {
        RbdLocation location = owned(locationUrl);
        RbdConnection conn = connection();
        return RbdInputStream.open(calls, conn, location, offset, length, config.chunkSizeBytes());
    }

    @Override
    public long size(String locationUrl) {
        RbdLocation location = owned(locationUrl);
        RbdConnection conn = connection();
        return calls.call(() -> {
            try (RbdImage image = RbdImage.openReadOnly(conn.ioctx(), location.image(),
                    location.snapshot().orElse(null))) {
                return image.size();
            }
        });
    }

    @Override
    public void delete(String locationUrl) {
        RbdLocation location = owned(locationUrl);
        RbdConnection conn = connection();
        calls.call(() -> {
            RbdRemoval.remove(conn.ioctx(), location.image(), location.snapshot());
            return null;
        });
    }

    /** Clones of the image's snapshot (instances or volumes booted from it) make it {@link StoreException.Reason#IN_USE}. */
    @Override
    public void checkRemovable(String locationUrl) {
        RbdLocation location = owned(locationUrl);
        if (location.snapshot().isEmpty()) {
            return;
        }
        RbdConnection conn = connection();
        long clones = calls.call(() -> {
            try (RbdImage opened = RbdImage.openReadOnly(conn.ioctx(), location.image(), location.snapshot().get())) {
                return opened.children();
            } catch (StoreException e) {
                if (e.reason() == StoreException.Reason.NOT_FOUND) {
                    return 0L;
                }
                throw e;
            }
        });
        if (clones > 0) {
            throw new StoreException(StoreException.Reason.IN_USE, "RBD image " + location.image() + " has " + clones
                    + " clone(s) of its snapshot (volumes or instances booted from it)");
        }
    }

    @Override
    public Optional<String> uploadLocation(String imageId) {
        return Optional.of(RbdLocation.of(connection().fsid(), config.pool(), imageId, SNAPSHOT).url());
    }

    /**
     * Upstream's legacy {@code rbd://<image>} (an image in this store's pool), or the full form in this store's
     * pool and cluster; while the cluster cannot be reached, the fsid is taken on trust.
     */
    @Override
    public boolean owns(String locationUrl) {
        RbdLocation location;
        try {
            location = RbdLocation.parse(locationUrl);
        } catch (StoreException e) {
            return false;
        }
        if (location.pool().isEmpty()) {
            return true;
        }
        if (!location.pool().get().equals(config.pool())) {
            return false;
        }
        try {
            return location.fsid().get().equals(connection().fsid());
        } catch (StoreException e) {
            return e.reason() == Reason.UNAVAILABLE;
        }
    }

    private RbdLocation owned(String locationUrl) {
        RbdLocation location = RbdLocation.parse(locationUrl);
        if (!owns(locationUrl)) {
            throw new StoreException(Reason.BAD_LOCATION, "RBD location is not in this store's cluster and pool");
        }
        return location;
    }

    private RbdConnection connection() {
        RbdConnection current = connection;
        if (current != null) {
            return current;
        }
        connecting.lock();
        try {
            if (closed) {
                throw new StoreException(Reason.UNAVAILABLE, "RBD store is closed");
            }
            if (connection == null) {
                connection = calls.call(() -> RbdConnection.connect(config));
                LOG.info("rbd store connected to Ceph cluster {}, pool {}", connection.fsid(), config.pool());
            }
            return connection;
        } finally {
            connecting.unlock();
        }
    }

    @Override
    public void close() {
        connecting.lock();
        try {
            closed = true;
            calls.close();
            RbdConnection current = connection;
            connection = null;
            if (current != null) {
                // the pool is gone: shut librados down from a platform thread of its own
                Thread closer = Thread.ofPlatform().name("rbd-close").start(current::close);
                closer.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connecting.unlock();
        }
    }
}
