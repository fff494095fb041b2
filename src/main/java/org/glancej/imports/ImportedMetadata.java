package org.glancej.imports;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.glancej.common.GlanceException;
import org.glancej.images.Image;
import org.glancej.images.ImageDao;

/**
 * Metadata an import sets on its image before the data goes to the stores: a plugin's new formats and injected
 * properties, glance-download's formats and properties of the other region's image.
 */
final class ImportedMetadata {
    private ImportedMetadata() {}

    static void save(ImageDao dao, Clock clock, String imageId, Optional<String> diskFormat,
            Optional<String> containerFormat, Map<String, String> properties) {
        Image current = dao.find(imageId).orElseThrow(
                () -> GlanceException.notFound("Image has been deleted, aborting import."));
        Map<String, String> merged = new LinkedHashMap<>(current.properties());
        merged.putAll(properties);
        Image after = current.toBuilder().diskFormat(diskFormat.orElse(current.diskFormat()))
                .containerFormat(containerFormat.orElse(current.containerFormat())).properties(merged)
                .updatedAt(clock.instant()).build();
        if (!dao.update(current, after, current.status())) {
            throw GlanceException.conflict("Image " + imageId + " changed during the import.");
        }
    }
}
