package org.glancej.metadefs.schema;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a document against one of the metadef schema documents as upstream's validator (jsonschema) does:
 * every keyword in the order the schema lists it, and of the failures the one jsonschema's {@code best_match}
 * reports: the one nearest the top of the document, one whose value has the wrong type first, else the first.
 * Covers the keywords those documents use: type, enum, required, properties, additionalProperties, items,
 * minimum, maxLength, minLength, minItems, maxItems, uniqueItems, allOf and local {@code $ref}s. Formats are not
 * checked (upstream passes no format checker).
 */
public final class SchemaValidator {
    private record Violation(int depth, boolean valueHasSchemaType, String message) {}

    private final String name;
    private final ObjectNode root;

    public SchemaValidator(String name, ObjectNode root) {
        this.name = requireNonNull(name, "name is null");
        this.root = requireNonNull(root, "root is null");
    }

    public String name() {
        return name;
    }

    /** The message upstream's 400 carries for {@code document}, or empty when it is valid. */
    public Optional<String> firstViolation(JsonNode document) {
        List<Violation> violations = new ArrayList<>();
        check(root, document, 0, violations);
        Violation best = null;
        for (Violation v : violations) {
            if (best == null || v.depth() < best.depth()
                    || (v.depth() == best.depth() && !v.valueHasSchemaType() && best.valueHasSchemaType())) {
                best = v;
            }
        }
        return Optional.ofNullable(best)
                .map(v -> "Provided object does not match schema '" + name + "': " + v.message());
    }

    private void check(JsonNode schema, JsonNode value, int depth, List<Violation> out) {
        for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
            JsonNode arg = keyword.getValue();
            switch (keyword.getKey()) {
                case "$ref" -> check(resolve(arg.asText()), value, depth, out);
                case "allOf" -> arg.forEach(sub -> check(sub, value, depth, out));
                case "type" -> {
                    if (!hasType(value, arg)) {
                        out.add(new Violation(depth, false, PythonRepr.of(value) + " is not of type " + typeNames(arg)));
                    }
                }
                case "enum" -> {
                    if (!contains(arg, value)) {
                        out.add(violation(schema, value, depth, PythonRepr.of(value) + " is not one of "
                                + PythonRepr.of(arg)));
                    }
                }
                case "required" -> {
                    if (value.isObject()) {
                        arg.forEach(required -> {
                            if (!value.has(required.asText())) {
                                out.add(violation(schema, value, depth, PythonRepr.string(required.asText())
                                        + " is a required property"));
                            }
                        });
                    }
                }
                case "properties" -> {
                    if (value.isObject()) {
                        arg.properties().forEach(p -> {
                            if (value.has(p.getKey())) {
                                check(p.getValue(), value.get(p.getKey()), depth + 1, out);
                            }
                        });
                    }
                }
                case "additionalProperties" -> additional(schema, arg, value, depth, out);
                case "items" -> {
                    if (value.isArray() && arg.isObject()) {
                        value.forEach(item -> check(arg, item, depth + 1, out));
                    }
                }
                case "minimum" -> {
                    if (value.isNumber() && value.decimalValue().compareTo(arg.decimalValue()) < 0) {
                        out.add(violation(schema, value, depth, PythonRepr.of(value) + " is less than the minimum of "
                                + PythonRepr.of(arg)));
                    }
                }
                case "maxLength" -> {
                    if (value.isTextual() && length(value) > arg.asInt()) {
                        out.add(violation(schema, value, depth, PythonRepr.of(value) + " is too long"));
                    }
                }
                case "minLength" -> {
                    if (value.isTextual() && length(value) < arg.asInt()) {
                        out.add(violation(schema, value, depth, PythonRepr.of(value) + " is too short"));
                    }
                }
                case "minItems" -> {
                    if (value.isArray() && value.size() < arg.asInt()) {
                        out.add(violation(schema, value, depth, PythonRepr.of(value) + " is too short"));
                    }
                }
                case "maxItems" -> {
                    if (value.isArray() && value.size() > arg.asInt()) {
                        out.add(violation(schema, value, depth, PythonRepr.of(value) + " is too long"));
                    }
                }
                case "uniqueItems" -> {
                    if (arg.asBoolean() && value.isArray() && !unique(value)) {
                        out.add(violation(schema, value, depth, PythonRepr.of(value) + " has non-unique elements"));
                    }
                }
                default -> { } // annotations: description, default, readOnly, format, name, ...
            }
        }
    }

    private void additional(JsonNode schema, JsonNode arg, JsonNode value, int depth, List<Violation> out) {
        if (!value.isObject()) {
            return;
        }
        JsonNode declared = schema.path("properties");
        List<String> extras = new ArrayList<>();
        value.fieldNames().forEachRemaining(key -> {
            if (!declared.has(key)) {
                extras.add(key);
            }
        });
        if (arg.isBoolean()) {
            if (!arg.booleanValue() && !extras.isEmpty()) {
                String listed = String.join(", ", extras.stream().map(PythonRepr::string).toList());
                out.add(violation(schema, value, depth, "Additional properties are not allowed (" + listed
                        + (extras.size() == 1 ? " was" : " were") + " unexpected)"));
            }
        } else if (arg.isObject()) {
            extras.forEach(key -> check(arg, value.get(key), depth + 1, out));
        }
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("schema " + name + " refers outside itself: " + ref);
        }
        JsonNode node = root;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part);
        }
        if (node.isMissingNode()) {
            throw new IllegalStateException("schema " + name + " has no " + ref);
        }
        return node;
    }

    private static Violation violation(JsonNode schema, JsonNode value, int depth, String message) {
        JsonNode type = schema.get("type");
        return new Violation(depth, type == null || hasType(value, type), message);
    }

    private static boolean hasType(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (isType(value, t.asText())) {
                    return true;
                }
            }
            return false;
        }
        return isType(value, type.asText());
    }

    static boolean isType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            case "number" -> value.isNumber();
            // jsonschema counts 1.0 as an integer
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            default -> true;
        };
    }

    private static String typeNames(JsonNode type) {
        if (!type.isArray()) {
            return PythonRepr.string(type.asText());
        }
        List<String> names = new ArrayList<>();
        type.forEach(t -> names.add(PythonRepr.string(t.asText())));
        return String.join(", ", names);
    }

    /** Python equality: 1 == 1.0 == True, so such values count as one. */
    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (pythonEquals(candidate, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unique(JsonNode array) {
        Set<String> seen = new HashSet<>();
        for (JsonNode item : array) {
            if (!seen.add(key(item))) {
                return false;
            }
        }
        return true;
    }

    private static boolean pythonEquals(JsonNode a, JsonNode b) {
        return key(a).equals(key(b));
    }

    private static String key(JsonNode v) {
        if (v.isBoolean()) {
            return "n:" + (v.booleanValue() ? "1" : "0");
        }
        if (v.isNumber()) {
            return "n:" + v.decimalValue().stripTrailingZeros().toPlainString();
        }
        return v.getNodeType() + ":" + v;
    }

    private static int length(JsonNode text) {
        return text.textValue().codePointCount(0, text.textValue().length());
    }
}
