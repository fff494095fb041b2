package org.glancej.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code glance-image-import.conf}, the optional file of the import options ({@code [image_import_opts]},
 * {@code [image_conversion]}, {@code [inject_metadata_properties]}, {@code [import_filtering_opts]}...). Upstream
 * reads it, when it exists, from the directory of {@code glance-api.conf} and before it, so that
 * {@code glance-api.conf} wins where both set an option; here that directory is the first configuration file's.
 */
public final class ImportConfigFile {
    public static final String NAME = "glance-image-import.conf";

    private ImportConfigFile() {}

    /** {@code configFiles} with {@code glance-image-import.conf} first when it sits beside the first of them. */
    public static List<Path> withImportConfig(List<Path> configFiles) {
        if (configFiles.isEmpty()) {
            return configFiles;
        }
        Path candidate = configFiles.getFirst().toAbsolutePath().resolveSibling(NAME).normalize();
        boolean listed = configFiles.stream().anyMatch(f -> f.toAbsolutePath().normalize().equals(candidate));
        if (listed || !Files.isRegularFile(candidate)) {
            return configFiles;
        }
        List<Path> files = new ArrayList<>(configFiles.size() + 1);
        files.add(candidate);
        files.addAll(configFiles);
        return List.copyOf(files);
    }
}
