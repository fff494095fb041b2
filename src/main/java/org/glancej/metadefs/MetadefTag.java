package org.glancej.metadefs;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A row of {@code metadef_tags}. */
public record MetadefTag(int id, String name, Instant createdAt, Instant updatedAt) {
    public MetadefTag {
        requireNonNull(name, "name is null");
    }
}
