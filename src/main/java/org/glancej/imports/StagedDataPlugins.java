package org.glancej.imports;

import org.glancej.auth.RequestContext;
import org.glancej.images.Image;
import org.glancej.tasks.TaskProgress;

/**
 * The import plugins ({@code [image_import_opts] image_import_plugins}) applied to staged data before it goes
 * to any store, for every method but copy-image (upstream runs none for copies). A plugin may replace the data
 * (conversion, decompression) and change the image's metadata (inject_image_metadata, a converted disk_format);
 * the import reads the image again after the plugins ran. {@code caller} is who asked for the import: some
 * plugins depend on its roles.
 */
@FunctionalInterface
public interface StagedDataPlugins {
    ImportData apply(RequestContext caller, Image image, ImportData staged, TaskProgress progress);

    /** No plugins configured: the staged data goes to the stores as it is. */
    static StagedDataPlugins none() {
        return (caller, image, staged, progress) -> staged;
    }
}
