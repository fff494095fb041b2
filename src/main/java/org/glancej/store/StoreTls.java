package org.glancej.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.net.Socket;
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

/** TLS for stores that name a CA bundle of their own ({@code s3_store_cacert}, {@code swift_store_cacert}, ...). */
public final class StoreTls {
    private StoreTls() {}

    /**
     * TLS trusting only the CAs of the PEM bundle that {@code option} names, as upstream's clients do with a
     * bundle; a bundle that cannot be read, or holds no certificate, is a configuration error naming the option.
     */
    public static SSLContext trusting(StoreSection options, String option, String bundle) {
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
            throw ConfigException.badValue(options.sectionOf(option), option, bundle,
                    "cannot read a PEM CA bundle from it: " + e.getMessage());
        }
    }

    /**
     * No check at all, any certificate for any name ({@code vmware_insecure}, {@code swift_store_auth_insecure}), as
     * upstream's {@code verify=False}: an extended trust manager, since the JDK checks the host name inside it.
     */
    public static SSLContext trustingAnyone() {
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
