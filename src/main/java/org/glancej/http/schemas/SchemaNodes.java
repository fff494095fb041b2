package org.glancej.http.schemas;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Small builders for JSON-schema fragments; member order follows upstream's documents. */
final class SchemaNodes {
    /** The UUID pattern upstream puts on image, member and task ids. */
    static final String UUID_PATTERN =
            "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaNodes() {}

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** {@code {"type": type}} */
    static ObjectNode typed(String type) {
        return object().put("type", type);
    }

    /** {@code {"type": ["null", type]}} */
    static ObjectNode nullable(String type) {
        ObjectNode node = object();
        node.putArray("type").add("null").add(type);
        return node;
    }

    /** {@code {"type": type, "readOnly": true}} */
    static ObjectNode readOnly(String type) {
        return typed(type).put("readOnly", true);
    }

    /** {@code {"type": ["null", type], "readOnly": true}} */
    static ObjectNode readOnlyNullable(String type) {
        return nullable(type).put("readOnly", true);
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    /** An enum that also admits JSON null, listed first as upstream does. */
    static ArrayNode nullOr(List<String> values) {
        ArrayNode array = NODES.arrayNode().addNull();
        values.forEach(array::add);
        return array;
    }

    static ObjectNode link(String rel, String href) {
        return object().put("rel", rel).put("href", href);
    }

    static ArrayNode links(ObjectNode... links) {
        ArrayNode array = NODES.arrayNode();
        for (ObjectNode link : links) {
            array.add(link);
        }
        return array;
    }
}
