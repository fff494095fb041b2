package org.glancej.metadefs.namespaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.glancej.common.GlanceException;
import org.glancej.metadefs.MetadefInput;
import org.glancej.metadefs.schema.MetadefSchemas;
import org.glancej.metadefs.schema.PropertyDefinitions;

/**
 * A namespace create or update body, checked as upstream checks it before looking anything up: read-only
 * attributes (403), the namespace schema (400), then what upstream's model makes of the contents (every
 * property definition normalised, each association, object and tag with only its known attributes).
 *
 * @param owner the requested owner; null to use the caller's project
 * @param isProtected null when the request does not say
 * @param associations each {@code {name, prefix, properties_target}} as sent
 * @param objects each {@code {name, required, description, properties}} as sent, properties normalised
 * @param properties property definitions by name, normalised; null when the request has none
 * @param tags tag names; null when the request has none
 */
record NamespaceRequest(String name, String displayName, String description, String visibility,
        Boolean isProtected, String owner, List<Association> associations, List<ObjectInput> objects,
        ObjectNode properties, List<String> tags) {

    record Association(String name, String prefix, String propertiesTarget) {}

    /** @param required null when the request has none (then none is shown in the answer either) */
    record ObjectInput(String name, String description, List<String> required, ObjectNode properties) {}

    private static final List<String> READ_ONLY = List.of("self", "schema", "created_at", "updated_at");

    static NamespaceRequest parse(JsonNode body, MetadefSchemas schemas) {
        MetadefInput.refuseReadOnly(body, READ_ONLY);
        MetadefInput.validate(schemas.namespace(), body);
        MetadefInput.requireStorable(body);
        List<Association> associations = new ArrayList<>();
        for (JsonNode a : body.path("resource_type_associations")) {
            knownOnly(a, Set.of("name", "prefix", "properties_target", "created_at", "updated_at"));
            String name = mandatory(a, "name");
            MetadefInput.requireName("Resource type", name);
            associations.add(new Association(name, optionalText(a, "prefix"), optionalText(a, "properties_target")));
        }
        List<ObjectInput> objects = new ArrayList<>();
        for (JsonNode o : body.path("objects")) {
            objects.add(object(o));
        }
        ObjectNode properties = null;
        if (body.has("properties") && !body.get("properties").isNull()) {
            properties = PropertyDefinitions.allFromRequest(body.get("properties"));
            properties.fieldNames().forEachRemaining(name -> MetadefInput.requireName("Property", name));
            MetadefInput.requireText("A property definition", properties.toString());
        }
        List<String> tags = null;
        if (body.has("tags") && !body.get("tags").isNull()) {
            tags = new ArrayList<>();
            for (JsonNode t : body.get("tags")) {
                knownOnly(t, Set.of("name", "created_at", "updated_at"));
                String name = mandatory(t, "name");
                MetadefInput.requireName("Tag", name);
                tags.add(name);
            }
        }
        return new NamespaceRequest(body.get("namespace").textValue(), optionalText(body, "display_name"),
                optionalText(body, "description"), optionalText(body, "visibility"),
                body.path("protected").isBoolean() ? body.get("protected").booleanValue() : null,
                optionalText(body, "owner"), associations, objects, properties, tags);
    }

    private static ObjectInput object(JsonNode o) {
        knownOnly(o, Set.of("name", "required", "description", "properties", "created_at", "updated_at", "self",
                "schema"));
        String name = mandatory(o, "name");
        MetadefInput.requireName("Object", name);
        String description = optionalText(o, "description");
        MetadefInput.requireText("An object description", description);
        List<String> required = null;
        if (o.has("required") && !o.get("required").isNull()) {
            required = new ArrayList<>();
            for (JsonNode r : (ArrayNode) o.get("required")) {
                required.add(r.asText());
            }
        }
        ObjectNode properties = null;
        if (o.has("properties") && !o.get("properties").isNull()) {
            properties = PropertyDefinitions.allFromRequest(o.get("properties"));
            MetadefInput.requireText("An object's property definitions", properties.toString());
        }
        return new ObjectInput(name, description, required, properties);
    }

    private static void knownOnly(JsonNode item, Set<String> known) {
        if (!item.isObject()) {
            return; // the schema has refused it already
        }
        item.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                throw GlanceException.badRequest("Unknown attribute for argument namespace: " + key);
            }
        });
    }

    private static String mandatory(JsonNode item, String key) {
        return Optional.ofNullable(item.get(key)).filter(JsonNode::isTextual).map(JsonNode::textValue)
                .orElseThrow(() -> GlanceException.badRequest("Invalid input for field/attribute " + key
                        + ". Value: 'None'. Mandatory field missing."));
    }

    private static String optionalText(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }
}
