package org.glancej.metadefs;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A row of {@code metadef_resource_types}: a kind of cloud resource (OS::Glance::Image, OS::Nova::Flavor, ...). */
public record ResourceType(int id, String name, boolean isProtected, Instant createdAt, Instant updatedAt) {
    public ResourceType {
        requireNonNull(name, "name is null");
    }
}
