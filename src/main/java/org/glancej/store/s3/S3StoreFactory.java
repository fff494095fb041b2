package org.glancej.store.s3;

import javax.net.ssl.SSLContext;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreFactory;
import org.glancej.store.StoreSection;
import org.glancej.store.StoreTls;

/** An S3 store from glance_store's {@code s3_store_*} options. */
public final class S3StoreFactory implements StoreFactory {

    @Override
    public ImageStore create(StoreSection options) {
        S3StoreConfig config = S3StoreConfig.from(options);
        SSLContext tls = config.caBundle().isEmpty() ? null : StoreTls.trusting(options, "s3_store_cacert", config.caBundle());
        return new S3Store(config, new S3Client(config, tls));
    }

    static S3Store create(S3StoreConfig config) {
        return new S3Store(config, new S3Client(config, null));
    }
}
