package org.glancej.imports.plugins;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import org.glancej.store.ImageStore;

/**
 * An image whose data is staged, as a plugin sees it.
 *
 * @param imageId the image's id
 * @param data the staged file (the object named by the image id in the staging store); plugins replace it in
 *     place, never leave it partly written
 * @param diskFormat the image's {@code disk_format} as it stands (after earlier plugins' changes)
 * @param containerFormat the image's {@code container_format} as it stands
 */
public record StagedImage(String imageId, Path data, String diskFormat, String containerFormat) {
    public StagedImage {
        requireNonNull(imageId, "imageId is null");
        requireNonNull(data, "data is null");
    }

    /**
     * The image's staged data in the staging store: the object named by the image id, which is a file since the
     * staging store is a file store (upstream's reserved stores are).
     *
     * @throws IllegalArgumentException when the staging store does not keep its objects in local files
     */
    public static StagedImage inStagingStore(ImageStore staging, String imageId, String diskFormat,
            String containerFormat) {
        String location = staging.uploadLocation(imageId).orElse("");
        if (!location.startsWith("file://")) {
            throw new IllegalArgumentException("the staging store is not a file store");
        }
        return new StagedImage(imageId, Path.of(location.substring("file://".length())), diskFormat, containerFormat);
    }

    /** The same staged data as the next plugin sees it once {@code changes} are applied. */
    StagedImage with(ImageChanges changes) {
        return new StagedImage(imageId, data, changes.diskFormat().orElse(diskFormat),
                changes.containerFormat().orElse(containerFormat));
    }
}
