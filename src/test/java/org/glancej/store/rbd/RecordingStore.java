package org.glancej.store.rbd;

import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreCapabilities;

/** A store that remembers every image id it was asked to add, so tests can remove what they created. */
final class RecordingStore implements ImageStore {
    private final ImageStore store;
    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    RecordingStore(ImageStore store) {
        this.store = store;
    }

    Set<String> ids() {
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
