package org.glancej.store.swift;

import java.net.http.HttpClient;
import java.time.Duration;
import org.glancej.store.StoreSection;
import org.glancej.store.StoreTls;

/**
 * The HTTP client of a Swift store, for authentication and the storage URL alike, as upstream's Swift client uses
 * its TLS options for both: HTTP/1.1; with {@code swift_store_auth_insecure} no certificate or host name check at
 * all (it wins over a CA bundle, as there), else trusting only {@code swift_store_cacert} when it is set, else the
 * JDK's CAs.
 */
final class SwiftHttp {
    private SwiftHttp() {}

    static HttpClient client(StoreSection options, String caBundle, boolean insecure, Duration connectTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER);
        if (insecure) {
            builder.sslContext(StoreTls.trustingAnyone());
        } else if (!caBundle.isEmpty()) {
            builder.sslContext(StoreTls.trusting(options, "swift_store_cacert", caBundle));
        }
        return builder.build();
    }
}
