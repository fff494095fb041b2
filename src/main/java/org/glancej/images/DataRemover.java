package org.glancej.images;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.glancej.common.GlanceException;
import java.util.Optional;
import org.glancej.images.PendingDataDao.PendingData;
import org.glancej.store.ConfiguredStore;
import org.glancej.store.StoreCaller;
import org.glancej.store.StoreException;
import org.glancej.store.StoreRegistry;
import org.glancej.store.StoresConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes data that no image keeps any more. Every removal is first recorded in the database
 * ({@link PendingDataDao}), so one that fails, or that a crash interrupts, is retried by the next sweep
 * instead of being forgotten.
 */
public final class DataRemover {
    private static final Logger LOG = LoggerFactory.getLogger(DataRemover.class);

    private final PendingDataDao pending;
    private final StoreRegistry stores;
    private final Clock clock;

    public DataRemover(PendingDataDao pending, StoreRegistry stores, Clock clock) {
        this.pending = requireNonNull(pending, "pending is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Removes the data at {@code url} now, or records it for a later sweep if that fails. */
    public void remove(String imageId, String url) {
        remove(imageId, url, StoreCaller.NONE);
    }

    /** {@link #remove(String, String)} on behalf of the user whose request lets the data go. */
    public void remove(String imageId, String url, StoreCaller caller) {
        pending.record(imageId, url, clock.instant());
        sweep(Optional.of(imageId), caller);
    }

    /**
     * Removes whatever data an upload of this image to the default store would have written, if the store can
     * tell where: an upload without markers (an upstream node's) went there.
     */
    public void removeUploadData(String imageId) {
        stores.defaultStore().store().uploadLocation(imageId).ifPresent(url -> remove(imageId, url));
    }

    /**
     * Removes the image's data in the staging store, if it has any there (a stage, complete or partial, that no
     * import took in); upstream removes it when the image is deleted.
     */
    public void removeStagedData(String imageId) {
        stores.reserved(StoresConfig.STAGING_STORE).ifPresent(staging -> staging.store().uploadLocation(imageId)
                .filter(url -> exists(staging, url)).ifPresent(url -> remove(imageId, url)));
    }

    private static boolean exists(ConfiguredStore store, String url) {
        try {
            store.store().size(url);
            return true;
        } catch (StoreException e) {
            // when the store cannot tell, the removal is recorded and retried
            return e.reason() != StoreException.Reason.NOT_FOUND;
        }
    }

    /**
     * Refuses (409) when data at one of these locations cannot go because other data depends on it (an RBD
     * snapshot with clones): upstream answers an image delete so, and the image stays as it is.
     */
    public void checkRemovable(String imageId, List<ImageLocation> locations) {
        for (ImageLocation location : locations) {
            ConfiguredStore store = stores.forLocation(location.url(), location.metadata()).orElse(null);
            if (store == null || !store.store().capabilities().deletable()) {
                continue;
            }
            try {
                store.store().checkRemovable(location.url());
            } catch (StoreException e) {
                if (e.reason() == StoreException.Reason.IN_USE) {
                    throw GlanceException.conflict("Image " + imageId + " could not be deleted because it is in use:"
                            + " " + e.getMessage());
                }
                LOG.warn("image {}: could not check whether its data in store {} is in use: {}", imageId, store.id(),
                        e.getMessage());
            }
        }
    }

    /** Removes the data recorded as pending for one image, or for all when empty; returns how many went. */
    public int sweep(Optional<String> imageId) {
        return sweep(imageId, StoreCaller.NONE);
    }

    /**
     * {@link #sweep(Optional)} on behalf of the user whose request lets the data go: a store that keeps data in the
     * user's own project (multi-tenant Swift) can only remove it with the user's token.
     */
    public int sweep(Optional<String> imageId, StoreCaller caller) {
        int removed = 0;
        for (PendingData data : pending.pending(imageId)) {
            if (removeOne(data, caller)) {
                removed++;
            }
        }
        return removed;
    }

    private boolean removeOne(PendingData data, StoreCaller caller) {
        if (!pending.claim(data.rowId(), clock.instant())) {
            return false;
        }
        ConfiguredStore store = stores.forLocation(data.url(), Map.of()).orElse(null);
        try {
            if (store == null || !store.store().capabilities().deletable()) {
                // e.g. an http location: not ours to remove, as upstream leaves it
                LOG.info("image {}: data at a location no writable store serves is left in place", data.imageId());
                return false;
            }
            if (pending.isInUse(data.url())) {
                // the same path belongs to live data again (a new upload of the image): nothing of ours is left
                return false;
            }
            store.store().delete(data.url(), caller);
            return true;
        } catch (StoreException e) {
            LOG.warn("image {}: could not remove its data from the {} store, will retry: {}",
                    data.imageId(), store.id(), e.getMessage());
            pending.release(data.rowId(), clock.instant());
            return false;
        } catch (RuntimeException e) {
            // the database failed after the claim: hand the removal back if it still answers
            try {
                pending.release(data.rowId(), clock.instant());
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }
}
