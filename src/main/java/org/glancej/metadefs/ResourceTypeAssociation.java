package org.glancej.metadefs;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A namespace's association with a resource type ({@code metadef_namespace_resource_types}).
 *
 * @param name the resource type's name
 * @param prefix put before the namespace's property names for this resource type; may be null
 * @param propertiesTarget the part of the resource the properties go to (e.g. {@code image} of a volume); may
 *     be null
 */
public record ResourceTypeAssociation(String name, String prefix, String propertiesTarget, Instant createdAt,
        Instant updatedAt) {
    public ResourceTypeAssociation {
        requireNonNull(name, "name is null");
    }
}
