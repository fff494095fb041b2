package org.glancej.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code [DEFAULT] enabled_import_methods} (upstream's default: glance-direct, web-download, copy-image), less
 * the methods this service cannot run in its configuration: those are neither advertised ({@code GET
 * /v2/info/import}, {@code OpenStack-image-import-methods}) nor accepted, and startup names them.
 *
 * @param enabled the methods clients may use, in the configured order
 */
public record ImportMethods(List<String> enabled) {
    private static final Logger LOG = LoggerFactory.getLogger(ImportMethods.class);
    public static final String GLANCE_DIRECT = "glance-direct";
    public static final String WEB_DOWNLOAD = "web-download";
    public static final String COPY_IMAGE = "copy-image";
    public static final String GLANCE_DOWNLOAD = "glance-download";
    private static final List<String> KNOWN = List.of(GLANCE_DIRECT, WEB_DOWNLOAD, COPY_IMAGE, GLANCE_DOWNLOAD);

    public ImportMethods {
        enabled = List.copyOf(enabled);
    }

    /**
     * @param runnable the methods this service can run as configured (glance-direct needs a staging store)
     */
    public static ImportMethods from(ConfigFile conf, Set<String> runnable) {
        List<String> configured = new ArrayList<>();
        for (String raw : conf.list("DEFAULT", "enabled_import_methods", List.of(GLANCE_DIRECT, WEB_DOWNLOAD,
                COPY_IMAGE))) {
            // oslo.config accepts [a, b] and quoted items for this option
            String method = raw.replace("[", "").replace("]", "").replace("'", "").replace("\"", "").strip()
                    .toLowerCase(Locale.ROOT);
            if (method.isEmpty()) {
                continue;
            }
            if (!KNOWN.contains(method)) {
                throw ConfigException.badValue("DEFAULT", "enabled_import_methods", raw,
                        "not one of " + KNOWN);
            }
            if (!configured.contains(method)) {
                configured.add(method);
            }
        }
        List<String> enabled = configured.stream().filter(runnable::contains).toList();
        List<String> missing = configured.stream().filter(m -> !runnable.contains(m)).toList();
        if (!missing.isEmpty()) {
            LOG.warn("[DEFAULT] enabled_import_methods: {} not available in this service as configured; "
                    + "advertising and accepting only {}", missing, enabled);
        }
        return new ImportMethods(enabled);
    }

    public boolean isEnabled(String method) {
        return enabled.contains(method);
    }
}
