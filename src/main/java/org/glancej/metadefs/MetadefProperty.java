package org.glancej.metadefs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A row of {@code metadef_properties}: a namespace-level property definition.
 *
 * @param schema the definition without its name, as stored in {@code json_schema}
 */
public record MetadefProperty(int id, String name, ObjectNode schema) {
    public MetadefProperty {
        requireNonNull(name, "name is null");
        schema = schema.deepCopy();
    }

    @Override
    public ObjectNode schema() {
        return schema.deepCopy();
    }
}
