package org.glancej.imports.plugins;

import org.glancej.auth.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code no_op}: changes nothing; shows in the debug log that the chain ran. */
final class NoOpPlugin implements ImportPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(NoOpPlugin.class);

    @Override
    public String name() {
        return ImportPluginsConfig.NO_OP;
    }

    @Override
    public ImageChanges apply(StagedImage image, RequestContext caller, ImportProgress progress) {
        LOG.debug("no_op import plugin ran for image {}", image.imageId());
        return ImageChanges.NONE;
    }
}
