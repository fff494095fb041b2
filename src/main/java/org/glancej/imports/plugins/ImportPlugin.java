package org.glancej.imports.plugins;

import org.glancej.auth.RequestContext;

/** One step of the import chain, known to operators by upstream's name. */
interface ImportPlugin {
    String name();

    /**
     * Processes the staged data, replacing the file in place if it rewrites it.
     *
     * @throws ImportPluginFailure when the data must not be imported; the plugin has removed what it wrote
     */
    ImageChanges apply(StagedImage image, RequestContext caller, ImportProgress progress);
}
