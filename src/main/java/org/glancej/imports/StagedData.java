package org.glancej.imports;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.glancej.auth.RequestContext;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.images.Image;
import org.glancej.images.StageDao;
import org.glancej.images.UploadMarkers;
import org.glancej.images.data.DataIngest;
import org.glancej.store.ConfiguredStore;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreException;
import org.glancej.store.StoreRegistry;
import org.glancej.store.StoresConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data staged for an image: the object named by the image id in the staging store ({@code
 * os_glance_staging_store}, or {@code node_staging_uri} in the legacy form). glance-direct imports it as it is;
 * the fetching methods put their data there first.
 */
public final class StagedData implements ImportData {
    private static final Logger LOG = LoggerFactory.getLogger(StagedData.class);

    private final String imageId;
    private final ImageStore staging;
    private final String url;
    private final Optional<DataIngest.KnownDigests> known;

    private StagedData(String imageId, ImageStore staging, String url, Optional<DataIngest.KnownDigests> known) {
        this.imageId = requireNonNull(imageId, "imageId is null");
        this.staging = requireNonNull(staging, "staging is null");
        this.url = requireNonNull(url, "url is null");
        this.known = requireNonNull(known, "known is null");
    }

    /** The staging store, if this service has one as configured. */
    public static Optional<ConfiguredStore> stagingStore(StoreRegistry stores) {
        return stores.reserved(StoresConfig.STAGING_STORE);
    }

    /** Where the image's data is (or would be) staged. */
    public static StagedData of(StoreRegistry stores, String imageId) {
        ConfiguredStore store = stagingStore(stores).orElseThrow(() -> new GlanceException(
                ErrorKind.SERVICE_UNAVAILABLE, "No staging store is configured on this node."));
        String url = store.store().uploadLocation(imageId).orElseThrow(() -> new GlanceException(
                ErrorKind.SERVICE_UNAVAILABLE, "The staging store cannot tell where staged data is."));
        return new StagedData(imageId, store.store(), url, Optional.empty());
    }

    /** glance-direct: what was staged, with the digests its stage recorded, so it is not hashed a second time. */
    public static ImportSource glanceDirect(StoreRegistry stores, StageDao stages) {
        return (caller, image, request, progress) -> of(stores, image.id()).withDigests(stages.stagedDigests(image.id()));
    }

    private StagedData withDigests(Map<String, String> recorded) {
        String md5 = recorded.get(UploadMarkers.STAGED_MD5);
        String hash = recorded.get(UploadMarkers.STAGED_HASH);
        if (md5 == null || hash == null || hash.indexOf(':') < 1) {
            return this;
        }
        int colon = hash.indexOf(':');
        return new StagedData(imageId, staging, url, Optional.of(
                new DataIngest.KnownDigests(md5, hash.substring(0, colon), hash.substring(colon + 1))));
    }

    /** The same staged data after a plugin rewrote it: what the stage hashed no longer holds. */
    public StagedData rewritten() {
        return new StagedData(imageId, staging, url, Optional.empty());
    }

    @Override
    public Optional<DataIngest.KnownDigests> knownDigests() {
        return known;
    }

    @Override
    public InputStream open() {
        try {
            return staging.get(url, 0);
        } catch (StoreException e) {
            if (e.reason() == StoreException.Reason.NOT_FOUND) {
                throw GlanceException.conflict("Image " + imageId + " has no staged data to import.");
            }
            throw e;
        }
    }

    @Override
    public OptionalLong size() {
        try {
            return OptionalLong.of(staging.size(url));
        } catch (StoreException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void discard() {
        try {
            staging.delete(url);
        } catch (StoreException e) {
            if (e.reason() != StoreException.Reason.NOT_FOUND) {
                LOG.warn("image {}: could not remove its staged data: {}", imageId, e.getMessage());
            }
        }
    }

    /** Nothing staged, or the staged data removed: for tests and recovery. */
    public boolean exists() {
        try {
            staging.size(url);
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    /** copy-image: the image's own data, read from its heaviest store each time. */
    public static ImportSource copyOf(ImageDataReader reader) {
        return (caller, image, request, progress) -> new ImportData() {
            @Override
            public InputStream open() {
                return reader.open(image, caller);
            }

            @Override
            public OptionalLong size() {
                return image.size() == null ? OptionalLong.empty() : OptionalLong.of(image.size());
            }

            @Override
            public void discard() {
                // the image's own data stays
            }
        };
    }

    /** Reads an active image's whole data (the download path's store choice). */
    @FunctionalInterface
    public interface ImageDataReader {
        InputStream open(Image image, RequestContext caller);

        static ImageDataReader of(org.glancej.images.data.ImageDataService data) {
            return (image, caller) -> data.open(image, 0, ImageStore.TO_END, caller.storeCaller()).orElseThrow(
                    () -> GlanceException.conflict("Image " + image.id() + " has no data to copy."));
        }
    }
}
