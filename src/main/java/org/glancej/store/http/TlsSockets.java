package org.glancej.store.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.glancej.config.ConfigException;

/** The TLS socket factory the http store's options ask for. */
final class TlsSockets {
    private TlsSockets() {}

    static SSLSocketFactory factory(HttpStoreConfig config) {
        try {
            if (config.caCertificatesFile().isPresent()) {
                return context(trustingBundle(config)).getSocketFactory();
            }
            if (config.httpsInsecure()) {
                return context(new TrustManager[] {new TrustingEveryone()}).getSocketFactory();
            }
            return SSLContext.getDefault().getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot set up TLS for the http store: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(TrustManager[] trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust, null);
        return context;
    }

    private static TrustManager[] trustingBundle(HttpStoreConfig config) throws GeneralSecurityException {
        var file = config.caCertificatesFile().orElseThrow();
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(file)) {
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new ConfigException("https_ca_certificates_file " + file + " holds no certificate");
            }
        } catch (IOException e) {
            throw new ConfigException("cannot read https_ca_certificates_file " + file + ": " + e.getMessage(), e);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    /** {@code https_insecure = True}: the operator chose not to check certificates. */
    private static final class TrustingEveryone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
