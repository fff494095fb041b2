package org.glancej.common;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The two TLS trusts an operator can ask of a client besides the JVM's: only the CAs of a PEM bundle
 * (Keystone's {@code cafile}, a store's {@code ..._cacert}, the http store's {@code https_ca_certificates_file}),
 * or no check at all ({@code insecure}, upstream's {@code verify=False}). Each caller reports a failure in its
 * own option's words.
 */
public final class TlsTrust {
    private TlsTrust() {}

    /** The certificates of a PEM bundle, in file order (none when it holds none). */
    public static List<Certificate> certificates(Path bundle) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(bundle)) {
            return List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
    }

    /**
     * TLS trusting only the CAs of the bundle.
     *
     * @throws IOException the file cannot be read
     * @throws GeneralSecurityException it holds no certificate, or one the JDK cannot use
     */
    public static SSLContext bundle(Path bundle) throws IOException, GeneralSecurityException {
        List<Certificate> certificates = certificates(bundle);
        if (certificates.isEmpty()) {
            throw new CertificateException("no certificate in it");
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        for (int i = 0; i < certificates.size(); i++) {
            trusted.setCertificateEntry("ca-" + i, certificates.get(i));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        return context(trust.getTrustManagers());
    }

    /**
     * No check at all, any certificate for any name. An extended trust manager, since the JDK checks the host name
     * inside it: a plain one would be wrapped and the name still checked.
     */
    public static SSLContext anyone() {
        try {
            return context(new TrustManager[] {new TrustingAnyone()});
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    private static SSLContext context(TrustManager[] trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust, null);
        return context;
    }

    private static final class TrustingAnyone extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
