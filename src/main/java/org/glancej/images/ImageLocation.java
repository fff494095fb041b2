package org.glancej.images;

import java.util.Map;

/** Where an image's data lives: a store URL plus its metadata, as kept in {@code image_locations}. */
public record ImageLocation(String url, Map<String, Object> metadata, String status) {
    public ImageLocation {
        metadata = Map.copyOf(metadata);
    }
}
