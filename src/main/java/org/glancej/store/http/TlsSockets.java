package org.glancej.store.http;

import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.glancej.common.TlsTrust;
import org.glancej.config.ConfigException;

/** The TLS socket factory the http store's options ask for. */
final class TlsSockets {
    private TlsSockets() {}

    static SSLSocketFactory factory(HttpStoreConfig config) {
        if (config.caCertificatesFile().isPresent()) {
            var file = config.caCertificatesFile().orElseThrow();
            try {
                return TlsTrust.bundle(file).getSocketFactory();
            } catch (IOException e) {
                throw new ConfigException("cannot read https_ca_certificates_file " + file + ": " + e.getMessage(), e);
            } catch (GeneralSecurityException e) {
                throw new ConfigException("https_ca_certificates_file " + file + ": " + e.getMessage(), e);
            }
        }
        if (config.httpsInsecure()) {
            return TlsTrust.anyone().getSocketFactory();
        }
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot set up TLS for the http store: " + e.getMessage(), e);
        }
    }
}
