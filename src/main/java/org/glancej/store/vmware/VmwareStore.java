package org.glancej.store.vmware;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreAvailability;
import org.glancej.store.StoreCapabilities;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image data as files named by image id in {@code vmware_store_image_dir} of a vSphere datastore, reached through
 * vCenter or ESXi as glance_store's vmware driver reaches it ({@link VimSession}, {@link DatastoreFiles}), at
 * locations of its form ({@link VsphereLocation}). The store logs in when built; a server that refuses or cannot
 * be reached leaves the store built but unavailable until a later call succeeds ({@link StoreAvailability}).
 */
public final class VmwareStore implements ImageStore {
    private static final Logger LOG = LoggerFactory.getLogger(VmwareStore.class);

    private final VmwareStoreConfig config;
    private final VimSession session;
    private final VsphereInventory inventory;
    private final DatastoreFiles files;
    private final StoreAvailability availability = new StoreAvailability();

    VmwareStore(VmwareStoreConfig config, VimSession session) {
        this.config = requireNonNull(config, "config is null");
        this.session = requireNonNull(session, "session is null");
        this.inventory = new VsphereInventory(session, config);
        this.files = new DatastoreFiles(session, config);
        try {
            availability.track(inventory::states);
        } catch (StoreException e) {
            LOG.warn("the VMware datastore store cannot be used for now: {}", e.getMessage());
        }
    }

    @Override
    public String type() {
        return "vmware";
    }

    @Override
    public StoreCapabilities capabilities() {
        return new StoreCapabilities(true, true, true, true);
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("vmware_server_host", config.locationHost(), "vmware_datastores", config.datastores().stream()
                .map(d -> d.datacenterPath() + ":" + d.name() + ":" + d.weight()).toList(),
                "vmware_store_image_dir", "/" + config.imageDir());
    }

    @Override
    public Optional<String> unavailable() {
        return availability.problem();
    }

    @Override
    public StoredData add(String imageId, InputStream data, OptionalLong expectedSize) {
        if (imageId.isEmpty() || imageId.contains("/") || imageId.contains("..")) {
            throw new StoreException(Reason.BAD_LOCATION, "Invalid image id for the VMware datastore store");
        }
        return tracked(() -> write(imageId, data, expectedSize));
    }

    private StoredData write(String imageId, InputStream data, OptionalLong expectedSize) {
        VmwareStoreConfig.Datastore datastore = inventory.choose(expectedSize.orElse(0));
        VsphereLocation location = VsphereLocation.of(config.locationHost(), config.imageDir(), imageId,
                datastore.datacenterPath(), datastore.name());
        if (files.size(location).isPresent()) {
            throw new StoreException(Reason.BAD_LOCATION, "Image data for " + imageId
                    + " already exists in the VMware datastore");
        }
        try {
            return new StoredData(location.url(), files.put(location, data, expectedSize));
        } catch (RuntimeException | Error e) {
            if (e instanceof StoreException se && se.reason() == Reason.UNAVAILABLE) {
                // a server that stopped answering would make the client wait out the clean-up's timeout too: clean
                // up behind the answer (the service's removal sweep retries what is recorded)
                Thread.ofVirtual().name("vmware-cleanup-" + imageId).start(() -> cleanUp(location));
            } else {
                cleanUp(location);
            }
            throw e;
        }
    }

    private void cleanUp(VsphereLocation location) {
        try {
            inventory.delete(location);
        } catch (StoreException e) {
            LOG.warn("could not remove what a failed write left in the VMware datastore {}: {}",
                    location.datastoreName(), e.getMessage());
        }
    }

    @Override
    public InputStream get(String locationUrl, long offset, long length) {
        VsphereLocation location = ours(locationUrl);
        if (length == 0) {
            size(locationUrl); // still NOT_FOUND for missing data
            return InputStream.nullInputStream();
        }
        return tracked(() -> files.get(location, offset, length));
    }

    @Override
    public long size(String locationUrl) {
        VsphereLocation location = ours(locationUrl);
        return tracked(() -> files.size(location)).orElseThrow(
                () -> new StoreException(Reason.NOT_FOUND, "Image data not found in the VMware datastore"));
    }

    @Override
    public void delete(String locationUrl) {
        VsphereLocation location = ours(locationUrl);
        tracked(() -> {
            inventory.delete(location);
            return null;
        });
    }

    /** Known ahead when one datastore is configured; with several, free space decides at the time of writing. */
    @Override
    public Optional<String> uploadLocation(String imageId) {
        if (config.datastores().size() != 1) {
            return Optional.empty();
        }
        VmwareStoreConfig.Datastore only = config.datastores().getFirst();
        return Optional.of(VsphereLocation.of(config.locationHost(), config.imageDir(), imageId,
                only.datacenterPath(), only.name()).url());
    }

    /** Locations of this store's server; those of another vCenter are another store's (and never get its cookie). */
    @Override
    public boolean owns(String locationUrl) {
        return VsphereLocation.parse(locationUrl).filter(l -> l.host().equalsIgnoreCase(config.locationHost()))
                .isPresent();
    }

    private VsphereLocation ours(String locationUrl) {
        if (!owns(locationUrl)) {
            throw new StoreException(Reason.BAD_LOCATION, "Not a location of this VMware datastore store");
        }
        return VsphereLocation.parse(locationUrl).orElseThrow();
    }

    private <T> T tracked(java.util.function.Supplier<T> call) {
        return availability.track(call);
    }

    /** The session cookie in use, for tests that end the session on the server. */
    String sessionCookie() {
        return session.cookie();
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public String toString() {
        return "VmwareStore[" + session.server() + "]";
    }
}
