package org.glancej.store.swift;

import java.net.http.HttpClient;
import java.time.Duration;
import org.glancej.store.StoreSection;
import org.glancej.store.StoreTls;

/** The HTTP client of a Swift store: HTTP/1.1, TLS trusting {@code swift_store_cacert} when it is set. */
final class SwiftHttp {
    private SwiftHttp() {}

    static HttpClient client(StoreSection options, String caBundle, Duration connectTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER);
        if (!caBundle.isEmpty()) {
            builder.sslContext(StoreTls.trusting(options, "swift_store_cacert", caBundle));
        }
        return builder.build();
    }
}
