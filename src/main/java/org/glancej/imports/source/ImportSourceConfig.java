package org.glancej.imports.source;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.glancej.config.ConfigFile;
import org.glancej.net.UrlFilterOptions;

/**
 * What the web-download and glance-download sources may fetch and how: upstream's {@code [import_filtering_opts]},
 * {@code [DEFAULT] image_size_cap} (enforced while reading, whatever the source announces) and
 * {@code [glance_download_properties] extra_properties} (the prefixes of the remote image's properties copied).
 * The timeouts have no upstream option (upstream sets none), so they are ours, in {@code [import_source]}
 * ({@link #SECTION}): a connection must open within {@code connect_timeout} seconds ({@link #CONNECT_TIMEOUT}),
 * and a source that sends nothing for {@code read_timeout} seconds ({@link #READ_TIMEOUT}) fails the import.
 */
public record ImportSourceConfig(UrlFilterOptions filter, long imageSizeCap, List<String> extraProperties,
        Duration connectTimeout, Duration readTimeout) {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    /** Our section for what upstream leaves unbounded. */
    public static final String SECTION = "import_source";
    /** Upstream's default {@code extra_properties}. */
    public static final List<String> EXTRA_PROPERTIES = List.of("hw_", "trait:", "os_distro", "os_secure_boot", "os_type");

    public ImportSourceConfig {
        requireNonNull(filter, "filter is null");
        extraProperties = List.copyOf(extraProperties);
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(readTimeout, "readTimeout is null");
    }

    public static ImportSourceConfig from(ConfigFile conf) {
        List<String> prefixes = new ArrayList<>();
        for (String item : conf.list("glance_download_properties", "extra_properties", EXTRA_PROPERTIES)) {
            prefixes.add(unquoted(item));
        }
        return new ImportSourceConfig(UrlFilterOptions.from(conf),
                conf.longValue("DEFAULT", "image_size_cap", 1L << 40, 0, Long.MAX_VALUE),
                prefixes, seconds(conf, "connect_timeout", CONNECT_TIMEOUT), seconds(conf, "read_timeout", READ_TIMEOUT));
    }

    private static Duration seconds(ConfigFile conf, String option, Duration fallback) {
        return Duration.ofSeconds(conf.integer(SECTION, option, (int) fallback.toSeconds(), 1, 86400));
    }

    public ImportSourceConfig withTimeouts(Duration connect, Duration read) {
        return new ImportSourceConfig(filter, imageSizeCap, extraProperties, connect, read);
    }

    public ImportSourceConfig withFilter(UrlFilterOptions other) {
        return new ImportSourceConfig(other, imageSizeCap, extraProperties, connectTimeout, readTimeout);
    }

    /** oslo.config's quoted strings: {@code 'hw_'} and {@code "hw_"} are {@code hw_}. */
    private static String unquoted(String item) {
        if (item.length() >= 2 && (item.startsWith("'") && item.endsWith("'") || item.startsWith("\"") && item.endsWith("\""))) {
            return item.substring(1, item.length() - 1);
        }
        return item;
    }
}
