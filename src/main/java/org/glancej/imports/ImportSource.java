package org.glancej.imports;

import org.glancej.auth.RequestContext;
import org.glancej.images.Image;
import org.glancej.tasks.TaskProgress;

/**
 * Where an import method's data comes from. glance-direct reads what was staged; copy-image reads the image's
 * data from its heaviest store; web-download and glance-download plug in here by fetching into the staging
 * store (guarded URL stream, progress counted) and returning the staged data.
 */
@FunctionalInterface
public interface ImportSource {
    /**
     * Makes the data readable for the import of {@code image} (fetching it first when it must), counting what it
     * moves on {@code progress}; throws to fail the import. {@code caller} is who asked for the import
     * (glance-download reads the other region with its token).
     */
    ImportData prepare(RequestContext caller, Image image, ImportRequest request, TaskProgress progress);
}
