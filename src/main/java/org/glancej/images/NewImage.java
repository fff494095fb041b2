package org.glancej.images;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a client may choose when registering an image; everything else starts at upstream's defaults.
 *
 * @param owner the owner the body named (empty when it named none: the caller's project owns the image); a
 *     named owner may be null, for an image no project owns
 */
public record NewImage(
        Optional<String> id,
        Optional<Optional<String>> owner,
        String name,
        Visibility visibility,
        boolean isProtected,
        boolean osHidden,
        int minDisk,
        int minRam,
        String diskFormat,
        String containerFormat,
        Map<String, String> properties,
        List<String> tags) {

    public NewImage {
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
        tags = List.copyOf(tags);
    }
}
