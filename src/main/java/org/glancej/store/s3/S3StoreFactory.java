package org.glancej.store.s3;

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
import org.glancej.store.ImageStore;
import org.glancej.store.StoreFactory;
import org.glancej.store.StoreSection;

/** An S3 store from glance_store's {@code s3_store_*} options. */
public final class S3StoreFactory implements StoreFactory {

    @Override
    public ImageStore create(StoreSection options) {
        S3StoreConfig config = S3StoreConfig.from(options);
        SSLContext tls = config.caBundle().isEmpty() ? null : trusting(options, config.caBundle());
        return new S3Store(config, new S3Client(config, tls));
    }

    static S3Store create(S3StoreConfig config) {
        return new S3Store(config, new S3Client(config, null));
    }

    /** TLS trusting only the CAs of {@code s3_store_cacert}, as botocore's {@code verify=<bundle>} does. */
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
            throw ConfigException.badValue(options.sectionOf("s3_store_cacert"), "s3_store_cacert", bundle,
                    "cannot read a PEM CA bundle from it: " + e.getMessage());
        }
    }
}
