package org.glancej.images.request;

import java.util.Map;
import org.glancej.common.GlanceException;

/**
 * What a PATCH of {@code /locations} needs from the service, and where it may veto: each hook refuses by throwing
 * a {@link GlanceException}.
 */
public interface LocationRules {
    /** Locations hidden ({@code show_multiple_locations} off): every location operation is 403. */
    LocationRules HIDDEN = new LocationRules() {
        @Override
        public boolean visible() {
            return false;
        }

        @Override
        public Checked check(String url, Map<String, Object> metadata) {
            throw new IllegalStateException("locations are hidden");
        }
    };

    /** A location the service accepted: its metadata as stored (the store id added) and its data's size. */
    record Checked(String url, Map<String, Object> metadata, long size) {}

    /** {@code show_multiple_locations}. */
    boolean visible();

    /**
     * Checks a location to add: a scheme that may be added, a configured store that serves the URL, a URL that
     * may be fetched, data of a size above zero there. 400 "Invalid location" otherwise.
     */
    Checked check(String url, Map<String, Object> metadata);

    /** {@code set_image_location}, before a location is added or the list replaced. */
    default void checkSet() {}

    /** {@code delete_image_location}, before a location is removed. */
    default void checkDelete() {}

    /** {@code image_location_quota}: 413 when the image would hold more locations. */
    default void checkCount(int locations) {}

    /** {@code hashing_algorithm}: the only {@code os_hash_algo} validation data may name. */
    default String hashingAlgorithm() {
        return "sha512";
    }
}
