package org.glancej.images.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glancej.common.GlanceException;
import org.glancej.config.ConfigException;
import org.glancej.images.ImagesConfig;

import static org.glancej.common.SchemaNodes.UUID_PATTERN;

/**
 * Upstream's image schema ({@code GET /v2/schemas/image}) as a validator: the base properties in upstream's order,
 * the operator's custom properties ({@code schema-image.json}) after them, and every other key an extra property
 * that must be a string. Create bodies and each PATCH value are checked against it.
 */
public final class ImageSchema {
    private final Map<String, PropertySchema> properties;
    private final PropertySchema additionalProperties = PropertySchema.string();

    private ImageSchema(Map<String, PropertySchema> properties) {
        this.properties = Collections.unmodifiableMap(properties);
    }

    /** The schema with the configured disk and container formats and no custom properties. */
    public static ImageSchema of(ImagesConfig config) {
        return of(config, Map.of());
    }

    /**
     * The schema plus an operator's custom properties (in file order).
     *
     * @throws ConfigException if a custom property redefines a base property
     */
    public static ImageSchema of(ImagesConfig config, Map<String, PropertySchema> customProperties) {
        Map<String, PropertySchema> all = baseProperties(config);
        for (Map.Entry<String, PropertySchema> custom : customProperties.entrySet()) {
            if (all.containsKey(custom.getKey())) {
                throw new ConfigException("custom properties (" + custom.getKey() + ") conflict with base properties");
            }
            all.put(custom.getKey(), custom.getValue());
        }
        return new ImageSchema(all);
    }

    /**
     * Reads the property definitions of an operator's {@code schema-image.json}, in file order.
     *
     * @throws ConfigException if the file's top level is not an object of objects
     */
    public static Map<String, PropertySchema> customProperties(JsonNode schemaImageJson) {
        if (!schemaImageJson.isObject()) {
            throw new ConfigException("schema-image.json must hold a JSON object");
        }
        Map<String, PropertySchema> custom = new LinkedHashMap<>();
        schemaImageJson.properties().forEach(e -> custom.put(e.getKey(), PropertySchema.fromJson(e.getKey(),
                e.getValue())));
        return custom;
    }

    /**
     * Validates a whole document, failing with upstream's 400 for the violation upstream would report: the one
     * nearest the top of the document, a wrong type ahead of other failures, else the first found.
     */
    public void validate(ObjectNode document) {
        firstViolation(document).ifPresent(message -> {
            throw GlanceException.badRequest("Provided object does not match schema 'image': " + message);
        });
    }

    /** Validates {@code {name: value}}, as a PATCH operation's value is checked. */
    public void validateProperty(String name, JsonNode value) {
        ObjectNode partial = JsonNodeFactory.instance.objectNode();
        partial.set(name, value);
        validate(partial);
    }

    Optional<String> firstViolation(ObjectNode document) {
        List<PropertySchema.Violation> violations = new ArrayList<>();
        properties.forEach((name, schema) -> {
            if (document.has(name)) {
                schema.check(document.get(name), 1, violations);
            }
        });
        document.properties().forEach(field -> {
            if (!properties.containsKey(field.getKey())) {
                additionalProperties.check(field.getValue(), 1, violations);
            }
        });
        // Stream.min keeps the first of equal elements, like jsonschema's best_match
        return violations.stream()
                .min(Comparator.comparingInt(PropertySchema.Violation::depth)
                        .thenComparing(PropertySchema.Violation::valueHasSchemaType))
                .map(PropertySchema.Violation::message);
    }

    /** The served document's base properties, read as an operator's custom ones are. */
    private static Map<String, PropertySchema> baseProperties(ImagesConfig config) {
        Map<String, PropertySchema> p = new LinkedHashMap<>();
        ImageBaseProperties.build(config.diskFormats(), config.containerFormats()).properties()
                .forEach(e -> p.put(e.getKey(), PropertySchema.fromJson(e.getKey(), e.getValue())));
        // the whole id must match, where re.search lets a trailing newline through to fail later
        p.put("id", PropertySchema.builder().type("string").wholePattern(UUID_PATTERN).build());
        return p;
    }
}
