package org.glancej.metadefs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A row of {@code metadef_objects}.
 *
 * @param required property names the object requires (stored comma-joined, as upstream stores them)
 * @param properties property definitions by name, each a {@link PropertyDefinitions normalised} definition
 */
public record MetadefObject(int id, String name, String description, List<String> required, ObjectNode properties,
        Instant createdAt, Instant updatedAt) {
    public MetadefObject {
        requireNonNull(name, "name is null");
        required = List.copyOf(required);
        properties = properties.deepCopy();
    }

    @Override
    public ObjectNode properties() {
        return properties.deepCopy();
    }
}
