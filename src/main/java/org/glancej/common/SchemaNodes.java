package org.glancej.common;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Small builders for JSON-schema fragments; member order follows upstream's documents. */
public final class SchemaNodes {
    /** The UUID pattern upstream puts on image, member and task ids. */
    public static final String UUID_PATTERN =
            "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaNodes() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** {@code {"type": type}} */
    public static ObjectNode typed(String type) {
        return object().put("type", type);
    }

    /** {@code {"type": ["null", type]}} */
    public static ObjectNode nullable(String type) {
        ObjectNode node = object();
        node.putArray("type").add("null").add(type);
        return node;
    }

    /** {@code {"type": type, "readOnly": true}} */
    public static ObjectNode readOnly(String type) {
        return typed(type).put("readOnly", true);
    }

    /** {@code {"type": ["null", type], "readOnly": true}} */
    public static ObjectNode readOnlyNullable(String type) {
        return nullable(type).put("readOnly", true);
    }

    public static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    /** An enum that also admits JSON null, listed first as upstream does. */
    public static ArrayNode nullOr(List<String> values) {
        ArrayNode array = NODES.arrayNode().addNull();
        values.forEach(array::add);
        return array;
    }

    public static ObjectNode link(String rel, String href) {
        return object().put("rel", rel).put("href", href);
    }

    public static ArrayNode links(ObjectNode... links) {
        ArrayNode array = NODES.arrayNode();
        for (ObjectNode link : links) {
            array.add(link);
        }
        return array;
    }
}
