package org.glancej.images.request;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.glancej.config.ConfigException;

/**
 * The JSON-schema subset upstream's image schema uses ({@code type}, {@code enum}, {@code minLength},
 * {@code maxLength}, {@code pattern}, {@code items}, {@code properties}, {@code required},
 * {@code additionalProperties}), checked the way upstream's validator (jsonschema, draft 2020-12) does: every
 * keyword in the order the schema lists it, each failure reported with jsonschema's message text.
 */
public final class PropertySchema {
    /** One failed keyword: how deep in the instance it failed and whether the value had the schema's type. */
    record Violation(int depth, boolean valueHasSchemaType, String message) {}

    private interface Keyword {
        void check(JsonNode value, int depth, List<Violation> out);
    }

    private final List<String> types;
    private final List<Keyword> keywords;

    private PropertySchema(List<String> types, List<Keyword> keywords) {
        this.types = List.copyOf(types);
        this.keywords = List.copyOf(keywords);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A schema that accepts only strings: what upstream requires of every extra property. */
    public static PropertySchema string() {
        return builder().type("string").build();
    }

    /**
     * Reads one property definition of a schema document (the base properties, an operator's
     * {@code schema-image.json}); keywords outside the supported subset (descriptions, titles, ...) are ignored.
     */
    public static PropertySchema fromJson(String name, JsonNode definition) {
        if (!definition.isObject()) {
            throw new ConfigException("schema-image.json: property " + name + " must be an object");
        }
        Builder builder = builder();
        for (Map.Entry<String, JsonNode> field : definition.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "type" -> {
                    List<String> names = new ArrayList<>();
                    if (value.isArray()) {
                        value.forEach(t -> names.add(t.asText()));
                    } else {
                        names.add(value.asText());
                    }
                    builder.type(names.toArray(String[]::new));
                }
                case "enum" -> {
                    List<JsonNode> values = new ArrayList<>();
                    value.forEach(values::add);
                    builder.enumOf(values);
                }
                case "minLength" -> builder.minLength(value.asInt());
                case "maxLength" -> builder.maxLength(value.asInt());
                case "pattern" -> builder.pattern(value.asText());
                case "items" -> builder.items(fromJson(name + "[]", value));
                case "properties" -> {
                    Map<String, PropertySchema> properties = new LinkedHashMap<>();
                    value.properties().forEach(e -> properties.put(e.getKey(), fromJson(e.getKey(), e.getValue())));
                    builder.properties(properties);
                }
                case "required" -> {
                    List<String> required = new ArrayList<>();
                    value.forEach(r -> required.add(r.asText()));
                    builder.required(required.toArray(String[]::new));
                }
                case "additionalProperties" -> {
                    if (value.isBoolean() && !value.booleanValue()) {
                        builder.noAdditionalProperties();
                    }
                }
                default -> { }
            }
        }
        return builder.build();
    }

    /** Every keyword failure for {@code value}, which sits {@code depth} levels below the validated document. */
    void check(JsonNode value, int depth, List<Violation> out) {
        for (Keyword keyword : keywords) {
            keyword.check(value, depth, out);
        }
    }

    private boolean hasSchemaType(JsonNode value) {
        return !types.isEmpty() && types.stream().anyMatch(t -> isType(value, t));
    }

    private Violation violation(JsonNode value, int depth, String message) {
        return new Violation(depth, hasSchemaType(value), message);
    }

    static boolean isType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "null" -> value.isNull();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "number" -> value.isNumber();
            // draft 6+: a float with no fractional part counts as an integer (1.0 is accepted)
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && isWhole(value));
            default -> false;
        };
    }

    private static boolean isWhole(JsonNode number) {
        double d = number.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return false;
        }
        return number.decimalValue().stripTrailingZeros().scale() <= 0;
    }

    /** Python equality between a JSON value and an enum member, keeping booleans apart from numbers. */
    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isNumber() || b.isNumber()) {
            return false;
        }
        return a.equals(b);
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    public static final class Builder {
        private final List<String> types = new ArrayList<>();
        private final List<Keyword> keywords = new ArrayList<>();
        private Map<String, PropertySchema> knownProperties = Map.of();
        private PropertySchema built;

        private Builder() {}

        public Builder type(String... names) {
            List<String> accepted = List.of(names);
            types.addAll(accepted);
            String reprs = String.join(", ", accepted.stream().map(PyRepr::repr).toList());
            keywords.add((value, depth, out) -> {
                if (accepted.stream().noneMatch(t -> isType(value, t))) {
                    out.add(self().violation(value, depth, PyRepr.repr(value) + " is not of type " + reprs));
                }
            });
            return this;
        }

        public Builder enumOf(List<JsonNode> values) {
            List<JsonNode> accepted = List.copyOf(values);
            String listRepr = PyRepr.repr(JsonNodeFactory.instance.arrayNode().addAll(accepted));
            keywords.add((value, depth, out) -> {
                if (accepted.stream().noneMatch(v -> sameValue(v, value))) {
                    out.add(self().violation(value, depth, PyRepr.repr(value) + " is not one of " + listRepr));
                }
            });
            return this;
        }

        public Builder minLength(int min) {
            keywords.add((value, depth, out) -> {
                if (value.isTextual() && length(value.textValue()) < min) {
                    out.add(self().violation(value, depth, PyRepr.repr(value) + " is too short"));
                }
            });
            return this;
        }

        public Builder maxLength(int max) {
            keywords.add((value, depth, out) -> {
                if (value.isTextual() && length(value.textValue()) > max) {
                    out.add(self().violation(value, depth, PyRepr.repr(value) + " is too long"));
                }
            });
            return this;
        }

        /** Python {@code re.search} semantics: unanchored unless the pattern anchors itself. */
        public Builder pattern(String regex) {
            Pattern compiled = Pattern.compile(regex, Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS);
            return pattern(regex, s -> compiled.matcher(s).find());
        }

        /**
         * A pattern that must match the whole value; {@code regex} is still what messages show. Stricter than
         * {@code re.search}, whose {@code $} also matches before a trailing newline.
         */
        public Builder wholePattern(String regex) {
            Pattern compiled = Pattern.compile(regex);
            return pattern(regex, s -> compiled.matcher(s).matches());
        }

        private Builder pattern(String regex, Predicate<String> matches) {
            String patternRepr = PyRepr.repr(regex);
            keywords.add((value, depth, out) -> {
                if (value.isTextual() && !matches.test(value.textValue())) {
                    out.add(self().violation(value, depth, PyRepr.repr(value) + " does not match " + patternRepr));
                }
            });
            return this;
        }

        public Builder items(PropertySchema itemSchema) {
            requireNonNull(itemSchema, "itemSchema is null");
            keywords.add((value, depth, out) -> {
                if (value.isArray()) {
                    for (JsonNode item : value) {
                        itemSchema.check(item, depth + 1, out);
                    }
                }
            });
            return this;
        }

        public Builder properties(Map<String, PropertySchema> properties) {
            Map<String, PropertySchema> copy = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
            keywords.add((value, depth, out) -> {
                if (value.isObject()) {
                    copy.forEach((name, schema) -> {
                        if (value.has(name)) {
                            schema.check(value.get(name), depth + 1, out);
                        }
                    });
                }
            });
            knownProperties = copy;
            return this;
        }

        public Builder required(String... names) {
            List<String> required = List.of(names);
            keywords.add((value, depth, out) -> {
                if (value.isObject()) {
                    for (String name : required) {
                        if (!value.has(name)) {
                            out.add(self().violation(value, depth, PyRepr.repr(name) + " is a required property"));
                        }
                    }
                }
            });
            return this;
        }

        public Builder noAdditionalProperties() {
            keywords.add((value, depth, out) -> {
                if (!value.isObject()) {
                    return;
                }
                TreeSet<String> extras = new TreeSet<>();
                value.properties().forEach(e -> {
                    if (!knownProperties.containsKey(e.getKey())) {
                        extras.add(e.getKey());
                    }
                });
                if (!extras.isEmpty()) {
                    String names = String.join(", ", extras.stream().map(PyRepr::repr).toList());
                    String verb = extras.size() == 1 ? "was" : "were";
                    out.add(self().violation(value, depth,
                            "Additional properties are not allowed (" + names + " " + verb + " unexpected)"));
                }
            });
            return this;
        }

        private PropertySchema self() {
            return built;
        }

        public PropertySchema build() {
            if (built != null) {
                throw new IllegalStateException("already built");
            }
            built = new PropertySchema(types, keywords);
            return built;
        }
    }
}
