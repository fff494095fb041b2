package org.glancej.imports.plugins;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;

/**
 * The import plugins' options, from {@code glance-image-import.conf} (or any loaded file, as upstream reads them
 * from its one configuration): {@code [image_import_opts] image_import_plugins} (run in this order),
 * {@code [image_conversion] output_format}, {@code [inject_metadata_properties] ignore_user_roles} and
 * {@code inject}, and {@code [image_format] vmdk_allowed_types}, which upstream checks only when converting.
 *
 * @param imageSizeCap {@code [DEFAULT] image_size_cap}: also the most a decompressed image may grow to
 */
public record ImportPluginsConfig(List<String> plugins, String outputFormat, List<String> ignoreUserRoles,
        Map<String, String> inject, List<String> vmdkAllowedTypes, long imageSizeCap) {
    public static final String NO_OP = "no_op";
    public static final String INJECT_IMAGE_METADATA = "inject_image_metadata";
    public static final String IMAGE_DECOMPRESSION = "image_decompression";
    public static final String IMAGE_CONVERSION = "image_conversion";
    static final Set<String> AVAILABLE = Set.of(NO_OP, INJECT_IMAGE_METADATA, IMAGE_DECOMPRESSION, IMAGE_CONVERSION);
    static final List<String> OUTPUT_FORMATS = List.of("qcow2", "raw", "vmdk");
    /** A property key longer than this cannot be stored (the image_properties column). */
    private static final int MAX_PROPERTY_KEY = 255;

    public ImportPluginsConfig {
        plugins = List.copyOf(plugins);
        requireNonNull(outputFormat, "outputFormat is null");
        ignoreUserRoles = List.copyOf(ignoreUserRoles);
        inject = Map.copyOf(inject);
        vmdkAllowedTypes = List.copyOf(vmdkAllowedTypes);
        Set<String> unknown = new TreeSet<>(plugins);
        unknown.removeAll(AVAILABLE);
        if (!unknown.isEmpty()) {
            throw new ConfigException("[image_import_opts] image_import_plugins names unknown import plugin"
                    + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown) + " (available: "
                    + String.join(", ", new TreeSet<>(AVAILABLE)) + ")");
        }
        if (!OUTPUT_FORMATS.contains(outputFormat)) {
            throw ConfigException.badValue("image_conversion", "output_format", outputFormat,
                    "must be one of " + OUTPUT_FORMATS);
        }
        for (String key : inject.keySet()) {
            if (key.length() > MAX_PROPERTY_KEY) {
                throw ConfigException.badValue("inject_metadata_properties", "inject", key,
                        "property names are at most " + MAX_PROPERTY_KEY + " characters");
            }
        }
    }

    public static ImportPluginsConfig from(ConfigFile conf, long imageSizeCap) {
        return new ImportPluginsConfig(
                list(conf, "image_import_opts", "image_import_plugins", List.of(), true),
                conf.string("image_conversion", "output_format", "raw").strip(),
                list(conf, "inject_metadata_properties", "ignore_user_roles", List.of("admin"), false),
                dict(conf, "inject_metadata_properties", "inject"),
                list(conf, "image_format", "vmdk_allowed_types", List.of("streamOptimized", "monolithicSparse"), false),
                imageSizeCap);
    }

    private static List<String> list(ConfigFile conf, String section, String option, List<String> defaultValue,
            boolean quotes) {
        String raw = conf.raw(section, option).orElse(null);
        if (raw == null) {
            return defaultValue;
        }
        try {
            return OsloValues.list(raw, quotes).stream().filter(item -> !item.isEmpty()).toList();
        } catch (IllegalArgumentException e) {
            throw ConfigException.badValue(section, option, raw, e.getMessage());
        }
    }

    private static Map<String, String> dict(ConfigFile conf, String section, String option) {
        String raw = conf.raw(section, option).orElse("");
        try {
            return OsloValues.dict(raw);
        } catch (IllegalArgumentException e) {
            throw ConfigException.badValue(section, option, raw, e.getMessage());
        }
    }
}
