package org.glancej.store.swift;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.glancej.config.ConfigException;
import org.glancej.store.StoreSection;

/** The HTTP client of a Swift store: HTTP/1.1, TLS trusting {@code swift_store_cacert} when it is set. */
final class SwiftHttp {
    private SwiftHttp() {}

    static HttpClient client(StoreSection options, String caBundle, Duration connectTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER);
        if (!caBundle.isEmpty()) {
            builder.sslContext(trusting(options, caBundle));
        }
        return builder.build();
    }

    /** TLS trusting only the CAs of the bundle, as swiftclient's {@code cacert} does. */
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
            throw ConfigException.badValue(options.sectionOf("swift_store_cacert"), "swift_store_cacert", bundle,
                    "cannot read a PEM CA bundle from it: " + e.getMessage());
        }
    }
}
