package org.glancej.store.vmware;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.glancej.config.ConfigException;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreFactory;
import org.glancej.store.StoreSection;

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
            http.sslContext(trusting(options, config.caFile()));
        } else if (config.insecure()) {
            http.sslContext(trustingAnyone());
        }
        return new VmwareStore(config, new VimSession(config, http.build()));
    }

    private static SSLContext trusting(StoreSection options, String bundle) {
        try (InputStream in = Files.newInputStream(Path.of(bundle))) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new GeneralSecurityException("no certificate in it");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw ConfigException.badValue(options.sectionOf("vmware_ca_file"), "vmware_ca_file", bundle,
                    "cannot read a PEM CA bundle from it: " + e.getMessage());
        }
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
