package org.glancej.store.vmware;

import java.net.http.HttpClient;
import java.time.Clock;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreFactory;
import org.glancej.store.StoreSection;
import org.glancej.store.StoreTls;

/**
 * A vmware store from glance_store's {@code vmware_*} options. TLS as upstream's: {@code vmware_ca_file}'s CAs when
 * set, else no check at all with {@code vmware_insecure}, else the JDK's CAs.
 */
public final class VmwareStoreFactory implements StoreFactory {

    @Override
    public ImageStore create(StoreSection options) {
        return create(options, VmwareStoreConfig.from(options), Clock.systemUTC());
    }

    static VmwareStore create(StoreSection options, VmwareStoreConfig config, Clock clock) {
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(VmwareStoreConfig.CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER);
        if (!config.caFile().isEmpty()) {
            http.sslContext(StoreTls.trusting(options, "vmware_ca_file", config.caFile()));
        } else if (config.insecure()) {
            http.sslContext(StoreTls.trustingAnyone());
        }
        return new VmwareStore(config, new VimSession(config, http.build(), clock));
    }
}
