package org.glancej.store;

import java.io.InputStream;
import java.util.Optional;

/**
 * A backend holding image data. Callers wrap the data stream once (hashing, size cap, format inspection)
 * before handing it in; stores only move bytes.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #add} reads {@code data} to its end and stores it under a new location for {@code imageId}. The
 *       data is durable (flushed) when it returns. If it fails for any reason, including an exception thrown by
 *       {@code data} itself, nothing is left behind, and the caller's exception is rethrown unchanged.</li>
 *   <li>{@link #get} opens the data at a location, starting at {@code offset} bytes in; the caller closes it.</li>
 *   <li>{@link #delete} removes the data; deleting data that is already gone succeeds.</li>
 *   <li>{@link #uploadLocation} tells, before {@link #add} runs, the location it will write to, when the store
 *       can know it; callers record it so that data of an upload cut short (a crash) can be found and removed.</li>
 *   <li>Failures the client should hear about are {@link StoreException}s with a {@link StoreException.Reason}.</li>
 * </ul>
 */
public interface ImageStore {

    /** The store's type name as upstream spells it in {@code [glance_store] stores}, e.g. {@code file}. */
    String scheme();

    StoredData add(String imageId, InputStream data);

    InputStream get(String locationUrl, long offset);

    long size(String locationUrl);

    void delete(String locationUrl);

    /** The location {@link #add} will use for this image's data, if the store can tell in advance. */
    default Optional<String> uploadLocation(String imageId) {
        return Optional.empty();
    }

    /** Whether this store serves the given location URL. */
    boolean owns(String locationUrl);

    record StoredData(String locationUrl, long bytesWritten) {}
}
