package org.glancej.store;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A backend holding image data. Callers wrap the data stream once (hashing, size cap, format inspection)
 * before handing it in; stores only move bytes.
 *
 * <p>Contract (every backend passes {@code ImageStoreContractTest} against its real server):
 * <ul>
 *   <li>{@link #add} reads {@code data} to its end and stores it under a new location for {@code imageId}. The
 *       data is durable when it returns. If it fails for any reason, including an exception thrown by
 *       {@code data} itself, nothing is left behind, and the caller's exception is rethrown unchanged.
 *       {@code expectedSize} is the length announced before the data arrives, when there is one; a store may
 *       size ahead with it (RBD) or choose how to write (S3 multipart), but must still store exactly the bytes
 *       read, or fail.</li>
 *   <li>{@link #get} opens {@code length} bytes (or, with {@link #TO_END}, the rest) from {@code offset}; the
 *       caller closes it. {@link #fileRegion} offers the same bytes as a span of a local file, when the store
 *       keeps them in one.</li>
 *   <li>{@link #delete} removes the data; deleting data that is already gone succeeds; data other images
 *       depend on (an RBD snapshot with clones) fails with {@link StoreException.Reason#IN_USE}.</li>
 *   <li>{@link #uploadLocation} tells, before {@link #add} runs, the location it will write to, when the store
 *       can know it; callers record it so that data of an upload cut short (a crash) can be found and removed.</li>
 *   <li>Failures the client should hear about are {@link StoreException}s with a {@link StoreException.Reason}.
 *       Their messages never carry a location URL: some hold credentials ({@link LocationUrls}).</li>
 *   <li>A read-only store ({@link StoreCapabilities#writable()} false) refuses {@link #add} and {@link #delete}
 *       with {@link StoreException.Reason#READ_ONLY}.</li>
 *   <li>Where a user's request moves the data, callers use the forms taking a {@link StoreCaller}: a store that
 *       keeps images in the caller's own project (multi-tenant Swift) acts with the caller's token. The others
 *       ignore the caller; the forms without one are the service's own work ({@link StoreCaller#NONE}).</li>
 * </ul>
 */
public interface ImageStore extends AutoCloseable {

    /** Asks {@link #get} for everything from the offset on. */
    long TO_END = -1;

    /** The store's type as upstream names it in {@code stores} and {@code enabled_backends}, e.g. {@code rbd}. */
    String type();

    StoreCapabilities capabilities();

    StoredData add(String imageId, InputStream data, OptionalLong expectedSize);

    InputStream get(String locationUrl, long offset, long length);

    long size(String locationUrl);

    void delete(String locationUrl);

    /**
     * Continues the data at this image's {@link #uploadLocation} from {@code offset}: the first {@code offset}
     * bytes already there are kept, {@code data} is written after them, and the result is durable when this
     * returns. It fails with {@link StoreException.Reason#BAD_LOCATION} unless exactly {@code offset} bytes are
     * there (none counts as 0), so concurrent or misplaced writers never overwrite data. Unlike {@link #add}, a
     * failure keeps every byte written before it (resumable staging); the caller learns how many from
     * {@link #size}. Stores that cannot continue data refuse with {@code BAD_LOCATION}.
     */
    default StoredData append(String imageId, long offset, InputStream data) {
        throw new StoreException(StoreException.Reason.BAD_LOCATION, "The " + type() + " store cannot continue data");
    }

    /** The location {@link #add} will use for this image's data, if the store can tell in advance. */
    default Optional<String> uploadLocation(String imageId) {
        return Optional.empty();
    }

    /**
     * Refuses, with {@link StoreException.Reason#IN_USE}, when other data depends on the data at this location
     * (an RBD snapshot with clones), so that an image is not deleted while its data cannot be; checked before
     * any deletion is recorded.
     */
    default void checkRemovable(String locationUrl) {}

    /**
     * The bytes {@link #get} would return, as a span of an open local file that the caller may send without
     * passing it through the heap; empty when the store keeps no such file, and callers use {@link #get}. The
     * caller closes the region.
     */
    default Optional<FileRegion> fileRegion(String locationUrl, long offset, long length) {
        return Optional.empty();
    }

    /** Whether this store serves the given location URL. */
    boolean owns(String locationUrl);

    /**
     * What {@code GET /v2/info/stores/detail} shows of this store's configuration, as upstream's driver does
     * (e.g. pool and chunk size for rbd); never a secret.
     */
    default Map<String, Object> properties() {
        return Map.of();
    }

    /**
     * Why the store cannot be used now (its server refused the login or cannot be reached), as last seen; empty
     * when it could be used, or the store does not tell. Operators see it in {@code GET /v2/info/stores/detail}.
     */
    default Optional<String> unavailable() {
        return Optional.empty();
    }

    /** {@link #add} on behalf of the user whose request brings the data. */
    default StoredData add(String imageId, InputStream data, OptionalLong expectedSize, StoreCaller caller) {
        return add(imageId, data, expectedSize);
    }

    /** {@link #get} on behalf of the user whose request reads the data. */
    default InputStream get(String locationUrl, long offset, long length, StoreCaller caller) {
        return get(locationUrl, offset, length);
    }

    /** {@link #size} on behalf of the user whose request asks. */
    default long size(String locationUrl, StoreCaller caller) {
        return size(locationUrl);
    }

    /** {@link #delete} on behalf of the user whose request removes the data. */
    default void delete(String locationUrl, StoreCaller caller) {
        delete(locationUrl);
    }

    /**
     * Who else may read the data at this location, for stores whose data lives in the owner's own project
     * (glance_store's {@code set_acls}): everyone when {@code isPublic}, else the member projects; called after an
     * image's visibility or members change. Other stores have nothing to do.
     */
    default void setAcls(String locationUrl, boolean isPublic, List<String> readProjects, StoreCaller caller) {}

    /** Releases connections and threads; the store is not used afterwards. */
    @Override
    default void close() {}

    default StoredData add(String imageId, InputStream data) {
        return add(imageId, data, OptionalLong.empty());
    }

    default InputStream get(String locationUrl, long offset) {
        return get(locationUrl, offset, TO_END);
    }

    record StoredData(String locationUrl, long bytesWritten) {}
}
