package org.glancej.store.s3;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreCapabilities;

/** A store that notes the image ids written through it, so a test can remove them from the shared bucket. */
final class RecordingStore implements ImageStore {
    private final ImageStore store;
    private final List<String> ids;

    RecordingStore(ImageStore store, List<String> ids) {
        this.store = store;
        this.ids = ids;
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
        synchronized (ids) {
            ids.add(imageId);
        }
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
    public Optional<String> uploadLocation(String imageId) {
        return store.uploadLocation(imageId);
    }

    @Override
    public boolean owns(String locationUrl) {
        return store.owns(locationUrl);
    }

    @Override
    public Map<String, Object> properties() {
        return store.properties();
    }
}
