package org.glancej.images.list;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The marker image as the page query needs it.
 *
 * @param visible whether the caller may see the marker image
 * @param sortValues the marker's value for each key of {@link ImageListQuery#order()}, null where the
 *     column is null: {@code String}, {@code Long} or {@code Instant} (bound by {@link SqlStatement})
 */
public record Marker(boolean visible, List<Object> sortValues) {
    public Marker {
        requireNonNull(sortValues, "sortValues is null");
        sortValues = Collections.unmodifiableList(new ArrayList<>(sortValues));
    }
}
