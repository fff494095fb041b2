package org.glancej.store.http;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.glancej.config.ConfigException;
import org.glancej.net.UrlFilterOptions;
import org.glancej.store.StoreSection;

/**
 * The http store's options, by glance_store's names. Unlike upstream, whose {@code https_insecure} defaults to
 * True (certificates not checked), certificates are verified unless the operator sets it to True; a
 * {@code https_ca_certificates_file}, when set, is what they are verified against and {@code https_insecure}
 * is then ignored, as upstream does.
 *
 * @param filter which URLs may be fetched: upstream's {@code [import_filtering_opts]}
 */
public record HttpStoreConfig(boolean httpsInsecure, Optional<Path> caCertificatesFile, Duration connectTimeout,
        Duration readTimeout, UrlFilterOptions filter) {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    public HttpStoreConfig {
        requireNonNull(caCertificatesFile, "caCertificatesFile is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(readTimeout, "readTimeout is null");
        requireNonNull(filter, "filter is null");
    }

    public static HttpStoreConfig from(StoreSection options) {
        if (!options.string("http_proxy_information", "").isBlank()) {
            // a proxy resolves names itself, out of the URL guard's reach: refuse rather than ignore
            throw new ConfigException("[" + options.sectionOf("http_proxy_information")
                    + "] http_proxy_information is not available in this service");
        }
        String ca = options.string("https_ca_certificates_file", "").strip();
        Optional<Path> caFile = ca.isEmpty() ? Optional.empty() : Optional.of(Path.of(ca));
        if (caFile.isPresent() && !Files.isReadable(caFile.get())) {
            throw ConfigException.badValue(options.sectionOf("https_ca_certificates_file"), "https_ca_certificates_file",
                    ca, "not a readable file");
        }
        return new HttpStoreConfig(options.bool("https_insecure", false), caFile, CONNECT_TIMEOUT, READ_TIMEOUT,
                UrlFilterOptions.from(options.conf()));
    }

    /** Whether server certificates are checked. */
    public boolean verifiesCertificates() {
        return caCertificatesFile.isPresent() || !httpsInsecure;
    }
}
