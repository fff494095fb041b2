package org.glancej.store.vmware;

import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
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
        VmwareStoreConfig config = VmwareStoreConfig.from(options);
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(VmwareStoreConfig.CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER);
        if (!config.caFile().isEmpty()) {
            http.sslContext(StoreTls.trusting(options, "vmware_ca_file", config.caFile()));
        } else if (config.insecure()) {
            http.sslContext(trustingAnyone());
        }
        return new VmwareStore(config, new VimSession(config, http.build()));
    }


    /** {@code vmware_insecure}: any certificate for any name, as upstream's {@code verify=False}. */
    private static SSLContext trustingAnyone() {
        X509ExtendedTrustManager anyone = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {anyone}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }
}
