package org.glancej.store.swift;

import java.io.InputStream;
import java.util.Map;
import java.util.OptionalLong;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreCaller;
import org.glancej.store.StoreCapabilities;

/**
 * A store whose every call is made on behalf of one caller, as a request would make it: the store contract,
 * which calls without a caller, then exercises a multi-tenant store in that caller's account.
 */
record CallerBoundStore(ImageStore store, StoreCaller caller) implements ImageStore {

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
        return store.add(imageId, data, expectedSize, caller);
    }

    @Override
    public InputStream get(String locationUrl, long offset, long length) {
        return store.get(locationUrl, offset, length, caller);
    }

    @Override
    public long size(String locationUrl) {
        return store.size(locationUrl, caller);
    }

    @Override
    public void delete(String locationUrl) {
        store.delete(locationUrl, caller);
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
