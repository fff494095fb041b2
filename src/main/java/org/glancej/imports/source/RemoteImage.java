package org.glancej.imports.source;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What glance-download takes from the other region's image before reading its data: its formats, its size (the
 * data must have exactly this size) and the properties {@code [glance_download_properties] extra_properties}
 * selects, to be set on the local image.
 *
 * @param dataUrl the remote image's {@code /file} URL, found through the catalog
 * @param properties by name; values as the remote document gives them (strings as they are, other JSON as JSON text)
 */
public record RemoteImage(String id, String region, String dataUrl, String diskFormat, String containerFormat, long size,
        Map<String, String> properties) {
    public RemoteImage {
        requireNonNull(id, "id is null");
        requireNonNull(dataUrl, "dataUrl is null");
        properties = Map.copyOf(properties);
    }
}
