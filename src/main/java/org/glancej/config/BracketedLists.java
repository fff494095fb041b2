package org.glancej.config;

import java.util.Optional;
import java.util.Set;

/**
 * Upstream's list options declared with bounds: oslo.config reads their values only in brackets ({@code [a, b]})
 * and raises on anything else when the option is first read, which for the import filter is each web-download
 * and glance-download ("URI does not pass filtering"). This service reads both spellings, so a file written for
 * it alone may break the upstream nodes of a cluster sharing it: the startup audit says so.
 */
final class BracketedLists {
    private static final Set<String> BOUNDED = Set.of(
            "DEFAULT enabled_import_methods",
            "image_import_opts image_import_plugins",
            "glance_download_properties extra_properties",
            "import_filtering_opts allowed_schemes",
            "import_filtering_opts disallowed_schemes",
            "import_filtering_opts allowed_hosts",
            "import_filtering_opts disallowed_hosts",
            "import_filtering_opts allowed_ports",
            "import_filtering_opts disallowed_ports");

    private BracketedLists() {
    }

    /** The warning for a bounded list whose value is not in brackets; empty for anything else. */
    static Optional<String> unbracketed(String section, String option, String value) {
        String stripped = value.strip();
        if (!BOUNDED.contains(section + " " + option) || (stripped.startsWith("[") && stripped.endsWith("]"))) {
            return Optional.empty();
        }
        return Optional.of("[" + section + "] " + option + " = " + stripped + ": not in brackets; this service reads"
                + " it, but upstream Glance reads this list only as [item, ...] and fails when it uses this value:"
                + " write it in brackets where upstream nodes share this file");
    }
}
