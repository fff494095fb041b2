package org.glancej.store.http;

import org.glancej.net.HostResolver;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreFactory;
import org.glancej.store.StoreSection;

/** The read-only http store from glance_store's http options and {@code [import_filtering_opts]}. */
public final class HttpStoreFactory implements StoreFactory {

    @Override
    public ImageStore create(StoreSection options) {
        return new HttpStore(HttpStoreConfig.from(options), HostResolver.SYSTEM);
    }
}
