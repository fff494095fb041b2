package org.glancej.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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
}
