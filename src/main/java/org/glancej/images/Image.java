package org.glancej.images;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One image's metadata as stored: base attributes, extra properties and tags (both in insertion order),
 * and the store locations of its data. Immutable; changes produce a new record.
 */
public record Image(
        String id,
        String name,
        ImageStatus status,
        Visibility visibility,
        boolean isProtected,
        boolean osHidden,
        String checksum,
        String osHashAlgo,
        String osHashValue,
        String owner,
        Long size,
        Long virtualSize,
        String diskFormat,
        String containerFormat,
        int minDisk,
        int minRam,
        Instant createdAt,
        Instant updatedAt,
        Map<String, String> properties,
        List<String> tags,
        List<ImageLocation> locations) {

    public Image {
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
        tags = List.copyOf(tags);
        locations = List.copyOf(locations);
    }
}
