package org.glancej.images;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a client may choose when registering an image; everything else starts at upstream's defaults. */
public record NewImage(
        Optional<String> id,
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
