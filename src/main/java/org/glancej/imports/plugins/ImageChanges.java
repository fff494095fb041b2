package org.glancej.imports.plugins;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the plugins change on the image record, the narrow set upstream's import lets them change: {@code
 * disk_format}, {@code container_format}, {@code size}, {@code virtual_size} and extra properties outside the
 * reserved {@code os_glance} namespace. Checksums are not among them: they are those of the data the import
 * writes to the stores, which is the staged file as the plugins left it.
 *
 * @param dataReplaced whether a plugin rewrote the staged file (its size, format or checksums differ from what
 *     was staged)
 */
public record ImageChanges(Optional<String> diskFormat, Optional<String> containerFormat, OptionalLong size,
        OptionalLong virtualSize, Map<String, String> extraProperties, boolean dataReplaced) {
    public static final ImageChanges NONE = new ImageChanges(Optional.empty(), Optional.empty(), OptionalLong.empty(),
            OptionalLong.empty(), Map.of(), false);

    public ImageChanges {
        extraProperties = Map.copyOf(extraProperties);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    static ImageChanges properties(Map<String, String> properties) {
        return new ImageChanges(Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
                properties, false);
    }

    /** The staged data was rewritten to {@code size} bytes, its format unchanged. */
    static ImageChanges rewritten(long size) {
        return new ImageChanges(Optional.empty(), Optional.empty(), OptionalLong.of(size), OptionalLong.empty(),
                Map.of(), true);
    }

    ImageChanges withVirtualSize(long virtualSize) {
        return new ImageChanges(diskFormat, containerFormat, size, OptionalLong.of(virtualSize), extraProperties,
                dataReplaced);
    }

    /** These changes followed by {@code later}'s: a later value wins. */
    ImageChanges then(ImageChanges later) {
        Map<String, String> properties = new LinkedHashMap<>(extraProperties);
        properties.putAll(later.extraProperties);
        return new ImageChanges(later.diskFormat.or(() -> diskFormat), later.containerFormat.or(() -> containerFormat),
                later.size.isPresent() ? later.size : size,
                later.virtualSize.isPresent() ? later.virtualSize : virtualSize, properties,
                dataReplaced || later.dataReplaced);
    }
}
