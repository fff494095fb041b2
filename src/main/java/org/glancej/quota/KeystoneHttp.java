package org.glancej.quota;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.glancej.config.ConfigException;

/** The HTTP client for Keystone: {@code [oslo_limit] timeout} to connect, {@code cafile} as the only trusted CAs. */
final class KeystoneHttp {
    private KeystoneHttp() {}

    static HttpClient client(OsloLimitConfig config) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.timeout());
        if (config.cafile() != null) {
            builder.sslContext(trusting(config));
        }
        return builder.build();
    }

    private static SSLContext trusting(OsloLimitConfig config) {
        try (InputStream in = Files.newInputStream(config.cafile())) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new ConfigException("invalid value for [oslo_limit] cafile = " + config.cafile()
                        + ": no PEM certificates in it");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read [oslo_limit] cafile " + config.cafile(), e);
        } catch (GeneralSecurityException e) {
            throw new ConfigException("invalid value for [oslo_limit] cafile = " + config.cafile() + ": "
                    + e.getMessage(), e);
        }
    }
}
