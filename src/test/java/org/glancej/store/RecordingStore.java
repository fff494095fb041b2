package org.glancej.store;

import java.io.InputStream;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store that remembers every image id it was asked to add, so tests against a shared server can remove what
 * they created; everything else goes to the store it wraps.
 */
public final class RecordingStore implements ImageStore {
    private final ImageStore store;
    private final Collection<String> ids;

    public RecordingStore(ImageStore store) {
        this(store, ConcurrentHashMap.newKeySet());
    }

    /** Notes the ids in {@code ids}, which may be shared between stores (and must take concurrent adds). */
    public RecordingStore(ImageStore store, Collection<String> ids) {
        this.ids = ids;
        this.store = store;
    }

    public Collection<String> ids() {
        return ids;
    }

    @Override
    public String type() {
        return store.type();
    }

    @Override
    public StoreCapabilities capabilities() {
        return store.capabilities();
    }

    @Override
    public StoredData add(String imageId, InputStream data, OptionalLong expectedSize) {
        ids.add(imageId);
        return store.add(imageId, data, expectedSize);
    }

    @Override
    public StoredData add(String imageId, InputStream data, OptionalLong expectedSize, StoreCaller caller) {
        ids.add(imageId);
        return store.add(imageId, data, expectedSize, caller);
    }

    @Override
    public InputStream get(String locationUrl, long offset, long length, StoreCaller caller) {
        return store.get(locationUrl, offset, length, caller);
    }

    @Override
    public long size(String locationUrl, StoreCaller caller) {
        return store.size(locationUrl, caller);
    }

    @Override
    public void delete(String locationUrl, StoreCaller caller) {
        store.delete(locationUrl, caller);
    }

    @Override
    public void setAcls(String locationUrl, boolean isPublic, java.util.List<String> readProjects, StoreCaller caller) {
        store.setAcls(locationUrl, isPublic, readProjects, caller);
    }

    @Override
    public InputStream get(String locationUrl, long offset, long length) {
        return store.get(locationUrl, offset, length);
    }

    @Override
    public long size(String locationUrl) {
        return store.size(locationUrl);
    }

    @Override
    public void delete(String locationUrl) {
        store.delete(locationUrl);
    }

    @Override
    public Optional<FileRegion> fileRegion(String locationUrl, long offset, long length) {
        return store.fileRegion(locationUrl, offset, length);
    }

    @Override
    public void checkRemovable(String locationUrl) {
        store.checkRemovable(locationUrl);
    }

    @Override
    public Optional<String> uploadLocation(String imageId) {
        return store.uploadLocation(imageId);
    }

    @Override
    public boolean owns(String locationUrl) {
        return store.owns(locationUrl);
    }

    @Override
    public java.util.Map<String, Object> properties() {
        return store.properties();
    }

    @Override
    public void close() {
        store.close();
    }
}
