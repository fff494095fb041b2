package org.glancej.imports.plugins;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glancej.auth.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code inject_image_metadata}: sets the operator's {@code [inject_metadata_properties] inject} properties on
 * images imported by callers holding none of the {@code ignore_user_roles}. As upstream, injected values replace
 * the image's own, and keys in the reserved {@code os_glance} namespace are dropped with a warning. Role names
 * compare without case, as the request context holds them lower-cased.
 */
final class InjectMetadataPlugin implements ImportPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(InjectMetadataPlugin.class);
    static final String RESERVED_NAMESPACE = "os_glance";

    private final List<String> ignoreUserRoles;
    private final Map<String, String> inject;

    InjectMetadataPlugin(List<String> ignoreUserRoles, Map<String, String> inject) {
        this.ignoreUserRoles = List.copyOf(ignoreUserRoles);
        this.inject = Map.copyOf(inject);
    }

    @Override
    public String name() {
        return ImportPluginsConfig.INJECT_IMAGE_METADATA;
    }

    @Override
    public ImageChanges apply(StagedImage image, RequestContext caller, ImportProgress progress) {
        if (inject.isEmpty() || ignoreUserRoles.stream().anyMatch(caller::hasRole)) {
            return ImageChanges.NONE;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        inject.forEach((key, value) -> {
            if (key.startsWith(RESERVED_NAMESPACE)) {
                LOG.warn("dropping {}={} during metadata injection for image {}: reserved namespace", key, value,
                        image.imageId());
            } else {
                properties.put(key, value);
            }
        });
        return ImageChanges.properties(properties);
    }
}
