package org.glancej.imports;

import org.glancej.images.Image;
import org.glancej.tasks.TaskProgress;

/**
 * The import plugins ({@code [image_import_opts] image_import_plugins}) applied to staged data before it goes
 * to any store, for every method but copy-image (upstream runs none for copies). A plugin may replace the data
 * (conversion, decompression: returning the new staged data and discarding or keeping the old as it must) and
 * change the image's metadata (inject_image_metadata, a converted disk_format) through the image DAO it holds;
 * the import reads the image again after the plugins ran.
 */
@FunctionalInterface
public interface StagedDataPlugins {
    ImportData apply(Image image, ImportData staged, TaskProgress progress);

    /** No plugins configured: the staged data goes to the stores as it is. */
    static StagedDataPlugins none() {
        return (image, staged, progress) -> staged;
    }
}
