package org.glancej.metadefs.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.glancej.common.GlanceException;

/**
 * Property definitions as upstream keeps them after its model layer (wsme) has read them: only the known
 * attributes, in the model's order, each converted to the attribute's type: integers truncated
 * ({@code minimum: 1.5} is stored as 1), {@code default} as text ({@code true} becomes {@code "True"}, lists and
 * objects none), booleans from their spellings. What upstream's model cannot convert fails with 400 here (upstream
 * answers 500).
 */
public final class PropertyDefinitions {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> ORDER = List.of("name", "type", "title", "description", "operators",
            "default", "readonly", "minimum", "maximum", "enum", "pattern", "minLength", "maxLength", "confidential",
            "items", "uniqueItems", "minItems", "maxItems", "additionalItems");
    private static final Set<String> TEXT = Set.of("name", "type", "title", "description", "pattern");
    private static final Set<String> TEXT_LISTS = Set.of("operators", "enum");
    private static final Set<String> BOOLEANS = Set.of("readonly", "confidential", "uniqueItems", "additionalItems");
    private static final Set<String> INTEGERS = Set.of("minimum", "maximum", "minLength", "maxLength", "minItems",
            "maxItems");

    private PropertyDefinitions() {}

    /** A definition from a request, or 400 naming the attribute upstream's model refuses. */
    public static ObjectNode fromRequest(JsonNode definition) {
        return normalise(definition, true);
    }

    /** A stored definition (possibly written by upstream's loader from a file): what cannot be read is left out. */
    public static ObjectNode fromStorage(JsonNode definition) {
        return normalise(definition, false);
    }

    /** Each of a map's definitions, keyed by property name. */
    public static ObjectNode allFromRequest(JsonNode definitions) {
        ObjectNode out = NODES.objectNode();
        definitions.properties().forEach(e -> out.set(e.getKey(), fromRequest(e.getValue())));
        return out;
    }

    public static ObjectNode allFromStorage(JsonNode definitions) {
        ObjectNode out = NODES.objectNode();
        definitions.properties().forEach(e -> {
            if (e.getValue().isObject()) {
                out.set(e.getKey(), fromStorage(e.getValue()));
            }
        });
        return out;
    }

    private static ObjectNode normalise(JsonNode definition, boolean strict) {
        if (strict) {
            definition.fieldNames().forEachRemaining(key -> {
                if (!ORDER.contains(key)) {
                    throw GlanceException.badRequest("Unknown attribute for argument property_type: " + key);
                }
            });
        }
        ObjectNode out = NODES.objectNode();
        for (String key : ORDER) {
            JsonNode value = definition.get(key);
            if (value == null) {
                continue;
            }
            try {
                out.set(key, converted(key, value));
            } catch (GlanceException e) {
                if (strict) {
                    throw e;
                }
            }
        }
        return out;
    }

    private static JsonNode converted(String key, JsonNode value) {
        if (value.isNull()) {
            return value;
        }
        if (TEXT.contains(key)) {
            return value.isTextual() ? value : NODES.textNode(pythonStr(key, value));
        }
        if (TEXT_LISTS.contains(key)) {
            return textList(key, value);
        }
        if (BOOLEANS.contains(key)) {
            return NODES.booleanNode(bool(key, value));
        }
        if (INTEGERS.contains(key)) {
            return integer(key, value);
        }
        if (key.equals("default")) {
            return defaultValue(value);
        }
        return items(value);
    }

    private static ArrayNode textList(String key, JsonNode value) {
        if (!value.isArray()) {
            throw invalid(key, value, "Value not a valid list: " + PythonRepr.of(value));
        }
        for (JsonNode item : value) {
            if (!item.isTextual() && !item.isNull()) {
                throw invalid(key, value, "Wrong type. Expected '<class 'str'>', got '" + pythonType(item) + "'");
            }
        }
        return (ArrayNode) value;
    }

    private static boolean bool(String key, JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.decimalValue().signum() != 0;
        }
        String text = value.asText().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "1", "yes", "y", "t", "on" -> true;
            case "false", "0", "no", "n", "f", "off" -> false;
            default -> throw invalid(key, value, "Wrong type. Expected '<class 'bool'>', got '" + pythonType(value) + "'");
        };
    }

    private static JsonNode integer(String key, JsonNode value) {
        if (value.isBoolean()) {
            return NODES.numberNode(value.booleanValue() ? 1 : 0);
        }
        if (value.isNumber()) {
            return NODES.numberNode(value.decimalValue().setScale(0, RoundingMode.DOWN).toBigInteger());
        }
        if (value.isTextual()) {
            try {
                return NODES.numberNode(new BigDecimal(value.textValue().strip()).toBigIntegerExact());
            } catch (NumberFormatException | ArithmeticException e) {
                throw invalid(key, value, "Invalid integer value");
            }
        }
        throw invalid(key, value, "Wrong type. Expected '<class 'int'>', got '" + pythonType(value) + "'");
    }

    /** Upstream stores {@code default} as ASCII text; other JSON values become their Python spelling or none. */
    private static JsonNode defaultValue(JsonNode value) {
        if (value.isArray() || value.isObject()) {
            return NODES.nullNode();
        }
        String text = value.isTextual() ? value.textValue() : pythonStr("default", value);
        if (!text.chars().allMatch(c -> c < 0x80)) {
            throw GlanceException.badRequest("Error decoding your request. Either the URL or the request body"
                    + " contained characters that could not be decoded by Glance");
        }
        return NODES.textNode(text);
    }

    private static ObjectNode items(JsonNode value) {
        if (!value.isObject()) {
            throw invalid("items", value, "Wrong type. Expected '<class 'ItemType'>', got '" + pythonType(value) + "'");
        }
        JsonNode type = value.get("type");
        if (type == null || type.isNull()) {
            throw invalid("type", NODES.nullNode(), "Mandatory field missing.");
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            if (!field.getKey().equals("type") && !field.getKey().equals("enum")) {
                throw GlanceException.badRequest("Unknown attribute for argument items: " + field.getKey());
            }
        }
        ObjectNode out = NODES.objectNode();
        out.set("type", converted("type", type));
        if (value.has("enum")) {
            out.set("enum", converted("enum", value.get("enum")));
        }
        return out;
    }

    private static String pythonStr(String key, JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue() ? "True" : "False";
        }
        if (value.isNumber()) {
            return PythonRepr.of(value);
        }
        throw invalid(key, value, "Wrong type. Expected '<class 'str'>', got '" + pythonType(value) + "'");
    }

    private static String pythonType(JsonNode value) {
        return switch (value.getNodeType()) {
            case BOOLEAN -> "<class 'bool'>";
            case NUMBER -> value.isIntegralNumber() ? "<class 'int'>" : "<class 'float'>";
            case STRING -> "<class 'str'>";
            case ARRAY -> "<class 'list'>";
            case OBJECT -> "<class 'dict'>";
            default -> "<class 'NoneType'>";
        };
    }

    private static GlanceException invalid(String key, JsonNode value, String why) {
        String shown = value.isTextual() ? value.textValue() : PythonRepr.of(value);
        return GlanceException.badRequest("Invalid input for field/attribute " + key + ". Value: '" + shown + "'. "
                + why);
    }
}
